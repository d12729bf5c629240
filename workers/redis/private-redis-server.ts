import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { debianBinary } from '../../src/runtime/debian-binary.js';
import { freePort } from '../../src/runtime/free-port.js';
import { probeRedis } from './probe-redis.js';
import type { RedisLog } from './redis-log.js';
import { RedisSetupError } from './redis-setup-error.js';
import { clearStaleRedis } from './stale-redis-pidfile.js';

export interface PrivateRedis {
  readonly url: string;
  readonly pid: number;
  /** SIGTERM (redis-server then flushes the append-only file and removes its pidfile), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** The last lines redis-server wrote to `logfile` after byte `from` (the log is kept across runs). */
async function logTail(logfile: string, from: number): Promise<string> {
  const bytes = await readFile(logfile).catch(() => Buffer.alloc(0));
  return bytes.subarray(from).toString('utf8').trim().split('\n').slice(-5).join('\n');
}

/** Resolves when `child` has exited or could not be spawned; at once when it already has. */
function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
}

/**
 * Waits until the server answers PING; false when it exited first or did not answer within 10 s.
 * A server replaying a large append-only file answers LOADING for as long as that takes: it is
 * given the time.
 */
async function ready(child: ChildProcess, url: string): Promise<boolean> {
  let gone = false;
  void exitOf(child).then(() => (gone = true));
  for (let end = Date.now() + 10_000; Date.now() < end && !gone; await sleep(20)) {
    const probe = await probeRedis(url, 500);
    if (probe.ok) return true;
    if (probe.reason.startsWith('LOADING')) end = Date.now() + 10_000;
  }
  return false;
}

/**
 * Starts redis-server as the service's own child, its data in `<dataDir>/redis`: append-only (so
 * queued jobs survive a restart; no RDB snapshots besides), `noeviction` (BullMQ's job locks must
 * never be evicted), bound to 127.0.0.1 on a free port. Installs Debian's redis-server when it is
 * missing and we are root.
 */
/** Where a running private redis-server's URL is written: its port is free-picked, and `npm run status` must find it. */
export const privateRedisUrlFile = (dataDir: string) => path.resolve(dataDir, 'redis', 'redis.url');

export async function startPrivateRedis(dataDir: string, log: RedisLog): Promise<PrivateRedis> {
  const dir = path.resolve(dataDir, 'redis');
  const pidfile = path.join(dir, 'redis.pid');
  const logfile = path.join(dir, 'redis.log');
  await mkdir(dir, { recursive: true });
  await clearStaleRedis(pidfile, dir, log);
  const binary = debianBinary('redis-server', 'redis-server', (message) => log.info(`Redis: ${message}`));
  if (!binary) {
    throw new RedisSetupError(
      'redis-server-missing',
      'No Redis to use: REDIS_URL is not set, and redis-server, needed to run a private Redis, is not installed ' +
        '(installing it needs root). Install it (Debian/Ubuntu: `apt-get install redis-server`, ' +
        'macOS: `brew install redis`) or set REDIS_URL to a Redis you run.',
    );
  }
  const shown = path.relative(process.cwd(), dir).startsWith('..') ? dir : path.relative(process.cwd(), dir) || '.';
  // Another process may take the free port between our check and redis-server's bind: try again.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const logStart = (await stat(logfile).catch(() => null))?.size ?? 0;
    // Its own process group: a Ctrl-C in the terminal must not stop Redis while the workers drain.
    const child = spawn(
      binary,
      [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
        '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction',
        '--pidfile', pidfile, '--logfile', logfile, '--daemonize', 'no',
      ],
      { detached: true, stdio: 'ignore' },
    );
    if (await ready(child, url)) {
      const pid = child.pid!;
      // A normal exit that forgot stop() must not leave Redis behind; a crash is cleared at next start.
      const onExit = () => child.kill('SIGTERM');
      process.once('exit', onExit);
      let stopping = false;
      child.once('exit', (code, signal) => {
        if (!stopping) log.warn(`Redis: the private redis-server (pid ${pid}) exited on its own (code ${code}, signal ${signal}); see ${logfile}`);
      });
      child.unref();
      log.info(`Redis: private redis-server on 127.0.0.1:${port}, data in ${shown} (started, pid ${pid})`);
      await writeFile(privateRedisUrlFile(dataDir), `${url}\n`);
      return {
        url,
        pid,
        async stop() {
          process.removeListener('exit', onExit);
          stopping = true;
          const done = exitOf(child);
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await done;
          clearTimeout(timer);
          await rm(pidfile, { force: true });
          await rm(privateRedisUrlFile(dataDir), { force: true });
          log.info(`Redis: stopped the private redis-server (pid ${pid})`);
        },
      };
    }
    child.kill('SIGKILL');
    await exitOf(child);
    const tail = await logTail(logfile, logStart);
    if (attempt < 3 && tail.includes('Address already in use')) continue;
    throw new RedisSetupError(
      'redis-server-failed',
      `The private redis-server (${binary}, data in ${dir}) did not start on 127.0.0.1:${port}; ` +
        `the end of ${logfile}:\n${tail || '(empty)'}\nFix that, or set REDIS_URL to a Redis you run.`,
    );
  }
}
