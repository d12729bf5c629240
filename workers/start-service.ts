import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import { loadServiceAppetite } from '../src/service/service-appetite.js';
import { describeConfig, type ServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { loadLimits } from '../src/config/limits.js';
import { DocumentReaderThread, type DocumentReader } from '../src/read/extract/document-reader-thread.js';
import { Inbox } from '../src/intake/inbox-watcher.js';
import { ensureRedis, type EnsuredRedis } from './redis/ensure-redis.js';
import { createLogger, type Logger } from '../src/runtime/logger.js';
import { PageImages } from '../src/review/page-images.js';
import { ReviewDesk } from '../src/review/review-desk.js';
import { ContentStore } from '../src/store/content-store.js';
import { UsersFileError } from '../src/users/users-file.js';
import { startServer } from '../src/web/start-server.js';
import { queueBoard } from './bull-board.js';
import { DEFAULT_PREFIX, openServiceQueues, type RetryPolicy } from './queues.js';
import { sandboxShares } from './sandbox-settings.js';
import { readProcessor, startWorkers, type RunningWorkers } from './start-workers.js';

export type StackOptions = {
  /** Redis key prefix (default `acord-prep`); tests use one of their own. */
  prefix?: string;
  /** `--appetite`: the appetite rule file, instead of ACORD_PREP_APPETITE's. */
  appetiteFile?: string;
  retry?: RetryPolicy;
  /** The service's logger (createLogger from the config when absent). */
  log?: Logger;
};

/** Redis, the database and the workers: what `npm run worker` runs alone and `npm start` runs under the inbox and the web. */
export type WorkerStack = {
  readonly redis: EnsuredRedis;
  readonly db: Db;
  readonly workers: RunningWorkers;
  /** The carrier's appetite rules in force (null without): the review desk checks with them as the packets were. */
  readonly appetiteRules: AppetiteRules | null;
  /** What was used, one line each, for the start-up log. */
  readonly lines: string[];
  /** Finishes the jobs in hand within SHUTDOWN_GRACE_MS (then kills the sandboxes). */
  closeWorkers(): Promise<void>;
  /** Closes the database and stops a private redis-server; after closeWorkers. */
  closeStores(): Promise<void>;
};

export async function startWorkerStack(config: ServiceConfig, options: StackOptions = {}): Promise<WorkerStack> {
  const log = options.log ?? createLogger(config);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  // First: a rule file that does not load stops the start before anything runs.
  const appetite = await loadServiceAppetite(config, options.appetiteFile);
  const redis = await ensureRedis({ url: config.redisUrl, dataDir: config.dataDir, log: log.child({ component: 'redis' }) });
  let db: Db | undefined;
  try {
    db = await openDatabase({ databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined, dataDir: config.dataDir });
    const workers = startWorkers(config, { db, redisUrl: redis.url, appetiteRules: appetite.rules, prefix, log, ...(options.retry ? { retry: options.retry } : {}) });
    const opened = db;
    return {
      redis,
      db,
      workers,
      appetiteRules: appetite.rules,
      lines: [
        `  Redis            ${redis.how} (${redis.how === 'REDIS_URL' ? 'from REDIS_URL' : redis.url}), key prefix ${prefix}`,
        `  database         ${db.describe()}`,
        `  store            ${config.storeDir}`,
        `  results          ${config.dataDir}/results`,
        `  outbox           ${config.outboxDir}`,
        `  quarantine       ${config.quarantineDir}`,
        `  appetite         ${appetite.file ?? 'none (checklists and value rules only)'}`,
        `  sandboxes        ${sandboxShares(config.workerConcurrency).read} reading (${config.sandboxMemoryMb} MB heap each, ${readProcessor().file}), ${sandboxShares(config.workerConcurrency).assemble} assembling`,
        `  reassemble       in this process: reviewed submissions' packets made again`,
        `  shutdown grace   ${config.shutdownGraceMs} ms`,
      ],
      async closeWorkers() {
        const { graceful } = await workers.close(config.shutdownGraceMs);
        if (!graceful) log.warn({ component: 'workers' }, 'workers: the grace time ran out; the unfinished jobs go back to the queue when their locks expire');
      },
      async closeStores() {
        await opened.close();
        await redis.stop();
      },
    };
  } catch (err) {
    await db?.close();
    await redis.stop();
    throw err;
  }
}

/**
 * The insured a fillable or flat PDF or an ACORD XML names (the first form's first named insured), or null.
 * `reader` reads without OCR (sorting loose files by insured must stay cheap, so scans give no name) in a
 * thread of its own, so a hostile file stops at its deadline instead of blocking the inbox.
 */
export async function cheapInsuredOf(reader: DocumentReader, bytes: Uint8Array, fileName: string): Promise<string | null> {
  try {
    const name = (await reader.read(bytes, fileName)).parts[0]?.namedInsureds?.[0]?.fullName?.value;
    return typeof name === 'string' && name.trim() ? name : null;
  } catch {
    return null;
  }
}

/** A file the inbox sorts gets this long (or the document limit, when shorter) before it is sorted as naming no one. */
const SORT_MS_PER_DOCUMENT = 20_000;

export type ServiceOptions = StackOptions & {
  /** The inbox's timings (ms), shorter in tests; the inbox's defaults otherwise. */
  inbox?: { stableMs?: number; groupWindowMs?: number; rescanMs?: number };
};

export type RunningService = {
  readonly db: Db;
  /** The web server's address, or null when it did not start (no users file). */
  readonly url: string | null;
  /** Stops the watcher, the workers (within SHUTDOWN_GRACE_MS), the web, the database and a private Redis. */
  stop(): Promise<void>;
};

/**
 * The inbox handing its submissions to the workers. Duplicates: the database keeps the key of every entry
 * taken (an original's sha256, or the hash of a folder's, zip's or group's originals) across restarts; a
 * single file is also found by its bytes among the documents of earlier submissions (its key is its
 * sha256, the same as its document's when it is not a zip or an e-mail), those taken before keys were kept.
 */
function intakeInbox(config: ServiceConfig, db: Db, workers: RunningWorkers, sorter: DocumentReader, log: Logger, timings: ServiceOptions['inbox']): Inbox {
  const inboxLog = log.child({ component: 'inbox' });
  return new Inbox({
    dir: config.inboxDir,
    store: new ContentStore(config.storeDir),
    quarantine: config.quarantineDir,
    ...timings,
    insuredOf: (bytes, fileName) => cheapInsuredOf(sorter, bytes, fileName),
    isDuplicate: async (key) => (await db.findSubmissionByIntakeKey(key))?.id ?? (await db.findSubmissionByDocument(key))?.id ?? null,
    onSubmission: async (submission) => {
      await workers.enqueue(submission);
      inboxLog.info({ submissionId: submission.id, source: submission.source.name, documents: submission.documents.length }, `inbox: ${submission.source.name}: submission ${submission.id}, ${submission.documents.length} document(s) queued`);
    },
    onDuplicate: (duplicate) => inboxLog.info({ submissionId: duplicate.duplicateOf, source: duplicate.source.name }, `inbox: ${duplicate.source.name}: the same bytes as submission ${duplicate.duplicateOf}; not submitted again`),
    onRefusal: (refusal) => inboxLog.warn({ source: refusal.source.name, code: refusal.code }, `inbox: ${refusal.source.name}: refused (${refusal.code}): ${refusal.message}; moved to ${config.quarantineDir}`),
    onError: (err, entry) => inboxLog.error({ source: entry, err }, `inbox: ${entry}: ${err instanceof Error ? err.message : String(err)}; left in the inbox, tried again at the next rescan`),
  });
}

/**
 * `npm start`: the inbox watcher handing submissions to the workers, and the web server over the database
 * and the queues. Without a users file the web stays off (no one could log in) and the rest runs.
 */
export async function startService(config: ServiceConfig, options: ServiceOptions = {}): Promise<RunningService> {
  const log = options.log ?? createLogger(config);
  log.info(`acord-prep: starting (pid ${process.pid})\n${describeConfig(config)}`);
  const stack = await startWorkerStack(config, { ...options, log });
  const { db, workers } = stack;
  const queues = Object.values(openServiceQueues(stack.redis.url, workers.prefix));
  // The board's queues: while Redis is away the workers log the outage; unheard, BullMQ prints a stack per retry.
  for (const queue of queues) queue.on('error', () => {});
  const limits = loadLimits();
  const sorter = new DocumentReaderThread({ ...limits, msPerDocument: Math.min(limits.msPerDocument, SORT_MS_PER_DOCUMENT) }, { ocr: false });
  let inbox: Inbox | undefined;
  let web: FastifyInstance | null = null;
  try {
    inbox = intakeInbox(config, db, workers, sorter, log, options.inbox);
    await inbox.start();
    const board = queueBoard(queues);
    try {
      const desk = new ReviewDesk({ db, appetiteRules: stack.appetiteRules, queue: workers.reassembly });
      const pages = new PageImages({ store: new ContentStore(config.storeDir), cacheDir: path.join(config.dataDir, 'page-cache'), limits });
      web = await startServer({ config, db, bullBoard: board, metrics: board, desk, pages, log: log.child({ component: 'web' }) });
    } catch (err) {
      if (!(err instanceof UsersFileError)) throw err;
      // The inbox and the workers need no account: they run, and the web starts at the next start.
      log.warn({ component: 'web' }, `web: not started: ${err.message}\n  the inbox and the workers run; add a user (npx acord-prep user add NAME --role admin) and restart for the web`);
    }
  } catch (err) {
    await inbox?.stop();
    await sorter.close();
    await stack.closeWorkers();
    await Promise.all(queues.map((q) => q.close()));
    await stack.closeStores();
    throw err;
  }
  const watcher = inbox;
  const url = web ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}` : null;
  log.info(
    [
      'acord-prep: running',
      `  inbox            ${config.inboxDir} (drop files, folders, zips or e-mails here)`,
      ...stack.lines,
      `  web              ${url ?? 'off (no users file)'}`,
    ].join('\n'),
  );

  let stopped: Promise<void> | undefined;
  return {
    db,
    url,
    stop: () =>
      (stopped ??= (async () => {
        await watcher.stop();
        await sorter.close();
        await stack.closeWorkers();
        await web?.close();
        await Promise.all(queues.map((q) => q.close()));
        await stack.closeStores();
        log.info('acord-prep: stopped');
      })()),
  };
}
