import { Queue, type ConnectionOptions } from 'bullmq';

/** The service's queues: one job per document read, one per submission finished, one per reviewed submission made again. */
export const QUEUES = { readDocument: 'read-document', assemblePacket: 'assemble-packet', reassemblePacket: 'reassemble-packet' } as const;

/** Redis keys start with it; tests give each run its own. */
export const DEFAULT_PREFIX = 'acord-prep';

/**
 * Job ids come from the submission and the document's bytes, so enqueuing the same submission again
 * adds nothing (BullMQ ignores an id it holds). BullMQ refuses `:` in ids: `-` joins the parts.
 */
export const readJobId = (submissionId: string, sha256: string) => `read-${submissionId}-${sha256}`;
export const assembleJobId = (submissionId: string) => `assemble-${submissionId}`;
/** A submission is reassembled once each time the review desk sends it (`attempt`: the how-manieth): a double click queues one job. */
export const reassembleJobId = (submissionId: string, attempt: number) => `reassemble-${submissionId}-${attempt}`;
/** At most one refresh of a submission's packet waits, and one runs (BullMQ deduplication). */
export const refreshDeduplicationId = (submissionId: string) => `refresh-${submissionId}`;

/**
 * The documents whose read job failed for good, by sha256, with why: from BullMQ's ignored failures of an
 * assemble job's children, keyed `<prefix>:read-document:<readJobId>`.
 */
export function failedReadsOf(ignored: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries(ignored).flatMap(([key, reason]) => {
      const sha = /-([0-9a-f]{64})$/.exec(key)?.[1];
      return sha ? [[sha, String(reason)] as const] : [];
    }),
  );
}

/** The longest wait between two attempts to reconnect to Redis. */
const RECONNECT_MAX_MS = 2_000;

/** ioredis options from a redis:// URL; workers block on Redis, so requests are never given up. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // BullMQ's default waits up to 20 s between reconnects, so work resumed up to 20 s after Redis came back.
    retryStrategy: (times: number) => Math.min(250 * times, RECONNECT_MAX_MS),
  };
}

/** How often a document is tried when the machine fails (a time-out, a crash), waiting 2^n × delay between. */
export type RetryPolicy = { attempts: number; backoffMs: number };
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 10_000 };

/** Jobs of a queue not finished yet: waiting, delayed, running. */
export async function unfinishedJobs(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** The service's queues, for the dashboard, metrics and tests; the caller closes them. */
export function openServiceQueues(redisUrl: string, prefix: string = DEFAULT_PREFIX): Record<keyof typeof QUEUES, Queue> {
  const connection = redisConnection(redisUrl);
  return {
    readDocument: new Queue(QUEUES.readDocument, { connection, prefix }),
    assemblePacket: new Queue(QUEUES.assemblePacket, { connection, prefix }),
    reassemblePacket: new Queue(QUEUES.reassemblePacket, { connection, prefix }),
  };
}
