import { z } from 'zod';
import { AppetiteVerdict, CheckReport, LineOfBusiness } from './check-report.js';
import { ClearanceOutcome, FirstComplete } from './clearance-outcome.js';
import { ExtractionOutcome, FileError } from './extraction-outcome.js';
import { DocumentRef, Submission } from './submission.js';

/**
 * Where a submission is in the service: `received` — its files are stored · `reading` — being extracted ·
 * `checking` — being checked · `packet-ready` — its packet is in the outbox, its flags wait for an
 * assistant's review · `reassembling` — reviewed: the packet is being made again with the reviewers' work ·
 * `ready-for-underwriter` — reviewed and reassembled · `taken` — an underwriter took it · `quarantined` — a
 * file is at fault (corrupt, encrypted, not a form): a person must look · `failed` — the machine failed
 * more often than it is retried · `duplicate` — the same files as an earlier submission (`duplicateOf`).
 */
export const SubmissionState = z.enum(['received', 'reading', 'checking', 'packet-ready', 'reassembling', 'ready-for-underwriter', 'taken', 'quarantined', 'failed', 'duplicate']);
export type SubmissionState = z.infer<typeof SubmissionState>;

/** `stored` until extraction says what became of the file (FileOutcome's status). */
export const DocumentStatus = z.enum(['stored', 'read', 'incomplete', 'failed', 'duplicate']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const timestamp = z.iso.datetime();

/** One submission as lists show it: no JSON, no tax id but its last four digits. */
export const SubmissionSummary = z.object({
  id: z.string().min(1),
  state: SubmissionState,
  /** From the extracted submission (first named insured); null until read or when not read. */
  insuredName: z.string().nullable(),
  feinLast4: z.string().regex(/^\d{4}$/).nullable(),
  /** YYYY-MM-DD. */
  effectiveDate: z.iso.date().nullable(),
  /** The producer's name on the forms. */
  brokerName: z.string().nullable(),
  /** How the submission came in, as intake names it (an e-mail sender, an inbox file name). */
  source: z.string(),
  receivedAt: timestamp,
  updatedAt: timestamp,
  /** The packet's folder in the outbox, once written. */
  packetFolder: z.string().nullable(),
  /** The submission this one repeats, when its state is `duplicate`. */
  duplicateOf: z.string().nullable(),
});
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

export const DocumentRecord = z.object({
  sha256,
  fileName: z.string(),
  // PostgreSQL returns a bigint column as text.
  byteSize: z.coerce.number().int().min(0),
  /** Where intake stored the bytes. */
  storePath: z.string(),
  /** Null until the file is read (or when it could not be). */
  kind: DocumentRef.shape.kind.nullable(),
  status: DocumentStatus,
  error: FileError.nullable(),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

/** A check report as `report_json` holds it: flags live in their own table, readiness follows from them. */
export const StoredCheckReport = CheckReport.omit({ flags: true, readyToQuote: true });
export type StoredCheckReport = z.infer<typeof StoredCheckReport>;

/** One submission with everything known about it. Tax ids in the report and outcome are masked to their last 4. */
export const SubmissionRecord = SubmissionSummary.extend({
  submission: Submission.nullable(),
  outcome: ExtractionOutcome.nullable(),
  /** The last check, its flags with the reviewers' resolutions. */
  report: CheckReport.nullable(),
  documents: z.array(DocumentRecord),
});
export type SubmissionRecord = z.infer<typeof SubmissionRecord>;

/**
 * `value-edited`: a reviewer changed or typed in a value (detail: path, old → new, reason) ·
 * `tax-id-revealed`: a user was shown a whole tax id (detail: path; never the value) ·
 * `clearance-overridden`: a reviewer set the clearance outcome that stands (detail: old → new, reason) ·
 * `clearance-recomputed`: a submission received earlier but read later resembles this one, so its clearance
 * was decided again (detail: old → new outcome, the matches added and gone).
 */
export const EventKind = z.enum(['received', 'document-added', 'state-changed', 'extraction-saved', 'check-saved', 'flag-resolved', 'value-edited', 'tax-id-revealed', 'clearance-overridden', 'clearance-recomputed']);
export type EventKind = z.infer<typeof EventKind>;

/** One line of a submission's audit log: appended, never changed. */
export const SubmissionEvent = z.object({
  id: z.number().int().positive(),
  submissionId: z.string(),
  at: timestamp,
  kind: EventKind,
  detail: z.record(z.string(), z.unknown()),
  /** Who did it: a worker's name, a user's login, `cli`. */
  actor: z.string().min(1),
});
export type SubmissionEvent = z.infer<typeof SubmissionEvent>;

/** One line of the review queue: the summary with what a reviewer sorts and filters on. */
export const QueueRow = SubmissionSummary.extend({
  /** Flags no reviewer has resolved yet, by severity. */
  openFlags: z.object({ blocking: z.number().int().min(0), warning: z.number().int().min(0), info: z.number().int().min(0) }),
  /** The last check's appetite decision; null before the check or without appetite rules. */
  appetite: AppetiteVerdict.shape.decision.nullable(),
  lines: z.array(LineOfBusiness),
  /** The clearance's outcome that stands and the strongest match's broker; null before clearance ran. */
  clearance: z
    .object({
      outcome: ClearanceOutcome,
      /** Set by a person (the computed outcome was `computed`). */
      overridden: z.boolean(),
      computed: ClearanceOutcome,
      /** The strongest match's broker when it is another broker than this submission's. */
      otherBroker: z.string().nullable(),
      /** The strongest match: when it was received, and which of the two was complete first as they stand now; null without a match. */
      strongest: z.object({ receivedAt: z.iso.datetime(), firstComplete: FirstComplete }).nullable(),
    })
    .nullable(),
});
export type QueueRow = z.infer<typeof QueueRow>;
