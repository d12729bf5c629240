import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { PacketJson } from '../schemas/packet-json.js';
import type { Db } from '../src/db/db.js';
import { sha256Of } from '../src/store/content-store.js';
import { readJobId } from '../workers/queues.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { intakeOf } from './support/intake-of.js';
import { workersPerTest } from './support/workers-per-test.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`reader crash tests skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run them`);

const FAILING_PROCESSOR = fileURLToPath(new URL('./support/failing-read-processor.ts', import.meta.url));
const SAMPLE_125 = path.resolve('samples/contractor-co/acord-125.pdf');
const service = workersPerTest(REDIS_URL);

/** Workers reading with the failing processor; `limits` go to ACORD_PREP_LIMITS of the readers. */
const startService = (attempts: number, limits: object = {}) =>
  service.start({ env: { ACORD_PREP_LIMITS: JSON.stringify(limits) }, settings: { WORKER_CONCURRENCY: '1' }, retry: { attempts, backoffMs: 100 }, readProcessorFile: FAILING_PROCESSOR });

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
