import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadServiceConfig } from '../src/service/service-config.js';
import { freePort } from '../src/runtime/free-port.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { addUser } from '../src/users/add-user.js';
import { openServiceQueues } from '../workers/queues.js';
import { startService } from '../workers/start-service.js';
import { createLogger } from '../src/runtime/logger.js';
import { capturedLogger } from './support/captured-logger.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`service start-up test skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run it`);

const SAMPLE = path.resolve('samples/contractor-co');
/** A file that says it is a PDF and is not one: the reader refuses it, so its submission is quarantined. */
const CORRUPT = new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage garbage\n%%EOF\n');

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;

/** This process's children, from /proc: the sandboxed readers and a private redis-server would be here. */
async function childPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name is in parentheses and may hold spaces: the fields after it are split.
    const ppid = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === process.pid) pids.push(Number(entry));
  }
  return pids;
}

/** The test's own queues, removed from Redis. */
async function removeQueues(prefix: string): Promise<void> {
  for (const queue of Object.values(openServiceQueues(REDIS_URL, prefix))) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

describe.skipIf(!redis.ok)('npm start: inbox, workers and web in one process', () => {
  it('turns a folder in the inbox into a packet, submits no duplicate (after a restart neither), quarantines a corrupt PDF, and stops leaving no child process', { timeout: 240_000 }, async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'acord-service-'));
    const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, REDIS_URL, WORKER_CONCURRENCY: '2', SANDBOX_MEMORY_MB: '512', SHUTDOWN_GRACE_MS: '10000' }, home);
    const captured = capturedLogger({ logLevel: 'info' });
    const said = () => captured.lines().map((l) => String(l.msg));
    const inbox = { stableMs: 500, groupWindowMs: 300 };
    let service = await startService(config, { prefix, log: captured.log, inbox });
    try {
      const printed = said().join('\n');
      expect(printed).toContain(config.inboxDir);
      expect(printed).toContain('REDIS_URL');
      expect(printed).toContain(`SQLite at ${path.join(config.dataDir, 'acord-prep.sqlite')}`);
      // No users file: the web stays off, and the log says how to add the first account.
      expect(service.url).toBeNull();
      expect(printed).toContain('npx acord-prep user add NAME --role admin');

      const folder = path.join(config.inboxDir, 'contractor-co');
      await mkdir(path.join(home, 'staging'));
      for (const name of ['acord-125.pdf', 'acord-126.pdf']) await cp(path.join(SAMPLE, name), path.join(home, 'staging', name));
      await cp(path.join(home, 'staging'), folder, { recursive: true });

      const packet = await vi.waitFor(
        async () => {
          const folders = await readdir(config.outboxDir).catch(() => []);
          const done = [];
          for (const f of folders) if ((await exists(path.join(config.outboxDir, f, 'packet.pdf'))) && (await exists(path.join(config.outboxDir, f, 'submission.json')))) done.push(f);
          if (done.length !== 1) throw new Error('no packet yet');
          return done[0]!;
        },
        { timeout: 90_000, interval: 500 },
      );
      expect(packet).toBeTruthy();
      expect(await readdir(config.inboxDir)).toEqual([]);
      const listed = await service.db.listSubmissions();
      expect(listed.map((s) => s.state)).toEqual(['packet-ready']);
      expect(listed[0]!.source).toBe('contractor-co');

      // The same folder again (known by its key since start) and one of its files alone (found in the database
      // by its bytes): neither is submitted again, and both leave the inbox.
      await cp(path.join(home, 'staging'), path.join(config.inboxDir, 'contractor-co-again'), { recursive: true });
      await cp(path.join(SAMPLE, 'acord-125.pdf'), path.join(config.inboxDir, 'acord-125.pdf'));
      await vi.waitFor(async () => expect(await readdir(config.inboxDir)).toEqual([]), { timeout: 90_000, interval: 500 });
      expect(said().filter((m) => m.includes(`the same bytes as submission ${listed[0]!.id}`))).toHaveLength(2);
      expect(await service.db.listSubmissions()).toHaveLength(1);

      // Its first read marked it reading; each stage of its assembly was logged with it; its results are gone.
      const moves = (await service.db.events(listed[0]!.id)).filter((e) => e.kind === 'state-changed').map((e) => `${e.detail.from}→${e.detail.to}`);
      expect(moves).toEqual(['received→reading', 'reading→checking', 'checking→packet-ready']);
      const stages = captured.lines().filter((l) => l.submissionId === listed[0]!.id && l.stage).map((l) => l.stage);
      expect(stages).toEqual(expect.arrayContaining(['read', 'done', 'merge', 'packet', 'publish']));
      expect(captured.lines().find((l) => l.stage === 'read')).toMatchObject({ documentSha: expect.stringMatching(/^[0-9a-f]{12}$/), jobId: expect.stringMatching(/^read-/) });
      expect(await exists(path.join(config.dataDir, 'results', listed[0]!.id))).toBe(false);

      // Restarted, the service still knows the folder by its key: not submitted again.
      await service.stop();
      service = await startService(config, { prefix, log: captured.log, inbox });
      await cp(path.join(home, 'staging'), path.join(config.inboxDir, 'contractor-co-after-restart'), { recursive: true });
      await vi.waitFor(async () => expect(await readdir(config.inboxDir)).toEqual([]), { timeout: 90_000, interval: 500 });
      expect(said().filter((m) => m.includes(`contractor-co-after-restart: the same bytes as submission ${listed[0]!.id}`))).toHaveLength(1);
      expect(await service.db.listSubmissions()).toHaveLength(1);

      await writeFile(path.join(config.inboxDir, 'broken.pdf'), CORRUPT);
      const report = await vi.waitFor(
        async () => {
          for (const f of await readdir(config.quarantineDir).catch(() => [])) {
            const file = path.join(config.quarantineDir, f, 'report.txt');
            if ((await exists(file)) && (await exists(path.join(config.quarantineDir, f, 'broken.pdf')))) return readFile(file, 'utf8');
          }
          throw new Error('not quarantined yet');
        },
        { timeout: 90_000, interval: 500 },
      );
      expect(report).toContain('broken.pdf');
      expect(await readdir(config.inboxDir)).toEqual([]);
      expect((await service.db.listSubmissions({ state: 'quarantined' })).length).toBe(1);
      // The sandboxed readers are this process's children until stop.
      expect((await childPids()).length).toBeGreaterThan(0);
    } finally {
      await service.stop();
      await removeQueues(prefix);
      await rm(home, { recursive: true, force: true });
    }
    expect(await childPids()).toEqual([]);
  });

  it('starts the web server when a users file exists: the log-in page and the queues in /metrics', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'acord-service-'));
    const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, REDIS_URL, PORT: String(await freePort()), LOG_LEVEL: 'silent' }, home);
    await addUser(config.usersFile, { name: 'alice', role: 'admin', password: 'correct horse battery' });
    const service = await startService(config, { prefix, log: createLogger(config) });
    try {
      expect(service.url).toBe(`http://127.0.0.1:${config.port}`);
      expect((await fetch(`${service.url}/login`)).status).toBe(200);
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain('acord_prep_queue_jobs{queue="read-document"');
    } finally {
      await service.stop();
      await removeQueues(prefix);
      await rm(home, { recursive: true, force: true });
    }
    await expect(fetch(`http://127.0.0.1:${config.port}/login`)).rejects.toThrow();
  });
});
