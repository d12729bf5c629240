import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { openServiceQueues } from '../workers/queues.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { privateRedisUrlFile } from '../workers/redis/private-redis-server.js';
import { collectStatus, findRunningRedis, formatStatus } from '../workers/service-status.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`status tests skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run them`);

describe.skipIf(!redis.ok)('npm run status', () => {
  const prefix = `acord-status-${randomUUID().slice(0, 8)}`;
  const queues = openServiceQueues(REDIS_URL, prefix);
  let db: Db;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'acord-status-'));
    db = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    for (const q of Object.values(queues)) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await db.close();
  });

  it('counts each queue, ages its oldest waiting job, and counts submissions by state', async () => {
    const first = await db.createSubmission({ source: 'inbox/a.pdf', actor: 'test' });
    await db.createSubmission({ source: 'inbox/b.pdf', actor: 'test' });
    await db.setState(first.id, 'packet-ready', { actor: 'test', packetFolder: 'a-2025-07-01-00000000' });
    await queues.readDocument.add('read', { kind: 'read-document', submissionId: first.id, sha256: 'a'.repeat(64), fileName: 'a.pdf' });
    await queues.readDocument.add('read', { kind: 'read-document', submissionId: first.id, sha256: 'b'.repeat(64), fileName: 'b.pdf' });
    const status = await collectStatus(Object.values(queues), db, Date.now() + 90_000);
    const read = status.queues.find((q) => q.name === 'read-document')!;
    expect(read.counts).toMatchObject({ waiting: 2, active: 0, failed: 0 });
    expect(read.oldestWaitingMs).toBeGreaterThanOrEqual(90_000);
    expect(status.queues.find((q) => q.name === 'assemble-packet')?.oldestWaitingMs).toBeNull();
    expect(status.submissions).toMatchObject({ received: 1, 'packet-ready': 1 });
    const text = formatStatus(status);
    expect(text).toMatch(/^ {2}read-document +waiting 2 · .* · oldest waiting 9\d s$/m);
    expect(text).toMatch(/^ {2}packet-ready +1$/m);
  });

  it("finds the service's Redis without starting one: REDIS_URL, else the private server it wrote down, else localhost", async () => {
    expect(await findRunningRedis('redis://127.0.0.1:1', dataDir)).toBeNull();
    await mkdir(path.dirname(privateRedisUrlFile(dataDir)), { recursive: true });
    await writeFile(privateRedisUrlFile(dataDir), `${REDIS_URL}/0\n`);
    expect(await findRunningRedis(undefined, dataDir)).toBe(`${REDIS_URL}/0`);
    expect(await findRunningRedis(undefined, await mkdtemp(path.join(tmpdir(), 'acord-status-')))).toBe(REDIS_URL);
  });
});
