/**
 * The service found no Redis it can use. `redis-unreachable`: REDIS_URL names a Redis that does not
 * answer · `redis-server-missing`: a private Redis was needed and redis-server is not installed ·
 * `redis-server-failed`: the private redis-server did not start (its log is quoted).
 */
export type RedisSetupProblem = 'redis-unreachable' | 'redis-server-missing' | 'redis-server-failed';

export class RedisSetupError extends Error {
  constructor(readonly code: RedisSetupProblem, message: string) {
    super(message);
    this.name = 'RedisSetupError';
  }
}
