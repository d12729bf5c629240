import { randomBytes } from 'node:crypto';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker, type Job } from 'bullmq';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debianBinary } from '../src/runtime/debian-binary.js';
import { redisConnection } from '../workers/queues.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { watchWorkers } from '../workers/worker-watchdog.js';
import { outcomesOf, startTestService, type TestService } from './support/reliability-service.js';
import { RestartableRedis } from './support/restartable-redis.js';
import { xmlSubmission } from './support/xml-submissions.js';

const redisServer = debianBinary('redis-server', 'redis-server', (m) => console.warn(`redis restart test: ${m}`));
if (!redisServer) console.warn('redis restart test skipped: redis-server is absent and cannot be installed');

const FOLDERS = ['contractor-co', 'manufacturing-oh', 'office-ny', 'restaurant-tx', 'retail-fl'];
const XML_COPIES = 6;

const LOCAL_URL = 'redis://127.0.0.1:6379';
const localRedis = await probeRedis(LOCAL_URL, 500);
if (!localRedis.ok) console.warn(`watchdog tests skipped: no Redis on 127.0.0.1:6379 (${localRedis.reason}); start redis-server to run them`);

let service: TestService | undefined;
let redis: RestartableRedis | undefined;
let scratch: string | undefined;
afterEach(async () => {
  // A test that failed during the outage: the service needs its Redis back to stop and remove its queues.
  await redis?.up();
  await service?.dispose();
  await redis?.down();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  service = redis = scratch = undefined;
});

describe.skipIf(!redisServer)('Redis restarted while the service runs', () => {
  it('recovers: every submission dropped before the outage finishes once', { timeout: 150_000 }, async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'acord-redis-restart-'));
    redis = await RestartableRedis.start(redisServer!, path.join(scratch, 'redis'));
    service = await startTestService({ redisUrl: redis.url });
    const { config } = service;

    // Folders of fillable forms (a few seconds of reading each) and loose XML files, each moved in whole.
    const staging = path.join(scratch, 'staging');
    await mkdir(staging);
    for (const name of FOLDERS) {
      await cp(path.resolve('samples', name), path.join(staging, name), { recursive: true, filter: (src) => !src.endsWith('.expected.json') });
      await rename(path.join(staging, name), path.join(config.inboxDir, name));
    }
    for (let n = 1; n <= XML_COPIES; n++) {
      await writeFile(path.join(staging, `quote-${n}.xml`), xmlSubmission(n));
      await rename(path.join(staging, `quote-${n}.xml`), path.join(config.inboxDir, `quote-${n}.xml`));
    }
    const expected = FOLDERS.length + XML_COPIES;

    // Mid-run: the first packet is out and others are still to come.
    await vi.waitFor(async () => expect((await outcomesOf(config)).packets.length).toBeGreaterThan(0), { timeout: 60_000, interval: 100 });
    const before = await outcomesOf(config);
    expect(before.packets.length).toBeLessThan(expected);
    await redis.down('SIGTERM');
    const stoppedAt = Date.now();
    await sleep(3_000);
    await redis.up();
    const restartedAt = Date.now();
    const atRestart = (await outcomesOf(config)).packets.length;
    await vi.waitFor(async () => expect((await outcomesOf(config)).packets.length).toBeGreaterThan(atRestart), { timeout: 60_000, interval: 100 });
    const resumedAfter = Date.now() - restartedAt;

    const outcomes = await vi.waitFor(
      async () => {
        const now = await outcomesOf(config);
        expect(now.packets.length + now.quarantinedSubmissions.length).toBe(expected);
        return now;
      },
      { timeout: 90_000, interval: 250 },
    );
    console.info(`redis restart: stopped after ${before.packets.length}/${expected} packets, down ${restartedAt - stoppedAt} ms; after the restart the next packet in ${resumedAfter} ms, all ${expected} in ${Date.now() - restartedAt} ms`);
    expect(outcomes.quarantinedSubmissions).toEqual([]);
    expect(outcomes.refusedEntries).toEqual([]);
    const listed = await service.service.db.listSubmissions();
    expect(listed).toHaveLength(expected);
    expect(listed.map((s) => s.state)).toEqual(listed.map(() => 'packet-ready'));
    expect(new Set(listed.map((s) => s.packetFolder)).size).toBe(expected);
    for (const s of listed) {
      const reached = (await service.service.db.events(s.id)).filter((e) => e.kind === 'state-changed' && e.detail.to === 'packet-ready');
      expect(reached, `${s.source} reached packet-ready ${reached.length} times`).toHaveLength(1);
    }
  });
});

