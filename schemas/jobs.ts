import { z } from 'zod';
import { FieldNotRead, FileError, PageNotRead } from './extraction-outcome.js';
import { Sha256 } from './intake.js';
import { DocumentRef, FormInstance, SubmissionData, UnplacedValue } from './submission.js';
import { LossRun } from './loss-run.js';
import { SovSchedule } from './sov.js';

/**
 * What the service's queues carry. BullMQ keeps job data in Redis in clear text, so a job names its
 * submission and its stored bytes (ids and hashes) and nothing read from them: no tax id, no bytes.
 */
const SubmissionId = z.string().min(1);

/** Read one stored document of a submission (in a sandboxed child process). */
export const ReadDocumentJob = z.object({ kind: z.literal('read-document'), submissionId: SubmissionId, sha256: Sha256, fileName: z.string().min(1) }).strict();
export type ReadDocumentJob = z.infer<typeof ReadDocumentJob>;

/** Merge what was read of a submission's documents, check it, and write its packet (or quarantine it). */
export const AssemblePacketJob = z.object({ kind: z.literal('assemble-packet'), submissionId: SubmissionId }).strict();
export type AssemblePacketJob = z.infer<typeof AssemblePacketJob>;

/**
 * Make a reviewed submission's packet again from its stored submission and flag resolutions (the review
 * desk enqueues it when no blocking flag is left open); the documents are not read again.
 */
export const ReassemblePacketJob = z.object({ kind: z.literal('reassemble-packet'), submissionId: SubmissionId }).strict();
export type ReassemblePacketJob = z.infer<typeof ReassemblePacketJob>;

/**
 * Make a published packet again in place because its clearance was decided again (an earlier-received
 * submission was read after it); run on the reassemble queue, one at a time per submission.
 */
export const RefreshPacketJob = z.object({ kind: z.literal('refresh-packet'), submissionId: SubmissionId }).strict();
export type RefreshPacketJob = z.infer<typeof RefreshPacketJob>;

export const JobPayload = z.discriminatedUnion('kind', [ReadDocumentJob, AssemblePacketJob, ReassemblePacketJob, RefreshPacketJob]);
export type JobPayload = z.infer<typeof JobPayload>;
export type JobKind = JobPayload['kind'];

/** One document as extraction read it (ExtractedDocument), as the results file holds it. */
export const ExtractedDocumentJson = z.object({
  document: DocumentRef,
  parts: z.array(SubmissionData),
  unplaced: z.array(UnplacedValue),
  pagesNotRead: z.array(PageNotRead),
  fieldsNotRead: z.array(FieldNotRead),
  warnings: z.array(z.string()),
  schedulesOfValues: z.array(SovSchedule).optional(),
  lossRun: LossRun.optional(),
});

/**
 * `<data>/results/<submission id>/<sha256>.json`, written by the read-document job: the document read,
 * or why it could not be (the last attempt's error, its code kept for the report and the outcome).
 */
export const DocumentResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('read'), fileName: z.string(), extracted: ExtractedDocumentJson }).strict(),
  z.object({ status: z.literal('failed'), fileName: z.string(), error: FileError }).strict(),
]);
export type DocumentResult = z.infer<typeof DocumentResult>;

/** What a read-document job returns to BullMQ (shown on the board): small, no values read. */
export const ReadDocumentSummary = z
  .object({
    sha256: Sha256,
    fileName: z.string(),
    status: z.enum(['read', 'incomplete']),
    forms: z.array(FormInstance.pick({ form: true, edition: true })),
    valuesRead: z.number().int().min(0),
    /** The child process that read it. */
    pid: z.number().int().positive(),
  })
  .strict();
export type ReadDocumentSummary = z.infer<typeof ReadDocumentSummary>;
