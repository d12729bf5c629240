import { redactUrl } from '../../src/service/service-config.js';
import { startPrivateRedis } from './private-redis-server.js';
import { probeRedis } from './probe-redis.js';
import type { RedisLog } from './redis-log.js';
import { RedisSetupError } from './redis-setup-error.js';

export type RedisHow = 'REDIS_URL' | 'localhost:6379' | 'private redis-server';

export interface EnsuredRedis {
  readonly url: string;
  readonly how: RedisHow;
  /** Stops the private redis-server; a Redis we found is left running. */
  stop(): Promise<void>;
}

export interface EnsureRedisOptions {
  /** REDIS_URL: when set it is the only Redis tried. */
  url?: string | undefined;
  /** The service's data directory; a private redis-server keeps its files in `<dataDir>/redis`. */
  dataDir: string;
  log: RedisLog;
  /** false: skip 127.0.0.1:6379 and start a private redis-server (for tests and isolated runs). */
  probeLocal?: boolean;
}

const LOCAL_URL = 'redis://127.0.0.1:6379';

/** BullMQ's job locks live in Redis keys: any policy that may evict them breaks its at-least-once guarantee. */
function checkPolicy(shown: string, policy: string | null, log: RedisLog): string {
  if (policy === null) {
    log.warn(`Redis: cannot read maxmemory-policy of ${shown} (CONFIG disabled?); BullMQ needs noeviction: make sure it is set`);
    return 'maxmemory-policy unknown';
  }
  if (policy !== 'noeviction') {
    log.warn(
      `Redis: ${shown} has maxmemory-policy ${policy}, but BullMQ needs noeviction (else Redis may evict job keys and ` +
        `locks under memory pressure): set \`maxmemory-policy noeviction\` in its redis.conf or run CONFIG SET maxmemory-policy noeviction`,
    );
  }
  return `maxmemory-policy ${policy}`;
}

const leftRunning = async () => {};

/**
 * Finds the Redis the service uses, in the order DEVELOPERS.md promises: REDIS_URL when set (and
 * nothing else: a wrong REDIS_URL is an error, not a reason to use another Redis), else a Redis on
 * 127.0.0.1:6379, else a private redis-server in the data directory. Logs which, and why.
 */
export async function ensureRedis(options: EnsureRedisOptions): Promise<EnsuredRedis> {
  const { url, dataDir, log, probeLocal = true } = options;
  if (url) {
    const shown = redactUrl(url);
    const probe = await probeRedis(url, 3_000);
    if (!probe.ok) {
      throw new RedisSetupError(
        'redis-unreachable',
        `REDIS_URL=${shown} does not answer (${probe.reason}). Start that Redis or correct REDIS_URL; ` +
          'or unset REDIS_URL to use a Redis on localhost:6379 or a private redis-server.',
      );
    }
    log.info(`Redis: ${shown} from REDIS_URL (${checkPolicy(shown, probe.maxmemoryPolicy, log)})`);
    return { url, how: 'REDIS_URL', stop: leftRunning };
  }
  if (probeLocal) {
    // Short: on a machine without Redis the refusal is immediate; a firewall that drops must not stall start-up.
    const probe = await probeRedis(LOCAL_URL, 500);
    if (probe.ok) {
      log.info(`Redis: found on 127.0.0.1:6379 (${checkPolicy('127.0.0.1:6379', probe.maxmemoryPolicy, log)})`);
      return { url: LOCAL_URL, how: 'localhost:6379', stop: leftRunning };
    }
    log.info(`Redis: REDIS_URL is not set and 127.0.0.1:6379 does not answer (${probe.reason}): starting a private redis-server`);
  }
  const server = await startPrivateRedis(dataDir, log);
  return { url: server.url, how: 'private redis-server', stop: () => server.stop() };
}
