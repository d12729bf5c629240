import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { FlowProducer, Worker, type Job } from 'bullmq';
import { AssemblePacketJob, ReadDocumentJob, type ReadDocumentSummary } from '../schemas/jobs.js';
import type { IntakeSubmission } from '../schemas/intake.js';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import { defaultFrom, FROM_ENV, parseFrom } from '../src/cli/packet-command.js';
import type { ServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { childModule, type ChildModule } from '../src/runtime/child-module.js';
import { createLogger, type Logger } from '../src/runtime/logger.js';
import type { Finished } from '../src/service/finish-submission.js';
import { ContentStore } from '../src/store/content-store.js';
import { enqueueSubmission } from './enqueue-submission.js';
import { DEFAULT_PREFIX, DEFAULT_RETRY, QUEUES, redisConnection, type RetryPolicy } from './queues.js';
import { startReassembleWorker, type RunningReassembly } from './reassemble-worker.js';
import { recyclingWorker } from './recycling-worker.js';
import { SANDBOX_ENV, sandboxShares, type AssembleSandboxSettings, type SandboxSettings } from './sandbox-settings.js';
import { watchWorkers } from './worker-watchdog.js';

export type WorkerDeps = {
  db: Db;
  /** The Redis ensureRedis found or started. */
  redisUrl: string;
  /** Redis key prefix (default `acord-prep`); tests use one of their own. */
  prefix?: string;
  appetiteRules?: AppetiteRules | null;
  retry?: RetryPolicy;
  /** The read-document processor file (default readProcessor()); tests give one that crashes or hangs. */
  readProcessorFile?: string;
  /** The service's logger (createLogger from the config when absent). */
  log?: Logger;
};

export type RunningWorkers = {
  readonly readWorker: Worker;
  readonly assembleWorker: Worker;
  /** Reviewed submissions made again (in this process), and the review desk's queue to them. */
  readonly reassembly: RunningReassembly;
  readonly prefix: string;
  enqueue(intake: IntakeSubmission): ReturnType<typeof enqueueSubmission>;
  /** Stops taking jobs and waits for those running, at most `graceMs`; then the sandboxes are killed. */
  close(graceMs: number): Promise<{ graceful: boolean }>;
};

/**
 * How long finished jobs stay in Redis (seconds, and at most how many): long enough for the board,
 * `npm run status` and a re-enqueued submission to find them, short enough that Redis does not grow with
 * every submission ever read. The database and the outbox keep what the jobs gave. Set on the workers,
 * not on each job: jobs queued before this setting existed expire too.
 */
export const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 5000 };
/** Failures are kept longer: someone may look into them after a weekend. */
export const KEEP_FAILED = { age: 30 * 24 * 3600, count: 10_000 };

/**
 * The processor files BullMQ forks a child for: compiled when this code is, or when a fresh build is named
 * (child-module.ts); else TypeScript, and the child loads tsx first.
 */
export const readProcessor = (): ChildModule => childModule(new URL('./read-document-processor.js', import.meta.url));
const assembleProcessor = (): ChildModule => childModule(new URL('./assemble-packet-processor.js', import.meta.url));

/**
 * The child's Node options. BullMQ forks its own main.js with the parent's execArgv, which under vitest
 * or plain node has no tsx; `workerForkOptions.execArgv` replaces them, so a TypeScript processor gets
 * tsx's loader here (by file URL: the child resolves nothing from its working directory), and every
 * child the heap cap from config.
 */
function sandboxExecArgv(processor: ChildModule, memoryMb: number): string[] {
  const tsx = processor.typescript ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return [...tsx, `--max-old-space-size=${memoryMb}`];
}

/** What a read job's log lines say it is about; null for data that is not a read job's (logged as it is). */
function readContext(job: Job): Record<string, string | undefined> {
  const parsed = ReadDocumentJob.safeParse(job.data);
  // A prefix of the hash tells documents apart in a log; the whole one is in the job id.
  return parsed.success ? { submissionId: parsed.data.submissionId, documentSha: parsed.data.sha256.slice(0, 12), fileName: parsed.data.fileName, jobId: job.id } : { jobId: job.id };
}

function brokerRequestFrom(): { name: string; address: string } {
  const text = process.env[FROM_ENV] ?? defaultFrom();
  const from = parseFrom(text);
  if (!from) throw new Error(`${FROM_ENV}=${text}: not an e-mail address; write it as "Name <name@example.com>"`);
  return from;
}

/**
 * The service's workers: read-document and assemble-packet jobs, each in sandboxed child processes
 * (`workerConcurrency` of them in all, shared by sandboxShares: both are CPU work that would hold this
 * process's event loop), and the flow
 * producer that enqueues submissions. This process logs their progress and marks a submission failed when
 * its assembly fails for good.
 */
