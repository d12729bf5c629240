import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeWholeFile } from '../runtime/write-whole-file.js';

/** admin: everything, the queues' actions too · assistant and underwriter: the review pages, the queues read-only. */
export const UserRole = z.enum(['admin', 'assistant', 'underwriter']);
export type UserRole = z.infer<typeof UserRole>;

export const UserAccount = z.object({
  name: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, { error: 'a user name is 1 to 64 letters, digits, dots, dashes, underscores or @' }),
  role: UserRole,
  /** An argon2id hash in its PHC string form; the password itself is never stored. */
  passwordHash: z.string().startsWith('$argon2id$', { error: 'must be an argon2id hash (run acord-prep user add NAME --replace)' }),
});
export type UserAccount = z.infer<typeof UserAccount>;

export const UsersFile = z
  .object({ users: z.array(UserAccount) })
  .refine((f) => new Set(f.users.map((u) => u.name)).size === f.users.length, { error: 'a user name is listed twice; keep one entry per name' });
export type UsersFile = z.infer<typeof UsersFile>;

export class UsersFileError extends Error {
  readonly code = 'users-file';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsersFileError';
  }
}

/** The accounts in `file`; a missing file is no accounts when `missingOk`, else an error saying how to add one. */
export async function readUsersFile(file: string, options: { missingOk?: boolean } = {}): Promise<UsersFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (options.missingOk) return { users: [] };
      throw new UsersFileError(`${file}: no users file; add the first account with: acord-prep user add NAME --role admin`, { cause: err });
    }
    throw new UsersFileError(`${file}: cannot be read (${(err as Error).message}); check its permissions`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsersFileError(`${file}: is not JSON (${(err as Error).message}); fix it or move it away and add the users again`, { cause: err });
  }
  const parsed = UsersFile.safeParse(json);
  if (!parsed.success) {
    throw new UsersFileError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Writes the accounts whole (never half a file), readable by the owner only: the hashes are guessable offline. */
export async function writeUsersFile(file: string, users: UsersFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeWholeFile(file, JSON.stringify(UsersFile.parse(users), null, 2) + '\n', { mode: 0o600 });
}