/** A bare worker and its queue under a prefix of their own, with the watchdog looking every 100 ms. */
async function watchedWorker(opts: { stuckAfterMs: number }) {
  const connection = redisConnection(LOCAL_URL);
  const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
  const queue = new Queue('watched', { connection, prefix });
  const done: string[] = [];
  // Short locks: a job whose worker lost it is back in the queue within a second or two.
  const worker = new Worker('watched', async (job: Job) => void done.push(job.name), { connection, prefix, autorun: false, lockDuration: 1_000, stalledInterval: 500 });
  worker.on('error', () => {});
  const said: string[] = [];
  const watchdog = watchWorkers([worker], { connection, prefix, log: { warn: (m) => void said.push(m) }, everyMs: 100, stuckAfterMs: opts.stuckAfterMs });
  cleanups.push(async () => {
    await watchdog.stop();
    await worker.close(true);
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return { queue, worker, watchdog, done, said };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe.skipIf(!localRedis.ok)('the worker watchdog', () => {
  it('wakes a worker whose loop waits on a job promise that rejected', { timeout: 30_000 }, async () => {
    const { queue, worker, done, said } = await watchedWorker({ stuckAfterMs: 1_500 });
    // Fault injected: the first job's promise rejects with a plain error, which BullMQ's loop does not
    // expect: it stays running and waits for a job that never comes.
    const processJob = worker.processJob.bind(worker);
    let injected = false;
    worker.processJob = (job, token, next) => {
      if (injected) return processJob(job, token, next);
      injected = true;
      return Promise.reject(new Error('injected: a job promise rejected'));
    };
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    void worker.run().catch((err: Error) => worker.emit('error', err));
    await queue.add('first', {});
    await vi.waitFor(() => expect(injected).toBe(true), { timeout: 5_000, interval: 20 });
    await queue.add('second', {});

    await vi.waitFor(() => expect([...done].sort()).toEqual(['first', 'second']), { timeout: 20_000, interval: 50 });
    expect(printed.mock.calls.map((c) => String(c[0]))).toContain('Unexpected Error in AsyncFifoQueue');
    printed.mockRestore();
    expect(said.some((m) => /the watched worker started no job in \d+ s while [12] wait\(s\); woke its loop/.test(m))).toBe(true);
    expect(worker.isRunning()).toBe(true);
  });

  it('reconnects the blocking connection of a worker whose wait never returns while jobs wait', { timeout: 30_000 }, async () => {
    const { queue, worker, done, said } = await watchedWorker({ stuckAfterMs: 1_500 });
    // Fault injected: the next blocking wait is a real BZPOPMIN on a key nothing writes, with no time-out, as a
    // reply lost on the blocking connection leaves it; only dropping that connection ends it.
    const backend = worker.getBackend();
    const waitForJob = backend.waitForJob.bind(backend);
    let stuck = false;
    backend.waitForJob = async (timeout) => {
      if (stuck) return waitForJob(timeout);
      stuck = true;
      const client = (await backend.blockingClient)!;
      await client.bzpopmin(`${queue.opts.prefix}:never-written`, 0);
      return null;
    };
    void worker.run().catch((err: Error) => worker.emit('error', err));
    await vi.waitFor(() => expect(stuck).toBe(true), { timeout: 5_000, interval: 20 });
    await queue.add('waiting', {});

    await vi.waitFor(() => expect(done).toEqual(['waiting']), { timeout: 20_000, interval: 50 });
    expect(said.some((m) => /the watched worker started no job in \d+ s while 1 wait\(s\); woke its loop and reconnected its blocking connection/.test(m))).toBe(true);
  });
});
