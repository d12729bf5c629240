import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** secretbox's key size: @fastify/secure-session refuses any other. */
const KEY_BYTES = 32;

export class SessionKeyError extends Error {
  readonly code = 'session-key';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SessionKeyError';
  }
}

/**
 * The key that encrypts the session cookies, from `file` (64 hex digits); a missing file is created with a
 * random key, readable by the owner only. A new key logs everyone out, which is all a lost file costs.
 */
export async function loadSessionKey(file: string): Promise<Buffer> {
  try {
    const hex = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new SessionKeyError(`${file}: is not a session key (64 hex digits); delete it and a new one is made at the next start`);
    return Buffer.from(hex, 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (err instanceof SessionKeyError) throw err;
      throw new SessionKeyError(`${file}: cannot be read (${(err as Error).message}); check its permissions`, { cause: err });
    }
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // 'wx': two processes starting at once must not each write their own key.
    await writeFile(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadSessionKey(file);
    throw new SessionKeyError(`${file}: cannot be created (${(err as Error).message}); set SESSION_SECRET_FILE to a writable path`, { cause: err });
  }
  return key;
}
