import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisLog } from './redis-log.js';

/** Linux's view of a process, or null where it is gone or a zombie (dead, waiting to be reaped). */
function procInfo(pid: number): { comm: string; cwd: string | null } | null {
  try {
    // The state follows the parenthesised name, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return null;
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    let cwd: string | null = null;
    try {
      cwd = realpathSync(readlinkSync(`/proc/${pid}/cwd`));
    } catch {
      // Another user's process: its cwd is hidden, so it is not the redis-server we started.
    }
    return { comm, cwd };
  } catch {
    return null;
  }
}

/** Polls until `pid` has exited; false when it is still there after `ms`. */
async function exited(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) {
    if (!procInfo(pid)) return true;
  }
  return !procInfo(pid);
}

/**
 * Clears what an earlier run left in `redisDir`: a redis-server that outlived its SIGKILLed parent
 * (it would hold the data files and keep an unknown port) is stopped; a pidfile whose process is
 * gone, or is now an unrelated process that got the same pid, is removed without touching it.
 * A redis-server counts as ours when its working directory is `redisDir` (redis-server chdirs to --dir).
 */
export async function clearStaleRedis(pidfile: string, redisDir: string, log: RedisLog): Promise<void> {
  let text: string;
  try {
    text = await readFile(pidfile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(text.trim());
  const info = Number.isInteger(pid) && pid > 0 ? procInfo(pid) : null;
  if (!info) {
    log.info(`Redis: removed a stale pidfile ${pidfile} (pid ${text.trim()} is gone)`);
  } else if (info.comm === 'redis-server' && info.cwd === realpathSync(redisDir)) {
    log.warn(`Redis: a redis-server from an earlier run (pid ${pid}) still serves ${redisDir}: stopping it`);
    process.kill(pid, 'SIGTERM');
    if (!(await exited(pid, 10_000))) {
      log.warn(`Redis: pid ${pid} did not stop within 10 s of SIGTERM: killing it`);
      process.kill(pid, 'SIGKILL');
      await exited(pid, 5_000);
    }
  } else {
    log.info(`Redis: removed a stale pidfile ${pidfile} (pid ${pid} is now ${info.comm}, left alone)`);
  }
  await rm(pidfile, { force: true });
}
