import { hashPassword } from './password-hash.js';
import { UserAccount, UsersFileError, readUsersFile, writeUsersFile, type UserRole } from './users-file.js';

/** Shorter passwords are refused: the hash is the only thing between a copied users file and an account. */
export const MIN_PASSWORD_LENGTH = 10;

export type AddUserInput = { name: string; role: UserRole; password: string; replace?: boolean };

/** Adds (or with `replace`, replaces) one account in the users file; returns whether it replaced one. */
export async function addUser(file: string, input: AddUserInput): Promise<{ replaced: boolean }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new UsersFileError(`the password is shorter than ${MIN_PASSWORD_LENGTH} characters; choose a longer one`);
  }
  const current = await readUsersFile(file, { missingOk: true });
  const replaced = current.users.some((u) => u.name === input.name);
  if (replaced && !input.replace) {
    throw new UsersFileError(`${file}: a user named ${input.name} exists already; add --replace to set a new role and password`);
  }
  const account = UserAccount.safeParse({ name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
  if (!account.success) throw new UsersFileError(account.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const users = replaced ? current.users.map((u) => (u.name === input.name ? account.data : u)) : [...current.users, account.data];
  await writeUsersFile(file, { users });
  return { replaced };
}
