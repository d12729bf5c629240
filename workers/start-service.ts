import type { FastifyInstance } from 'fastify';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import { describeConfig, type ServiceConfig } from '../src/config/service-config.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { extractDocument } from '../src/extract/extract-document.js';
import { Inbox } from '../src/intake/inbox-watcher.js';
import { ensureRedis, type EnsuredRedis } from './redis/ensure-redis.js';
import { ContentStore } from '../src/store/content-store.js';
import { UsersFileError } from '../src/users/users-file.js';
import { startServer } from '../src/web/start-server.js';
import { queueBoard } from './bull-board.js';
import { DEFAULT_PREFIX, openServiceQueues, type RetryPolicy } from './queues.js';
import { READ_PROCESSOR_FILE, startWorkers, type RunningWorkers } from './start-workers.js';

export type ServiceLog = { info(message: string): void; warn(message: string): void; error(message: string): void };

export type StackOptions = {
  /** Redis key prefix (default `acord-prep`); tests use one of their own. */
  prefix?: string;
  appetiteRules?: AppetiteRules | null;
  /** Where the appetite rules came from, for the start-up lines. */
  appetiteFile?: string;
  retry?: RetryPolicy;
  log?: ServiceLog;
};

/** Redis, the database and the workers: what `npm run worker` runs alone and `npm start` runs under the inbox and the web. */
export type WorkerStack = {
  readonly redis: EnsuredRedis;
  readonly db: Db;
  readonly workers: RunningWorkers;
  /** What was used, one line each, for the start-up log. */
  readonly lines: string[];
  /** Finishes the jobs in hand within SHUTDOWN_GRACE_MS (then kills the sandboxes). */
  closeWorkers(): Promise<void>;
  /** Closes the database and stops a private redis-server; after closeWorkers. */
  closeStores(): Promise<void>;
};

export async function startWorkerStack(config: ServiceConfig, options: StackOptions = {}): Promise<WorkerStack> {
  const log = options.log ?? console;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const redis = await ensureRedis({ url: config.redisUrl, dataDir: config.dataDir, log });
  let db: Db | undefined;
  try {
    db = await openDatabase({ databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined, dataDir: config.dataDir });
    const workers = startWorkers(config, { db, redisUrl: redis.url, appetiteRules: options.appetiteRules ?? null, prefix, ...(options.retry ? { retry: options.retry } : {}) });
    const opened = db;
    return {
      redis,
      db,
      workers,
      lines: [
        `  Redis            ${redis.how} (${redis.how === 'REDIS_URL' ? 'from REDIS_URL' : redis.url}), key prefix ${prefix}`,
        `  database         ${db.describe()}`,
        `  store            ${config.storeDir}`,
        `  results          ${config.dataDir}/results`,
        `  outbox           ${config.outboxDir}`,
        `  quarantine       ${config.quarantineDir}`,
        `  appetite         ${options.appetiteFile ?? 'none (checklists and value rules only)'}`,
        `  read-document    ${config.workerConcurrency} sandboxed child process(es), ${config.sandboxMemoryMb} MB heap each, ${READ_PROCESSOR_FILE}`,
        `  shutdown grace   ${config.shutdownGraceMs} ms`,
      ],
      async closeWorkers() {
        const { graceful } = await workers.close(config.shutdownGraceMs);
        if (!graceful) log.warn('workers: the grace time ran out; the unfinished jobs go back to the queue when their locks expire');
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

/** An OCR provider that refuses: sorting loose files by insured must stay cheap, so scans give no name. */
const noOcr = () => {
  throw new Error('no OCR while sorting the inbox');
};

/** The insured a fillable or flat PDF or an ACORD XML names (the first form's first named insured), or null. */
export async function cheapInsuredOf(bytes: Uint8Array, fileName: string): Promise<string | null> {
  try {
    const name = (await extractDocument(bytes, fileName, { ocr: noOcr })).parts[0]?.namedInsureds?.[0]?.fullName?.value;
    return typeof name === 'string' && name.trim() ? name : null;
  } catch {
    return null;
  }
}

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
 * The inbox handing its submissions to the workers. Duplicates: the keys (an original's sha256, or the hash of
 * a folder's or group's originals) of the submissions taken since start, and the database, which records
 * documents, not intake keys: a single file is found there by its bytes (its key is its sha256, the same as
 * its document's when it is not a zip or an e-mail); other entries are known only for the life of the process.
 */
function intakeInbox(config: ServiceConfig, db: Db, workers: RunningWorkers, log: ServiceLog, timings: ServiceOptions['inbox']): Inbox {
  const taken = new Map<string, string>();
  return new Inbox({
    dir: config.inboxDir,
    store: new ContentStore(config.storeDir),
    quarantine: config.quarantineDir,
    ...timings,
    insuredOf: cheapInsuredOf,
    isDuplicate: async (key) => taken.get(key) ?? (await db.findSubmissionByDocument(key))?.id ?? null,
    onSubmission: async (submission) => {
      await workers.enqueue(submission);
      taken.set(submission.key, submission.id);
      log.info(`inbox: ${submission.source.name}: submission ${submission.id}, ${submission.documents.length} document(s) queued`);
    },
    onDuplicate: (duplicate) => log.info(`inbox: ${duplicate.source.name}: the same bytes as submission ${duplicate.duplicateOf}; not submitted again`),
    onRefusal: (refusal) => log.warn(`inbox: ${refusal.source.name}: refused (${refusal.code}): ${refusal.message}; moved to ${config.quarantineDir}`),
    onError: (err, entry) => log.error(`inbox: ${entry}: ${err instanceof Error ? err.message : String(err)}; left in the inbox, tried again at the next rescan`),
  });
}

/**
 * `npm start`: the inbox watcher handing submissions to the workers, and the web server over the database
 * and the queues. Without a users file the web stays off (no one could log in) and the rest runs.
 */
export async function startService(config: ServiceConfig, options: ServiceOptions = {}): Promise<RunningService> {
  const log = options.log ?? console;
  log.info(`acord-prep: starting (pid ${process.pid})\n${describeConfig(config)}`);
  const stack = await startWorkerStack(config, options);
  const { db, workers } = stack;
  const queues = Object.values(openServiceQueues(stack.redis.url, workers.prefix));
  // The board's queues: while Redis is away the workers log the outage; unheard, BullMQ prints a stack per retry.
  for (const queue of queues) queue.on('error', () => {});
  let inbox: Inbox | undefined;
  let web: FastifyInstance | null = null;
  try {
    inbox = intakeInbox(config, db, workers, log, options.inbox);
    await inbox.start();
    const board = queueBoard(queues);
    try {
      web = await startServer({ config, db, bullBoard: board, metrics: board });
    } catch (err) {
      if (!(err instanceof UsersFileError)) throw err;
      // The inbox and the workers need no account: they run, and the web starts at the next start.
      log.warn(`web: not started: ${err.message}\n  the inbox and the workers run; add a user (npx acord-prep user add NAME --role admin) and restart for the web`);
    }
  } catch (err) {
    await inbox?.stop();
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
        await stack.closeWorkers();
        await web?.close();
        await Promise.all(queues.map((q) => q.close()));
        await stack.closeStores();
        log.info('acord-prep: stopped');
      })()),
  };
}
