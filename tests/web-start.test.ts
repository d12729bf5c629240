import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { freePort } from '../src/runtime/free-port.js';
import { addUser } from '../src/users/add-user.js';
import { UsersFileError } from '../src/users/users-file.js';
import { startServer } from '../src/web/start-server.js';
import { RecordingDesk, RecordingPages } from './support/review-web-fixtures.js';

let home: string;
let db: Db;

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'acord-web-start-'));
  db = await openDatabase({ dataDir: path.join(home, 'data') });
});
afterAll(async () => {
  await db.close();
  await rm(home, { recursive: true, force: true });
});

describe('startServer', () => {
  it('refuses to start without a users file, saying how to add the first account', async () => {
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, LOG_LEVEL: 'silent', PORT: String(await freePort()) }, home);
    const failure = await startServer({ config, db, desk: new RecordingDesk(db), pages: new RecordingPages() }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(UsersFileError);
    expect((failure as Error).message).toContain('acord-prep user add NAME --role admin');
  });

  it('listens on HOST:PORT with the accounts of the users file, its pages behind the log-in', async () => {
    const port = await freePort();
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, LOG_LEVEL: 'silent', PORT: String(port) }, home);
    await addUser(config.usersFile, { name: 'alice', role: 'admin', password: 'alice has a long password' });
    const app = await startServer({ config, db, desk: new RecordingDesk(db), pages: new RecordingPages() });
    try {
      const home = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
      expect(home.status).toBe(303);
      expect(home.headers.get('location')).toBe('/login');
      const login = await fetch(`http://127.0.0.1:${port}/login`);
      expect(login.status).toBe(200);
      // Plain http: the session cookie is not marked Secure, or the browser would drop it.
      expect(login.headers.get('set-cookie')).toMatch(/acord-prep-session=[^;]+;.*HttpOnly; SameSite=Strict/);
      expect(login.headers.get('set-cookie')).not.toContain('Secure');
    } finally {
      await app.close();
    }
  });
});
