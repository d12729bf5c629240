import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { debianBinary } from '../src/runtime/debian-binary.js';
import { ensureRedis, type EnsuredRedis } from '../workers/redis/ensure-redis.js';
import { freePort } from '../src/runtime/free-port.js';
import { privateRedisUrlFile } from '../workers/redis/private-redis-server.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { RedisSetupError } from '../workers/redis/redis-setup-error.js';

function recordingLog() {
  const lines: string[] = [];
  return { lines, info: (m: string) => void lines.push(`info: ${m}`), warn: (m: string) => void lines.push(`warn: ${m}`) };
}

async function withClient<T>(url: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

const localRedis = (await probeRedis('redis://127.0.0.1:6379', 500)).ok;
const redisServer = debianBinary('redis-server', 'redis-server', (m) => console.warn(`runtime-redis: ${m}`));
if (!localRedis) console.warn('runtime-redis: nothing answers on 127.0.0.1:6379: the localhost tests are skipped');
if (!redisServer) console.warn('runtime-redis: redis-server is absent and cannot be installed: the private-server tests are skipped');

let dir: string;
let started: EnsuredRedis[] = [];
/** Processes a test started itself (a "crashed" redis-server, a stand-in): killed by pid if a test failed midway. */
const strays: number[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acord-redis-'));
});
afterEach(async () => {
  await Promise.all(started.map((redis) => redis.stop()));
  started = [];
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const pid of strays) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

describe.skipIf(!localRedis)('ensureRedis with the machine\'s Redis on 127.0.0.1:6379', () => {
  it('uses REDIS_URL when set, and says so', async () => {
    const log = recordingLog();
    const redis = await ensureRedis({ url: 'redis://127.0.0.1:6379', dataDir: dir, log });
    expect(redis.how).toBe('REDIS_URL');
    expect(redis.url).toBe('redis://127.0.0.1:6379');
    expect(log.lines[0]).toMatch(/^info: Redis: redis:\/\/127\.0\.0\.1:6379 from REDIS_URL \(maxmemory-policy \w+\)$/);
    await redis.stop();
    expect(await withClient(redis.url, (c) => c.ping())).toBe('PONG');
  });

  it('finds localhost:6379 when REDIS_URL is not set, and starts nothing', async () => {
    const log = recordingLog();
    const redis = await ensureRedis({ dataDir: dir, log });
    expect(redis.how).toBe('localhost:6379');
    expect(redis.url).toBe('redis://127.0.0.1:6379');
    expect(log.lines[0]).toMatch(/^info: Redis: found on 127\.0\.0\.1:6379/);
    expect(existsSync(path.join(dir, 'redis'))).toBe(false);
  });
});

describe('ensureRedis with an unreachable REDIS_URL', () => {
  it('fails with an error naming the URL (password masked) and what to do', async () => {
    const port = await freePort();
    const attempt = ensureRedis({ url: `redis://:hunter2@127.0.0.1:${port}/0`, dataDir: dir, log: recordingLog() });
    await expect(attempt).rejects.toBeInstanceOf(RedisSetupError);
    await expect(attempt).rejects.toMatchObject({ code: 'redis-unreachable' });
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain(`REDIS_URL=redis://:***@127.0.0.1:${port}/0 does not answer (connect ECONNREFUSED`);
    expect(message).toContain('correct REDIS_URL');
    expect(message).not.toContain('hunter2');
    expect(existsSync(path.join(dir, 'redis'))).toBe(false);
  });
});

describe.skipIf(!redisServer)('ensureRedis starting a private redis-server', () => {
  const pidfile = () => path.join(dir, 'redis', 'redis.pid');

  async function startPrivate(log = recordingLog()) {
    const redis = await ensureRedis({ dataDir: dir, log, probeLocal: false });
    started.push(redis);
    return redis;
  }

  it('starts one in <dataDir>/redis: append-only, noeviction, pidfile; stop() ends it', async () => {
    const log = recordingLog();
    const redis = await startPrivate(log);
    expect(redis.how).toBe('private redis-server');
    const pid = Number(readFileSync(pidfile(), 'utf8'));
    const port = new URL(redis.url).port;
    expect(log.lines).toEqual([
      `info: Redis: private redis-server on 127.0.0.1:${port}, data in ${path.join(dir, 'redis')} (started, pid ${pid})`,
    ]);
    await withClient(redis.url, async (client) => {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await client.config('GET', 'dir')).toEqual(['dir', path.join(dir, 'redis')]);
    });
    expect(existsSync(path.join(dir, 'redis', 'appendonlydir'))).toBe(true);
    // Written down for `npm run status`, which must find it without starting one.
    expect(readFileSync(privateRedisUrlFile(dir), 'utf8')).toBe(`${redis.url}\n`);
    started = [];
    await redis.stop();
    expect(alive(pid)).toBe(false);
    expect(existsSync(pidfile())).toBe(false);
    expect(existsSync(privateRedisUrlFile(dir))).toBe(false);
    expect((await probeRedis(redis.url, 500)).ok).toBe(false);
  });

  it('says so when its redis-server dies under it', async () => {
    const log = recordingLog();
    await startPrivate(log);
    const pid = Number(readFileSync(pidfile(), 'utf8'));
    process.kill(pid, 'SIGKILL');
    while (log.lines.length < 2) await sleep(20);
    expect(log.lines[1]).toBe(
      `warn: Redis: the private redis-server (pid ${pid}) exited on its own (code null, signal SIGKILL); see ${path.join(dir, 'redis', 'redis.log')}`,
    );
  });

  it('keeps what was queued across a restart (the append-only file)', async () => {
    const first = await startPrivate();
    await withClient(first.url, (client) => client.set('acord:job', 'waiting'));
    started = [];
    await first.stop();
    const second = await startPrivate();
    expect(await withClient(second.url, (client) => client.get('acord:job'))).toBe('waiting');
  });

  it('removes a pidfile whose process is gone', async () => {
    const dead = spawn('true');
    await new Promise((resolve) => dead.once('exit', resolve));
    mkdirSync(path.join(dir, 'redis'), { recursive: true });
    writeFileSync(pidfile(), `${dead.pid}\n`);
    const log = recordingLog();
    const redis = await startPrivate(log);
    expect(log.lines[0]).toBe(`info: Redis: removed a stale pidfile ${pidfile()} (pid ${dead.pid} is gone)`);
    expect(Number(readFileSync(pidfile(), 'utf8'))).not.toBe(dead.pid);
    expect(await withClient(redis.url, (client) => client.ping())).toBe('PONG');
  });

  it('leaves alone a live process that is not its redis-server', async () => {
    const other = spawn('sleep', ['120'], { stdio: 'ignore' });
    strays.push(other.pid!);
    mkdirSync(path.join(dir, 'redis'), { recursive: true });
    writeFileSync(pidfile(), `${other.pid}\n`);
    const log = recordingLog();
    await startPrivate(log);
    expect(log.lines[0]).toBe(`info: Redis: removed a stale pidfile ${pidfile()} (pid ${other.pid} is now sleep, left alone)`);
    expect(alive(other.pid!)).toBe(true);
    other.kill('SIGKILL');
  });

  it('stops a redis-server left running by a crashed run and starts its own', async () => {
    const redisDir = path.join(dir, 'redis');
    mkdirSync(redisDir, { recursive: true });
    const oldPort = await freePort();
    // What a SIGKILLed service leaves: its redis-server, detached, still holding the data directory.
    const orphan = spawn(
      redisServer!,
      ['--port', String(oldPort), '--bind', '127.0.0.1', '--dir', redisDir, '--appendonly', 'yes', '--pidfile', pidfile(), '--daemonize', 'no'],
      { detached: true, stdio: 'ignore' },
    );
    strays.push(orphan.pid!);
    orphan.unref();
    const oldUrl = `redis://127.0.0.1:${oldPort}`;
    while (!(await probeRedis(oldUrl, 500)).ok || !existsSync(pidfile())) await sleep(20);
    await withClient(oldUrl, (client) => client.set('acord:left', 'by the crashed run'));

    const log = recordingLog();
    const redis = await startPrivate(log);
    expect(log.lines[0]).toBe(`warn: Redis: a redis-server from an earlier run (pid ${orphan.pid}) still serves ${redisDir}: stopping it`);
    expect(alive(orphan.pid!)).toBe(false);
    expect((await probeRedis(oldUrl, 500)).ok).toBe(false);
    expect(redis.url).not.toBe(oldUrl);
    expect(Number(readFileSync(pidfile(), 'utf8'))).not.toBe(orphan.pid);
    // It was stopped with SIGTERM, so its append-only file was flushed and the new server has its data.
    expect(await withClient(redis.url, (client) => client.get('acord:left'))).toBe('by the crashed run');
  });

  it('warns when a Redis it is given evicts keys (BullMQ needs noeviction)', async () => {
    const own = await startPrivate();
    await withClient(own.url, (client) => client.config('SET', 'maxmemory-policy', 'allkeys-lru'));
    const log = recordingLog();
    const redis = await ensureRedis({ url: own.url, dataDir: dir, log });
    expect(redis.how).toBe('REDIS_URL');
    expect(log.lines).toContainEqual(expect.stringMatching(/^warn: Redis: redis:\/\/127\.0\.0\.1:\d+ has maxmemory-policy allkeys-lru, but BullMQ needs noeviction/));
    expect(log.lines).toContainEqual(expect.stringMatching(/\(maxmemory-policy allkeys-lru\)$/));
  });
});
