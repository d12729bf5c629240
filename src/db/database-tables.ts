import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC text and JSON is text on both dialects: the
 * same values sort and compare the same way in SQLite and PostgreSQL, and zod parses them on the way out.
 */
export interface SubmissionsTable {
  id: string;
  state: string;
  insured_name: string | null;
  fein_last4: string | null;
  effective_date: string | null;
  broker_name: string | null;
  source: string;
  received_at: string;
  updated_at: string;
  packet_folder: string | null;
  submission_json: string | null;
  report_json: string | null;
  outcome_json: string | null;
  duplicate_of: string | null;
}

export interface DocumentsTable {
  submission_id: string;
  sha256: string;
  file_name: string;
  byte_size: number | string;
  store_path: string;
  kind: string | null;
  status: string;
  error_code: string | null;
  error_message: string | null;
  /** 0 or 1: SQLite has no boolean type. */
  error_retryable: number | null;
}

export interface FlagsTable {
  submission_id: string;
  flag_id: string;
  /** The flag's place in the check report, to give them back in the order the check raised them. */
  position: number;
  path: string;
  code: string;
  severity: string;
  /** The flag's `when`: quote or bind (WHEN is an SQL keyword). */
  needed_for: string;
  rule: string;
  message: string;
  value: string | null;
  source_json: string | null;
  resolution_json: string | null;
}

export interface EventsTable {
  id: Generated<number>;
  submission_id: string;
  at: string;
  kind: string;
  detail_json: string;
  actor: string;
}

/** The inbox's key of each submission it took, the first one holding the key. */
export interface IntakeKeysTable {
  key: string;
  submission_id: string;
  taken_at: string;
}

/** Clearance's keys of a submission (src/validate/clearance/clearance-index.ts): what later submissions are matched on. */
export interface ClearanceKeysTable {
  submission_id: string;
  tax_id_hash: string | null;
  name_key: string;
  /** ClearanceKeys as JSON: compared in full once the indexed columns found the candidates. */
  keys_json: string;
  /** When the submission first had nothing blocking its quote. */
  complete_at: string | null;
  /** The last ClearanceResult of this submission, as JSON. */
  result_json: string | null;
  /** What changed since the same insured's previous submission (RenewalDiff as JSON); null when none was found. */
  renewal_json: string | null;
}

/** One word of a submission's name key, or one ZIP of its addresses: how candidates are found. */
export interface ClearanceTermsTable {
  term: string;
  submission_id: string;
}

export interface Database {
  submissions: SubmissionsTable;
  documents: DocumentsTable;
  flags: FlagsTable;
  events: EventsTable;
  intake_keys: IntakeKeysTable;
  clearance_keys: ClearanceKeysTable;
  clearance_terms: ClearanceTermsTable;
}

export type Dialect = 'sqlite' | 'postgres';
