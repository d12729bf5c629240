import { Redis } from 'ioredis';

export type RedisProbe = { ok: true; maxmemoryPolicy: string | null } | { ok: false; reason: string };

/**
 * Whether a Redis answers PING at `url` within `timeoutMs`, and its `maxmemory-policy` (null where
 * CONFIG is disabled, as on some hosted Redis). Never retries: the caller decides what to try next.
 */
export async function probeRedis(url: string, timeoutMs: number): Promise<RedisProbe> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // After a refused connection ioredis's default 2 s wait for the (already closed) socket keeps the process up.
    disconnectTimeout: 100,
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, a TLS failure) says more than connect()'s
  // "Connection is closed."; without a listener ioredis would also print it as unhandled.
  let socketError: Error | undefined;
  client.on('error', (error: Error) => (socketError ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    return { ok: false, reason: (socketError ?? (error as Error)).message };
  }
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as string[];
    return { ok: true, maxmemoryPolicy: policy ?? null };
  } catch {
    return { ok: true, maxmemoryPolicy: null };
  } finally {
    client.disconnect();
  }
}
