/** Where the Redis set-up says what it did: a pino logger or `console` fits. */
export interface RedisLog {
  info(message: string): void;
  warn(message: string): void;
}
