import { readFile } from 'node:fs/promises';
import type { Queue } from 'bullmq';
import type { Db } from '../src/db/db.js';
import { probeRedis } from './redis/probe-redis.js';
import { privateRedisUrlFile } from './redis/private-redis-server.js';

const COUNTED = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'] as const;
const HOUR_MS = 3_600_000;
/** Failures older than the newest this many are not looked at: the count says "at least" past it. */
const FAILED_SCAN = 1_000;

export type QueueStatus = {
  name: string;
  counts: Record<(typeof COUNTED)[number], number>;
  /** Age of the oldest job waiting to run; null when none waits. */
  oldestWaitingMs: number | null;
  failedLastHour: number;
};

export type ServiceStatus = {
  queues: QueueStatus[];
  submissions: Record<string, number>;
};

async function queueStatus(queue: Queue, now: number): Promise<QueueStatus> {
  const counts = (await queue.getJobCounts(...COUNTED)) as QueueStatus['counts'];
  const [oldest] = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
  const failed = await queue.getJobs(['failed'], 0, FAILED_SCAN - 1, false);
  return {
    name: queue.name,
    counts,
    oldestWaitingMs: oldest ? now - oldest.timestamp : null,
    failedLastHour: failed.filter((job) => (job.finishedOn ?? 0) > now - HOUR_MS).length,
  };
}

/** What `npm run status` shows: each queue's counts, its oldest waiting job, its failures in the last hour, and submissions by state. */
export async function collectStatus(queues: readonly Queue[], db: Db, now = Date.now()): Promise<ServiceStatus> {
  return { queues: await Promise.all(queues.map((q) => queueStatus(q, now))), submissions: await db.countByState() };
}

const age = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 2 * HOUR_MS ? `${Math.round(ms / 60_000)} min` : `${(ms / HOUR_MS).toFixed(1)} h`);

export function formatStatus(status: ServiceStatus): string {
  const lines = ['Queues'];
  for (const q of status.queues) {
    const c = q.counts;
    lines.push(
      `  ${q.name.padEnd(16)} waiting ${c.waiting + c.prioritized} · for children ${c['waiting-children']} · active ${c.active} · delayed ${c.delayed} · failed ${c.failed} (${q.failedLastHour} in the last hour) · done ${c.completed}` +
        (q.oldestWaitingMs === null ? '' : ` · oldest waiting ${age(q.oldestWaitingMs)}`),
    );
  }
  const states = Object.entries(status.submissions).filter(([, n]) => n > 0);
  lines.push('', 'Submissions', ...(states.length ? states.map(([state, n]) => `  ${state.padEnd(16)} ${n}`) : ['  none yet']));
  return lines.join('\n');
}

/**
 * The Redis the running service uses, without starting one: REDIS_URL, else the private redis-server
 * the service wrote down, else localhost:6379. Null when none answers.
 */
export async function findRunningRedis(redisUrl: string | undefined, dataDir: string): Promise<string | null> {
  const written = (await readFile(privateRedisUrlFile(dataDir), 'utf8').catch(() => '')).trim();
  for (const url of [redisUrl, written, 'redis://127.0.0.1:6379']) {
    if (url && (await probeRedis(url, 1_000)).ok) return url;
    if (redisUrl) return null; // REDIS_URL set: the service uses no other
  }
  return null;
}
