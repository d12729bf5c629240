import { Queue, Worker, type ConnectionOptions, type Job, type KeepJobs } from 'bullmq';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import { ReassemblePacketJob } from '../schemas/jobs.js';
import type { Db } from '../src/db/db.js';
import type { ReassembleQueue } from '../src/review/review-operations.js';
import type { Logger } from '../src/runtime/logger.js';
import { reassembleSubmission, type Reassembled } from '../src/service/reassemble-submission.js';
import type { ContentStore } from '../src/store/content-store.js';
import { QUEUES, reassembleJobId, type RetryPolicy } from './queues.js';

export type ReassembleWorkerDeps = {
  connection: ConnectionOptions;
  prefix: string;
  db: Db;
  store: ContentStore;
  outboxDir: string;
  appetiteRules: AppetiteRules | null;
  from: { name: string; address: string };
  retry: RetryPolicy;
  keep: { removeOnComplete: KeepJobs; removeOnFail: KeepJobs };
  log: Logger;
};

/** The reassemble-packet worker and the review desk's queue to it; the caller closes both. */
export type RunningReassembly = ReassembleQueue & {
  readonly worker: Worker;
  close(force?: boolean): Promise<void>;
};

const ACTOR = 'workers';

/**
 * The reassemble-packet jobs, run in this process (nothing is parsed: the stored submission is checked
 * and drawn again, as fast as one packet), and the queue the review desk sends reviewed submissions to.
 * A job that fails for good sends its submission back to review, the reviewers' work kept: the next
 * decision, or sending it on, queues it again.
 */
export function startReassembleWorker(deps: ReassembleWorkerDeps): RunningReassembly {
  const { db, log } = deps;
  const queue = new Queue(QUEUES.reassemblePacket, { connection: deps.connection, prefix: deps.prefix });
  queue.on('error', (err) => log.error({ queue: queue.name, err }, `${queue.name}: ${err.message}`));
  const worker = new Worker<ReassemblePacketJob, Reassembled>(
    QUEUES.reassemblePacket,
    async (job) => {
      const { submissionId } = ReassemblePacketJob.parse(job.data);
      return reassembleSubmission(submissionId, { db, store: deps.store, outboxDir: deps.outboxDir, appetiteRules: deps.appetiteRules, from: deps.from, actor: ACTOR });
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1, ...deps.keep },
  );
  const context = (job: Job | undefined) => ({ submissionId: ReassemblePacketJob.safeParse(job?.data).data?.submissionId, jobId: job?.id });
  worker.on('completed', (job, done) => {
    log.info({ ...context(job), stage: 'done', state: done.state }, done.state === 'skipped' ? `reassemble: nothing to do, the submission is ${done.was}` : `reassemble: ${done.state}: ${done.folder}`);
  });
  worker.on('failed', (job, err) => {
    const { submissionId, jobId } = context(job);
    if (!job || !submissionId) return;
    const at = { submissionId, jobId, stage: 'failed', attempt: job.attemptsMade };
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return log.warn({ ...at, err }, `reassemble: ${err.message}; tried again`);
    log.error({ ...at, err }, `reassemble: ${err.message}; the submission goes back to review, its reviewers' work kept`);
    void db
      .advanceState(submissionId, 'reassembling', 'packet-ready', { actor: ACTOR, detail: { error: err.message } })
      .catch((e: Error) => log.error({ ...at, err: e }, `reassemble: cannot send ${submissionId} back to review: ${e.message}`));
  });
  worker.on('error', (err) => log.error({ queue: worker.name, err }, `${worker.name}: ${err.message}`));

  return {
    worker,
    async enqueueReassemble(submissionId) {
      // The how-manieth time the desk sent it: the same sending queued twice is one job.
      const attempt = (await db.events(submissionId)).filter((e) => e.kind === 'state-changed' && e.detail.to === 'reassembling').length;
      const data = ReassemblePacketJob.parse({ kind: 'reassemble-packet', submissionId });
      await queue.add(data.kind, data, { jobId: reassembleJobId(submissionId, attempt), attempts: deps.retry.attempts, backoff: { type: 'exponential', delay: deps.retry.backoffMs } });
    },
    async close(force = false) {
      await worker.close(force);
      await queue.close();
    },
  };
}
