import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntakeSubmission } from '../schemas/intake.js';
import { PacketJson } from '../schemas/packet-json.js';
import { loadServiceConfig } from '../src/config/service-config.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { ContentStore, sha256Of } from '../src/store/content-store.js';
import { openServiceQueues, readJobId } from '../workers/queues.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { startWorkers } from '../workers/start-workers.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`reader crash tests skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run them`);

const FAILING_PROCESSOR = fileURLToPath(new URL('./support/failing-read-processor.ts', import.meta.url));
const SAMPLE_125 = path.resolve('samples/contractor-co/acord-125.pdf');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Workers on a Redis prefix of their own, reading with the failing processor; `limits` go to ACORD_PREP_LIMITS. */
async function startService(attempts: number, limits: object = {}) {
  const home = await mkdtemp(path.join(tmpdir(), 'acord-crash-'));
  const config = loadServiceConfig({ ACORD_PREP_HOME: home, WORKER_CONCURRENCY: '1', SANDBOX_MEMORY_MB: '512' }, home);
  const db = await openDatabase({ dataDir: config.dataDir });
  const store = new ContentStore(config.storeDir);
  const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
  const saved = process.env.ACORD_PREP_LIMITS;
  process.env.ACORD_PREP_LIMITS = JSON.stringify(limits);
  let workers;
  try {
    workers = startWorkers(config, { db, redisUrl: REDIS_URL, prefix, retry: { attempts, backoffMs: 100 }, readProcessorFile: FAILING_PROCESSOR });
  } finally {
    if (saved === undefined) delete process.env.ACORD_PREP_LIMITS;
    else process.env.ACORD_PREP_LIMITS = saved;
  }
  const queues = openServiceQueues(REDIS_URL, prefix);
  cleanups.push(async () => {
    await workers.close(10_000);
    for (const queue of Object.values(queues)) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await db.close();
    await rm(home, { recursive: true, force: true });
  });
  return { config, db, store, workers, queues };
}

async function intakeOf(store: ContentStore, files: { fileName: string; bytes: Uint8Array }[]): Promise<IntakeSubmission> {
  const stored = await Promise.all(files.map(async (f) => ({ sha256: (await store.put(f.bytes)).sha256, fileName: f.fileName, size: f.bytes.byteLength })));
  return IntakeSubmission.parse({
    id: randomUUID(),
    key: sha256Of(new TextEncoder().encode(stored.map((s) => s.sha256).sort().join('\n'))),
    source: { kind: 'files', name: files.map((f) => f.fileName).join(', '), receivedAt: new Date().toISOString() },
    originals: stored,
    documents: stored,
    skipped: [],
  });
}

async function until(db: Db, id: string, state: 'packet-ready' | 'quarantined') {
  await vi.waitFor(async () => expect((await db.getSubmission(id))?.state).toBe(state), { timeout: 55_000, interval: 200 });
  return (await db.getSubmission(id))!;
}

describe.skipIf(!redis.ok)('a reader process that crashes or hangs', () => {
  it('reads a file that crashes its reader every time `attempts` times, then lists it in the packet as failed', async () => {
    const { config, db, store, workers, queues } = await startService(3);
    const good = new Uint8Array(await readFile(SAMPLE_125));
    // Other bytes than the good file's: one job each.
    const poison = new Uint8Array([...good, 0x0a]);
    const intake = await intakeOf(store, [{ fileName: 'acord-125.pdf', bytes: good }, { fileName: 'crash-125.pdf', bytes: poison }]);
    await workers.enqueue(intake);
    const record = await until(db, intake.id, 'packet-ready');

    const job = (await queues.readDocument.getJob(readJobId(intake.id, sha256Of(poison))))!;
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toMatch(/^crash-125\.pdf: the reading process ended in the middle of the document \(Unexpected exit code: null signal: SIGKILL\)/);
    // Nothing left to run: the file is not tried again.
    expect(await queues.readDocument.getJobCounts('wait', 'active', 'delayed', 'prioritized')).toEqual({ wait: 0, active: 0, delayed: 0, prioritized: 0 });

    const json = PacketJson.parse(JSON.parse(await readFile(path.join(config.outboxDir, record.packetFolder!, 'submission.json'), 'utf8')));
    expect(json.outcome?.files.find((f) => f.fileName === 'acord-125.pdf')?.status).toBe('read');
    expect(json.outcome?.files.find((f) => f.fileName === 'crash-125.pdf')).toMatchObject({ status: 'failed', error: { code: 'reader-failed', retryable: true } });
  });

  it('kills a reader process stuck past its deadline and its grace, and fails the document with why', async () => {
    const { db, store, workers, queues } = await startService(1, { msPerDocument: 1_000 });
    const intake = await intakeOf(store, [{ fileName: 'stuck-125.pdf', bytes: new Uint8Array(await readFile(SAMPLE_125)) }]);
    await workers.enqueue(intake);
    await until(db, intake.id, 'quarantined');

    const job = (await queues.readDocument.getJob(readJobId(intake.id, intake.documents[0]!.sha256)))!;
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^stuck-125\.pdf: the reading process was still busy \d+ s after the job began .* was killed \(SIGKILL\)$/);
    expect((await db.getSubmission(intake.id))?.documents[0]).toMatchObject({ status: 'failed', error: { code: 'reader-failed', retryable: true } });
  });
});
