import { addUser } from '../users/add-user.js';
import { readUsersFile, UsersFileError, writeUsersFile, type UserAccount, type UserRole } from '../users/users-file.js';

export type AccountChange = { kind: 'add'; name: string; role: UserRole; password: string } | { kind: 'role'; name: string; role: UserRole } | { kind: 'remove'; name: string };

/**
 * The admin page's changes to the users file, one at a time (two admins saving at once must not each
 * write their own copy), after each of which the server's accounts are read again from the file: a
 * removed account is logged out at its next request, a new role applies at once. The file stays the one
 * truth, shared with `acord-prep user add`.
 */
export class UserAdmin {
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly accounts: Map<string, UserAccount>,
  ) {}

  /** Applies `change` made by the admin `by`; a refusal is a UsersFileError with a sentence for the page. */
  change(change: AccountChange, by: string): Promise<void> {
    const run = this.last.then(() => this.apply(change, by));
    this.last = run.catch(() => {});
    return run;
  }

  private async apply(change: AccountChange, by: string): Promise<void> {
    if (change.kind === 'add') {
      // The CLI's own path: argon2id hash, length rule, one entry per name.
      if (this.accounts.has(change.name) || (await readUsersFile(this.file)).users.some((u) => u.name === change.name)) {
        throw new UsersFileError(`an account named ${change.name} exists already: change its role, or remove it first`);
      }
      await addUser(this.file, change);
    } else {
      const { users } = await readUsersFile(this.file);
      const target = users.find((u) => u.name === change.name);
      if (!target) throw new UsersFileError(`there is no account named ${change.name} (any more): reload the page`);
      const after = change.kind === 'remove' ? users.filter((u) => u !== target) : users.map((u) => (u === target ? { ...u, role: change.role } : u));
      if (change.kind === 'remove' && change.name === by) throw new UsersFileError('you cannot remove your own account: ask another admin');
      if (!after.some((u) => u.role === 'admin')) throw new UsersFileError(`${change.name} is the last admin: make another account admin first`);
      await writeUsersFile(this.file, { users: after });
    }
    await this.reload();
  }

  /** The accounts as the users file now lists them. */
  async reload(): Promise<void> {
    const { users } = await readUsersFile(this.file);
    this.accounts.clear();
    for (const u of users) this.accounts.set(u.name, u);
  }
}
