import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServiceDemo } from '../scripts/service-demo.js';
import { capturedLogger } from './support/captured-logger.js';
import { openServiceQueues } from '../workers/queues.js';
import { probeRedis } from '../workers/redis/probe-redis.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`service demo test skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run it`);

describe.skipIf(!redis.ok)('npm run demo: the service on the shipped samples', () => {
  it('turns each sample folder dropped in the inbox into a packet in the outbox, then stops and removes its queues', { timeout: 120_000 }, async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'acord-demo-'));
    const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
    const { log, text } = capturedLogger({ logLevel: 'info' });
    try {
      const rows = await runServiceDemo({ home, prefix, samples: ['contractor-co', 'office-ny-flat'], env: { REDIS_URL, SANDBOX_MEMORY_MB: '512' }, log });
      expect(rows.map((r) => [r.sample, r.state])).toEqual([
        ['contractor-co', 'packet-ready'],
        ['office-ny-flat', 'packet-ready'],
      ]);
      for (const r of rows) {
        expect(path.dirname(r.folder!)).toBe(path.join(home, 'outbox'));
        expect((await stat(path.join(r.folder!, 'packet.pdf'))).size).toBeGreaterThan(0);
      }
      expect(await readdir(path.join(home, 'inbox'))).toEqual([]);
      expect(text()).toContain('web              off (no users file)');
      for (const queue of Object.values(openServiceQueues(REDIS_URL, prefix))) {
        const counts = await queue.getJobCounts();
        await queue.close();
        expect(Object.values(counts).every((n) => n === 0)).toBe(true);
      }
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it('names the sample folders to choose from when asked for one that does not exist', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'acord-demo-'));
    try {
      await expect(runServiceDemo({ home, samples: ['no-such-sample'], env: { REDIS_URL }, log: capturedLogger({ logLevel: 'silent' }).log })).rejects.toThrow(/no sample folder named no-such-sample .*choose from .*contractor-co/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
