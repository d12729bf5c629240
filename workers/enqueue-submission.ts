import type { FlowProducer, JobNode } from 'bullmq';
import { AssemblePacketJob, ReadDocumentJob } from '../schemas/jobs.js';
import { IntakeSubmission } from '../schemas/intake.js';
import { DatabaseError } from '../src/db/database-error.js';
import type { Db } from '../src/db/db.js';
import type { ContentStore } from '../src/store/content-store.js';
import { DEFAULT_RETRY, QUEUES, assembleJobId, readJobId, type RetryPolicy } from './queues.js';

export type EnqueueDeps = { db: Db; store: ContentStore; flows: FlowProducer; prefix: string; retry?: RetryPolicy; actor?: string };

/**
 * Records a submission from the inbox and its documents in the database, then queues one flow: a
 * read-document job per distinct document, and the assemble-packet job that runs once they have all
 * finished, read or failed; then keeps its intake key, by which the inbox knows the entry again after any
 * restart. Enqueuing the same submission again adds nothing: the rows, job ids and key exist.
 */
export async function enqueueSubmission(intake: IntakeSubmission, deps: EnqueueDeps): Promise<JobNode> {
  const submission = IntakeSubmission.parse(intake);
  const { db, store, prefix } = deps;
  const actor = deps.actor ?? 'workers';
  const retry = deps.retry ?? DEFAULT_RETRY;
  try {
    await db.createSubmission({ id: submission.id, source: submission.source.name, receivedAt: new Date(submission.source.receivedAt), actor });
  } catch (err) {
    if (!(err instanceof DatabaseError && err.code === 'exists')) throw err;
  }
  // The same bytes twice in one submission are one document and one job.
  const documents = [...new Map(submission.documents.map((d) => [d.sha256, d])).values()];
  for (const d of documents) await db.addDocument(submission.id, { sha256: d.sha256, fileName: d.fileName, byteSize: d.size, storePath: store.pathOf(d.sha256) }, actor);
  const parent = AssemblePacketJob.parse({ kind: 'assemble-packet', submissionId: submission.id });
  const flow = await deps.flows.add({
    name: parent.kind,
    queueName: QUEUES.assemblePacket,
    prefix,
    data: parent,
    opts: { jobId: assembleJobId(submission.id), attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs } },
    children: documents.map((d) => {
      const child = ReadDocumentJob.parse({ kind: 'read-document', submissionId: submission.id, sha256: d.sha256, fileName: d.fileName });
      return {
        name: child.kind,
        queueName: QUEUES.readDocument,
        prefix,
        data: child,
        // A document that cannot be read must not stop the packet: it is listed there as failed.
        opts: { jobId: readJobId(submission.id, d.sha256), attempts: retry.attempts, backoff: { type: 'exponential' as const, delay: retry.backoffMs }, ignoreDependencyOnFailure: true },
      };
    }),
  });
  // Only once queued: an entry whose queuing failed stays in the inbox, and must not pass for a duplicate then.
  await db.recordIntakeKey(submission.key, submission.id);
  return flow;
}
