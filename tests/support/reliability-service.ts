import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, vi } from 'vitest';
import { loadServiceConfig, type ServiceConfig } from '../../src/service/service-config.js';
import { openServiceQueues } from '../../workers/queues.js';
import { probeRedis } from '../../workers/redis/probe-redis.js';
import { capturedLogger } from './captured-logger.js';
import { startService, type RunningService, type ServiceOptions } from '../../workers/start-service.js';

/** The machine's Redis, shared by the tests (each service under a key prefix of its own). */
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether the machine's Redis answers; when it does not, says that `what` is skipped and how to run it. */
export async function localRedisAnswers(what: string): Promise<boolean> {
  const redis = await probeRedis(LOCAL_REDIS_URL, 500);
  if (!redis.ok) console.warn(`${what} skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run it`);
  return redis.ok;
}

/** Starts a test's service; whatever a test started is stopped and removed after it. */
export function servicePerTest(): { start(options: TestServiceOptions): Promise<TestService> } {
  const started: TestService[] = [];
  afterEach(async () => {
    for (const service of started.splice(0)) await service.dispose();
  });
  return {
    async start(options) {
      const service = await startTestService(options);
      started.push(service);
      return service;
    },
  };
}

export type TestService = {
  readonly home: string;
  readonly config: ServiceConfig;
  readonly service: RunningService;
  readonly prefix: string;
  /** Everything the service logged, as JSON lines, for assertions and for a failing test's output. */
  readonly log: ReturnType<typeof capturedLogger>;
  /** The service's queues, opened for the test to watch its jobs; closed by dispose. */
  readonly queues: ReturnType<typeof openServiceQueues>;
  /** Stops the service, removes its queues from Redis and its home folder. Safe to call twice. */
  dispose(): Promise<void>;
};

export type TestServiceOptions = {
  redisUrl: string;
  /** Environment-style settings on top of the test defaults (WORKER_CONCURRENCY, RECYCLE_AFTER_JOBS …). */
  settings?: Record<string, string>;
  inbox?: ServiceOptions['inbox'];
  retry?: ServiceOptions['retry'];
};

/**
 * `npm start` in a temporary home, on `redisUrl` under a key prefix of its own, with inbox timings short
 * enough for a test and retries 200 ms apart.
 */
export async function startTestService(options: TestServiceOptions): Promise<TestService> {
  const home = await mkdtemp(path.join(tmpdir(), 'acord-reliability-'));
  const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
  const config = loadServiceConfig(
    { ACORD_PREP_HOME: home, REDIS_URL: options.redisUrl, WORKER_CONCURRENCY: '3', SANDBOX_MEMORY_MB: '512', SHUTDOWN_GRACE_MS: '10000', ...options.settings },
    home,
  );
  const log = capturedLogger({ logLevel: 'info' });
  const service = await startService(config, {
    prefix,
    log: log.log,
    inbox: options.inbox ?? { stableMs: 500, groupWindowMs: 300, rescanMs: 2000 },
    retry: options.retry ?? { attempts: 3, backoffMs: 200 },
  });
  const queues = openServiceQueues(options.redisUrl, prefix);
  // Only watched by the test: while Redis is away their errors say what the workers' log says already.
  for (const queue of Object.values(queues)) queue.on('error', () => {});
  let disposed: Promise<void> | undefined;
  return {
    home,
    config,
    service,
    prefix,
    log,
    queues,
    dispose: () =>
      (disposed ??= (async () => {
        await service.stop();
        for (const queue of Object.values(queues)) {
          await queue.obliterate({ force: true });
          await queue.close();
        }
        await rm(home, { recursive: true, force: true });
      })()),
  };
}

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;
const visible = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();

/**
 * What the service made of what was dropped, as a person looking at the folders sees it: packet folders
 * in the outbox (with their submission.json), submissions the workers quarantined (`<id>/report.txt`),
 * and entries the inbox refused (`<name>` beside `<name>.reason.txt`).
 */
export type Outcomes = { packets: string[]; quarantinedSubmissions: string[]; refusedEntries: string[] };

export async function outcomesOf(config: ServiceConfig): Promise<Outcomes> {
  const packets: string[] = [];
  for (const f of await visible(config.outboxDir)) if (await exists(path.join(config.outboxDir, f, 'submission.json'))) packets.push(f);
  const quarantinedSubmissions: string[] = [];
  const refusedEntries: string[] = [];
  const names = await visible(config.quarantineDir);
  for (const f of names) {
    if (f.endsWith('.reason.txt')) refusedEntries.push(f.slice(0, -'.reason.txt'.length));
    else if (!names.includes(`${f}.reason.txt`) && (await exists(path.join(config.quarantineDir, f, 'report.txt')))) quarantinedSubmissions.push(f);
  }
  return { packets, quarantinedSubmissions, refusedEntries };
}

/** The reason file the inbox wrote beside a refused entry. */
export const refusalReason = (config: ServiceConfig, entry: string) => readFile(path.join(config.quarantineDir, `${entry}.reason.txt`), 'utf8');

/** Writes each file beside the inbox, then moves them all in, one rename after another: dropped at once. */
export async function dropAll(t: TestService, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  for (const f of files) await writeFile(path.join(t.home, f.name), f.bytes);
  for (const f of files) await rename(path.join(t.home, f.name), path.join(t.config.inboxDir, f.name));
}

/** Waits until `count` submissions have an outcome (a packet, or quarantine with a report) and every submission its final state; returns the outcomes. */
export async function settled(t: TestService, count: number, timeout: number) {
  return vi.waitFor(
    async () => {
      const now = await outcomesOf(t.config);
      expect(now.packets.length + now.quarantinedSubmissions.length).toBeGreaterThanOrEqual(count);
      // A folder is published before its state is set (by the assembling process): wait for both.
      const states = (await t.service.db.listSubmissions({ limit: 10_000 })).map((s) => s.state);
      expect(states.filter((state) => !['packet-ready', 'quarantined', 'failed'].includes(state))).toEqual([]);
      return now;
    },
    { timeout, interval: 250 },
  );
}

/** Each submission's state changes reach a final state once. */
export async function finishedOnce(t: TestService): Promise<void> {
  for (const s of await t.service.db.listSubmissions()) {
    const finals = (await t.service.db.events(s.id)).filter((e) => e.kind === 'state-changed' && ['packet-ready', 'quarantined', 'failed'].includes(String(e.detail.to)));
    expect(finals.map((e) => e.detail.to), `${s.source}`).toEqual([s.state]);
  }
}