export function startWorkers(config: ServiceConfig, deps: WorkerDeps): RunningWorkers {
  const prefix = deps.prefix ?? DEFAULT_PREFIX;
  const connection = redisConnection(deps.redisUrl);
  const store = new ContentStore(config.storeDir);
  const retry = deps.retry ?? DEFAULT_RETRY;
  const actor = 'workers';
  const log = (deps.log ?? createLogger(config)).child({ component: 'workers' });
  const settings: SandboxSettings = { storeDir: config.storeDir, dataDir: config.dataDir, readerHeapMb: config.sandboxMemoryMb };
  const assembleSettings: AssembleSandboxSettings = {
    storeDir: config.storeDir,
    dataDir: config.dataDir,
    databaseUrl: config.database.kind === 'postgres' ? config.database.url : null,
    outboxDir: config.outboxDir,
    quarantineDir: config.quarantineDir,
    appetiteRules: deps.appetiteRules ?? null,
    from: brokerRequestFrom(),
    clearance: config.clearance,
  };

  const shares = sandboxShares(config.workerConcurrency);
  /** A queue's worker options: `concurrency` child processes, each given `childSettings` in SANDBOX_ENV. */
  const sandboxed = (processor: ChildModule, childSettings: SandboxSettings | AssembleSandboxSettings, concurrency: number) => ({
    connection,
    prefix,
    concurrency,
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
    useWorkerThreads: false,
    workerForkOptions: { execArgv: sandboxExecArgv(processor, config.sandboxMemoryMb), env: { ...process.env, [SANDBOX_ENV]: JSON.stringify(childSettings) } },
  });

  const reader = deps.readProcessorFile ? childModule(pathToFileURL(deps.readProcessorFile)) : readProcessor();
  const readWorker = new (recyclingWorker(config.recycleAfterJobs))(QUEUES.readDocument, reader.file, sandboxed(reader, settings, shares.read));

  // The first read of a submission to start marks it `reading` (with its event); the others find it so.
  readWorker.on('active', (job) => {
    const context = readContext(job);
    log.info({ ...context, stage: 'read', attempt: job.attemptsMade + 1 }, `read: ${context.fileName ?? job.id}: started`);
    if (context.submissionId) {
      void deps.db
        .advanceState(context.submissionId, 'received', 'reading', { actor, detail: { documentSha: context.documentSha } })
        .catch((err: Error) => log.error({ ...context, err }, `read: cannot mark submission ${context.submissionId} reading: ${err.message}`));
    }
  });
  readWorker.on('progress', (job, progress) => log.debug({ ...readContext(job), ...(typeof progress === 'object' ? progress : { progress }) }, 'read: progress'));
  readWorker.on('completed', (job, result: ReadDocumentSummary) => {
    log.info({ ...readContext(job), stage: 'done', status: result.status, valuesRead: result.valuesRead, forms: result.forms.map((f) => `${f.form} ${f.edition}`) }, `read: ${result.fileName}: ${result.status}, ${result.valuesRead} value(s)`);
  });
  readWorker.on('failed', (job, err) => {
    if (job) log.warn({ ...readContext(job), stage: 'failed', attempt: job.attemptsMade }, `read: ${readContext(job).fileName ?? job.id}: failed: ${err.message}`);
  });

  const reassembly = startReassembleWorker({ connection, prefix, db: deps.db, store, outboxDir: config.outboxDir, appetiteRules: assembleSettings.appetiteRules, from: assembleSettings.from, renewalLookbackDays: config.clearance.renewalLookbackDays, retry, keep: { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED }, log });

  const assembler = assembleProcessor();
  const assembleWorker = new Worker(QUEUES.assemblePacket, assembler.file, sandboxed(assembler, assembleSettings, shares.assemble));
  const assembleContext = (job: Job) => ({ submissionId: AssemblePacketJob.safeParse(job.data).data?.submissionId, jobId: job.id });
  assembleWorker.on('progress', (job, progress) => {
    const stage = typeof progress === 'object' && progress !== null && 'stage' in progress ? String(progress.stage) : String(progress);
    log.info({ ...assembleContext(job), stage }, `assemble: ${stage}`);
  });
  assembleWorker.on('completed', (job, finished: Finished) => {
    log.info({ ...assembleContext(job), stage: 'done', state: finished.state, folder: finished.folder }, `assemble: ${finished.state}: ${finished.folder}`);
    if (finished.recleared.length === 0) return;
    log.info({ ...assembleContext(job), recleared: finished.recleared }, `assemble: ${finished.recleared.length} submission(s) received later but read sooner now count this one in their clearance; their packets are made again`);
    void reassembly.enqueueRefresh(finished.recleared).catch((err: Error) => log.error({ ...assembleContext(job), err }, `assemble: cannot queue the packet refreshes: ${err.message}`));
  });
  // The last attempt failed: the machine, not a file (a file at fault still gives a packet or quarantine).
  assembleWorker.on('failed', (job, err) => {
    const parsed = AssemblePacketJob.safeParse(job?.data);
    if (!job || !parsed.success) return;
    const context = { submissionId: parsed.data.submissionId, jobId: job.id, stage: 'failed', attempt: job.attemptsMade };
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return log.warn({ ...context, err }, `assemble: ${err.message}; tried again`);
    log.error({ ...context, err }, `assemble: ${err.message}; submission marked failed`);
    void deps.db.setState(parsed.data.submissionId, 'failed', { actor, detail: { error: err.message } }).catch((e: Error) => log.error({ ...context, err: e }, `assemble: cannot mark ${parsed.data.submissionId} failed: ${e.message}`));
  });
  for (const w of [readWorker, assembleWorker]) w.on('error', (err) => log.error({ queue: w.name, err }, `${w.name}: ${err.message}`));

  const watchdog = watchWorkers([readWorker, assembleWorker, reassembly.worker], { connection, prefix, log });
  const flows = new FlowProducer({ connection, prefix });
  return {
    readWorker,
    assembleWorker,
    reassembly,
    prefix,
    enqueue: (intake) => enqueueSubmission(intake, { db: deps.db, store, flows, prefix, retry, actor }),
    async close(graceMs) {
      await watchdog.stop();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
      const graceful = await Promise.race([Promise.all([readWorker.close(), assembleWorker.close(), reassembly.close()]).then(() => true), timedOut]);
      clearTimeout(timer);
      if (!graceful) await Promise.all([readWorker.close(true), assembleWorker.close(true), reassembly.close(true)]);
      await flows.close();
      return { graceful };
    },
  };
}
