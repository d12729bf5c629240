import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/acord-prep-cli.js';
import { runUser } from '../src/cli/user-command.js';
import { readUsersFile } from '../src/users/users-file.js';

let home: string;
let usersFile: string;
const env = () => ({ ACORD_PREP_HOME: home });
const piped = (text: string) => ({ stdin: Readable.from([text]) as unknown as NodeJS.ReadStream, stderr: process.stderr });

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'acord-users-'));
  usersFile = path.join(home, 'config', 'users.json');
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(home, { recursive: true, force: true });
});

describe('acord-prep user add', () => {
  it('writes an argon2id hash of the piped password to a 0600 users file', async () => {
    expect(await runUser(['add', 'alice', '--role', 'admin', '--password-stdin'], piped('correct horse battery\n'), env())).toBe(0);
    const file = await readUsersFile(usersFile);
    expect(file.users).toHaveLength(1);
    const [alice] = file.users;
    expect(alice).toMatchObject({ name: 'alice', role: 'admin' });
    expect(alice!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(await argon2.verify(alice!.passwordHash, 'correct horse battery')).toBe(true);
    expect(await readFile(usersFile, 'utf8')).not.toContain('correct horse battery');
    expect((await stat(usersFile)).mode & 0o777).toBe(0o600);
  });

  it('refuses a duplicate name, and replaces it with --replace', async () => {
    const before = await readFile(usersFile, 'utf8');
    expect(await runUser(['add', 'alice', '--role', 'assistant', '--password-stdin'], piped('another long password\n'), env())).toBe(2);
    expect(await readFile(usersFile, 'utf8')).toBe(before);
    expect(await runUser(['add', 'alice', '--role', 'assistant', '--password-stdin', '--replace'], piped('another long password\n'), env())).toBe(0);
    const [alice] = (await readUsersFile(usersFile)).users;
    expect(alice!.role).toBe('assistant');
    expect(await argon2.verify(alice!.passwordHash, 'another long password')).toBe(true);
    expect((await stat(usersFile)).mode & 0o777).toBe(0o600);
  });

  it('adds a second account beside the first', async () => {
    expect(await runUser(['add', 'bob', '--role', 'underwriter', '--password-stdin'], piped('bobs long password'), env())).toBe(0);
    expect((await readUsersFile(usersFile)).users.map((u) => `${u.name}:${u.role}`)).toEqual(['alice:assistant', 'bob:underwriter']);
  });

  it('refuses a short password, an unknown role and a piped password without --password-stdin', async () => {
    expect(await runUser(['add', 'carol', '--role', 'admin', '--password-stdin'], piped('short\n'), env())).toBe(2);
    expect(await runUser(['add', 'carol', '--role', 'boss', '--password-stdin'], piped('a long enough password\n'), env())).toBe(2);
    expect(await runUser(['add', 'carol', '--role', 'admin'], piped('a long enough password\n'), env())).toBe(2);
    expect((await readUsersFile(usersFile)).users.map((u) => u.name)).not.toContain('carol');
  });

  it('is reached through the acord-prep command line', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runCli(['user', '--help'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain('argon2id hash of the password');
  });
});
