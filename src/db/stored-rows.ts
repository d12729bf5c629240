import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { DocumentRecord, SubmissionEvent, SubmissionSummary } from '../../schemas/db-records.js';
import { Flag } from '../../schemas/flag.js';
import { DatabaseError } from './database-error.js';
import type { DocumentsTable, EventsTable, FlagsTable, SubmissionsTable } from './database-tables.js';

/** The columns a summary is made of: lists never read the JSON columns. */
export const SUMMARY_COLUMNS = ['id', 'state', 'insured_name', 'fein_last4', 'effective_date', 'broker_name', 'source', 'received_at', 'updated_at', 'packet_folder', 'duplicate_of'] as const;
export type SummaryRow = Pick<Selectable<SubmissionsTable>, (typeof SUMMARY_COLUMNS)[number]>;

/** `schema.parse`, failing with the row that holds the value and what to do about it. */
function parseStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
  throw new DatabaseError('bad-row', `${what} does not parse (${problems}); it was written by another version of acord-prep: read the submission again to replace it`);
}

/** A JSON column parsed with its schema; null stays null. */
export function parseJsonColumn<S extends z.ZodType>(schema: S, text: string | null, what: string): z.output<S> | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DatabaseError('bad-row', `${what} is not JSON (${(err as Error).message}); read the submission again to replace it`);
  }
  return parseStored(schema, value, what);
}

export const toSummary = (row: SummaryRow): SubmissionSummary =>
  parseStored(
    SubmissionSummary,
    {
      id: row.id,
      state: row.state,
      insuredName: row.insured_name,
      feinLast4: row.fein_last4,
      effectiveDate: row.effective_date,
      brokerName: row.broker_name,
      source: row.source,
      receivedAt: row.received_at,
      updatedAt: row.updated_at,
      packetFolder: row.packet_folder,
      duplicateOf: row.duplicate_of,
    },
    `submission ${row.id}`,
  );

export const toDocument = (row: Selectable<DocumentsTable>): DocumentRecord =>
  parseStored(
    DocumentRecord,
    {
      sha256: row.sha256,
      fileName: row.file_name,
      byteSize: row.byte_size,
      storePath: row.store_path,
      kind: row.kind,
      status: row.status,
      error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '', retryable: row.error_retryable === 1 },
    },
    `document ${row.sha256} of submission ${row.submission_id}`,
  );

export function toFlag(row: Selectable<FlagsTable>): Flag {
  const what = `flag ${row.flag_id} of submission ${row.submission_id}`;
  const resolution = parseJsonColumn(Flag.shape.resolution, row.resolution_json, `${what} (resolution)`);
  return parseStored(
    Flag,
    {
      id: row.flag_id,
      path: row.path,
      code: row.code,
      severity: row.severity,
      when: row.needed_for,
      rule: row.rule,
      message: row.message,
      source: parseJsonColumn(Flag.shape.source, row.source_json, `${what} (source)`),
      ...(row.value === null ? {} : { value: row.value }),
      ...(resolution ? { resolution } : {}),
    },
    what,
  );
}

/** A flag as its row: `position` is its place in the report. */
export const flagRow = (submissionId: string, flag: Flag, position: number): Selectable<FlagsTable> => ({
  submission_id: submissionId,
  flag_id: flag.id,
  position,
  path: flag.path,
  code: flag.code,
  severity: flag.severity,
  needed_for: flag.when,
  rule: flag.rule,
  message: flag.message,
  value: flag.value ?? null,
  source_json: flag.source === null ? null : JSON.stringify(flag.source),
  resolution_json: flag.resolution ? JSON.stringify(flag.resolution) : null,
});

export const toEvent = (row: Selectable<EventsTable>): SubmissionEvent =>
  parseStored(
    SubmissionEvent,
    { id: row.id, submissionId: row.submission_id, at: row.at, kind: row.kind, detail: parseJsonColumn(SubmissionEvent.shape.detail, row.detail_json, `event ${row.id} (detail)`), actor: row.actor },
    `event ${row.id}`,
  );
