import { DelayedError, Queue, Worker, type ConnectionOptions, type Job, type KeepJobs } from 'bullmq';
import { z } from 'zod';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import { ReassemblePacketJob, RefreshPacketJob } from '../schemas/jobs.js';
import type { Db } from '../src/db/db.js';
import type { ReassembleQueue } from '../src/review/review-operations.js';
import type { Logger } from '../src/runtime/logger.js';
import { reassembleSubmission, type Reassembled } from '../src/service/reassemble-submission.js';
import { refreshPacket, type Refreshed } from '../src/service/refresh-packet.js';
import type { ContentStore } from '../src/store/content-store.js';
import { QUEUES, reassembleJobId, refreshDeduplicationId, type RetryPolicy } from './queues.js';

export type ReassembleWorkerDeps = {
  connection: ConnectionOptions;
  prefix: string;
  db: Db;
  store: ContentStore;
  outboxDir: string;
  appetiteRules: AppetiteRules | null;
  from: { name: string; address: string };
  /** The renewal diff's look-back: a refreshed packet's previous submission is looked for again. */
  renewalLookbackDays: number;
  retry: RetryPolicy;
  keep: { removeOnComplete: KeepJobs; removeOnFail: KeepJobs };
  log: Logger;
};

/** The reassemble-packet worker and the review desk's queue to it; the caller closes both. */
export type RunningReassembly = ReassembleQueue & {
  readonly worker: Worker;
  /** Queues the packets of these submissions to be made again in place (`refreshPacket`): their clearance changed. */
  enqueueRefresh(submissionIds: readonly string[]): Promise<void>;
  close(force?: boolean): Promise<void>;
};

const ACTOR = 'workers';
const PacketJob = z.discriminatedUnion('kind', [ReassemblePacketJob, RefreshPacketJob]);
/**
 * A refresh waits this long after it is asked for: a burst of submissions of one insured changes a packet's
 * clearance several times, and one refresh then covers them all.
 */
const REFRESH_DELAY_MS = 1_000;
/** A refresh that finds a stage writing the packet looks again this much later. */
const BUSY_RETRY_MS = 2_000;

/**
 * The reassemble-packet jobs, run in this process (nothing is parsed: the stored submission is checked
 * and drawn again, as fast as one packet), and the queue the review desk sends reviewed submissions to.
 * A job that fails for good sends its submission back to review, the reviewers' work kept: the next
 * decision, or sending it on, queues it again. The same worker, one job at a time, refreshes packets whose
 * clearance changed, so a refresh and a reassembly never write one folder together.
 */
export function startReassembleWorker(deps: ReassembleWorkerDeps): RunningReassembly {
  const { db, log } = deps;
  const queue = new Queue(QUEUES.reassemblePacket, { connection: deps.connection, prefix: deps.prefix });
  queue.on('error', (err) => log.error({ queue: queue.name, err }, `${queue.name}: ${err.message}`));
  const serviceDeps = { db, store: deps.store, outboxDir: deps.outboxDir, appetiteRules: deps.appetiteRules, from: deps.from, renewalLookbackDays: deps.renewalLookbackDays, actor: ACTOR };
  const worker = new Worker<z.infer<typeof PacketJob>, Reassembled | Refreshed>(
    QUEUES.reassemblePacket,
    async (job, token) => {
      const data = PacketJob.parse(job.data);
      if (data.kind === 'reassemble-packet') return reassembleSubmission(data.submissionId, serviceDeps);
      const refreshed = await refreshPacket(data.submissionId, serviceDeps);
      if (refreshed.state !== 'busy') return refreshed;
      // Its finishing or reassembly is writing it now, with a clearance that may predate the change: after.
      await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
      throw new DelayedError();
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1, ...deps.keep },
  );
  const context = (job: Job | undefined) => {
    const data = PacketJob.safeParse(job?.data).data;
    return { submissionId: data?.submissionId, kind: data?.kind, jobId: job?.id };
  };
  worker.on('completed', (job, done) => {
    const { kind, ...at } = context(job);
    const what = kind === 'refresh-packet' ? 'refresh (clearance changed)' : 'reassemble';
    const said =
      'was' in done ? `nothing to do, the submission is ${done.was}` : done.state === 'refreshed' ? `${done.folder}${done.backToReview ? '; a blocking flag is open: back to review' : ''}` : `${done.state}: ${done.folder}`;
    log.info({ ...at, stage: 'done', state: done.state }, `${what}: ${said}`);
  });
  worker.on('failed', (job, err) => {
    const { submissionId, jobId, kind } = context(job);
    if (!job || !submissionId) return;
    if (kind === 'refresh-packet') {
      const at = { submissionId, jobId, stage: 'failed', attempt: job.attemptsMade };
      if (job.attemptsMade < (job.opts.attempts ?? 1)) return log.warn({ ...at, err }, `refresh: ${err.message}; tried again`);
      // The packet keeps the clearance it was drawn with; the queue and the review page show the new one.
      return log.error({ ...at, err }, `refresh: ${err.message}; the packet in the outbox still shows the clearance it was drawn with`);
    }
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
    async enqueueRefresh(submissionIds) {
      for (const submissionId of submissionIds) {
        const data = RefreshPacketJob.parse({ kind: 'refresh-packet', submissionId });
        // One waiting refresh per submission; one asked for while another runs follows it (it may have read too early).
        await queue.add(data.kind, data, {
          deduplication: { id: refreshDeduplicationId(submissionId), keepLastIfActive: true },
          delay: REFRESH_DELAY_MS,
          attempts: deps.retry.attempts,
          backoff: { type: 'exponential', delay: deps.retry.backoffMs },
        });
      }
    },
    async close(force = false) {
      await worker.close(force);
      await queue.close();
    },
  };
}
