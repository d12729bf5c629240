import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { hashPassword } from '../src/users/password-hash.js';
import { buildServer } from '../src/web/build-server.js';
import { LOGIN_ATTEMPTS } from '../src/web/login-routes.js';
import { queueBoard } from '../workers/bull-board.js';
import { RecordingDesk, RecordingPages } from './support/review-web-fixtures.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/contractor-co/submission.xml');
/** The sample's FEIN: the pages may show its last four digits only. */
const FEIN = '26-2514907';
const PASSWORDS = { alice: 'alice has a long password', andy: 'andy has a long password' };
const REDIS = 'redis://127.0.0.1:6379';

let home: string;
let db: Db;
let app: FastifyInstance;
let queue: Queue | null = null;
let redisMissing = '';

/** The cookies a response sets, as a Cookie header's pairs by name. */
const cookiesOf = (res: LightMyRequestResponse) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
const cookieHeader = (jar: Record<string, string>) => Object.entries(jar).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
const csrfIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** A session's cookies and a CSRF token for its forms, after a successful log-in as `name`. */
async function login(name: keyof typeof PASSWORDS, remoteAddress = '127.0.0.1') {
  const form = await app.inject({ method: 'GET', url: '/login', remoteAddress });
  const jar = cookiesOf(form);
  const res = await app.inject({ method: 'POST', url: '/login', remoteAddress, headers: { cookie: cookieHeader(jar) }, payload: { _csrf: csrfIn(form.body), name, password: PASSWORDS[name] } });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/');
  Object.assign(jar, cookiesOf(res));
  const home = await app.inject({ method: 'GET', url: '/', remoteAddress, headers: { cookie: cookieHeader(jar) } });
  // The page's CSRF token is bound to a secret the session cookie of that page carries.
  Object.assign(jar, cookiesOf(home));
  return { jar, csrf: csrfIn(home.body), home };
}

beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'acord-web-'));
  const config = loadServiceConfig({ ACORD_PREP_HOME: home, LOG_LEVEL: 'silent' }, home);
  db = await openDatabase({ dataDir: config.dataDir });
  const { id } = await db.createSubmission({ source: 'broker@example.com', actor: 'test' });
  const { submission, outcome } = await extractSubmission([{ fileName: 'submission.xml', bytes: new Uint8Array(await readFile(SAMPLE)) }]);
  await db.saveExtraction(id, submission, outcome, 'test');
  await db.createSubmission({ source: '<script>alert(1)</script>.pdf', actor: 'test' });
  const users = { users: [
    { name: 'alice', role: 'admin' as const, passwordHash: await hashPassword(PASSWORDS.alice) },
    { name: 'andy', role: 'assistant' as const, passwordHash: await hashPassword(PASSWORDS.andy) },
  ] };
  const probe = await probeRedis(REDIS, 2000);
  if (probe.ok) {
    const prefix = `acord-web-test-${randomBytes(4).toString('hex')}`;
    queue = new Queue('extract', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    await queue.add(`read ${FEIN}`, { insured: 'Timberline Remodeling LLC', fein: FEIN, note: `FEIN ${FEIN} on page 1` });
  } else {
    redisMissing = `no Redis at ${REDIS} (${probe.reason}): the queue board tests are skipped`;
    console.warn(redisMissing);
  }
  const board = queue ? queueBoard([queue]) : undefined;
  app = await buildServer({ config, db, users, desk: new RecordingDesk(db), pages: new RecordingPages(), ...(board ? { bullBoard: board, metrics: board } : {}) });
});

afterAll(async () => {
  await app?.close();
  if (queue) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await db?.close();
  await rm(home, { recursive: true, force: true });
});

describe('web server: before log-in', () => {
  it('sends pages to the log-in form and answers the API with 401', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login');
    expect((await app.inject({ method: 'GET', url: '/no-such-page' })).headers.location).toBe('/login');
    expect((await app.inject({ method: 'GET', url: '/admin/queues/' })).headers.location).toBe('/login');
    expect((await app.inject({ method: 'GET', url: '/admin/queues/api/queues' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/logout' })).statusCode).toBe(401);
    const form = await app.inject({ method: 'GET', url: '/login' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="password" type="password"');
  });

  it('creates the session key file, readable by its owner only', async () => {
    const key = path.join(home, 'data', 'session.key');
    expect((await readFile(key, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
  });

  it('sends security headers: a self-only CSP, no framing, no sniffing', async () => {
    const res = await app.inject({ method: 'GET', url: '/login' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
    const session = res.cookies.find((c) => c.name === 'acord-prep-session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });
});

describe('web server: /metrics', () => {
  it('is refused to a remote client without a session, and to a forwarded request', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } })).statusCode).toBe(401);
  });

  it('counts submissions by state for localhost, in the Prometheus text format', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1']) {
      const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
      expect(res.body).toContain('# TYPE acord_prep_submissions gauge');
      expect(res.body).toContain('acord_prep_submissions{state="received"} 2');
      expect(res.body).toContain('acord_prep_submissions{state="failed"} 0');
      if (queue) expect(res.body).toContain('acord_prep_queue_jobs{queue="extract",status="waiting"} 1');
    }
  });

  it('is served to a remote admin, refused to a remote assistant', async () => {
    const admin = await login('alice', '198.51.100.4');
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '198.51.100.4', headers: { cookie: cookieHeader(admin.jar) } })).statusCode).toBe(200);
    const assistant = await login('andy', '198.51.100.5');
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '198.51.100.5', headers: { cookie: cookieHeader(assistant.jar) } })).statusCode).toBe(403);
  });
});

describe('web server: log-in', () => {
  it('refuses a wrong password and an unknown name with the same words, and the sixth try in a minute with 429', async () => {
    const remoteAddress = '192.0.2.10';
    const form = await app.inject({ method: 'GET', url: '/login', remoteAddress });
    const headers = { cookie: cookieHeader(cookiesOf(form)) };
    const unknown = await app.inject({ method: 'POST', url: '/login', remoteAddress, headers, payload: { _csrf: csrfIn(form.body), name: 'nobody', password: PASSWORDS.alice } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toContain('Wrong user name or password.');
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_ATTEMPTS; i++) {
      const res = await app.inject({ method: 'POST', url: '/login', remoteAddress, headers, payload: { _csrf: csrfIn(form.body), name: 'alice', password: `wrong ${i}` } });
      if (res.statusCode === 401) expect(res.body).toContain('Wrong user name or password.');
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(LOGIN_ATTEMPTS).fill(401), 429]);
    // Locked out even with the right password, until the minute is over.
    const right = await app.inject({ method: 'POST', url: '/login', remoteAddress, headers, payload: { _csrf: csrfIn(form.body), name: 'alice', password: PASSWORDS.alice } });
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('Too many tries: wait a minute');
  });

  it('marks the session cookie Secure behind a TLS proxy on this machine when TRUST_PROXY=yes, never on a client’s word', async () => {
    const logInOver = async (server: typeof app, remoteAddress: string) => {
      const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' };
      const form = await server.inject({ method: 'GET', url: '/login', remoteAddress, headers });
      const res = await server.inject({ method: 'POST', url: '/login', remoteAddress, headers: { ...headers, cookie: cookieHeader(cookiesOf(form)) }, payload: { _csrf: csrfIn(form.body), name: 'andy', password: PASSWORDS.andy } });
      expect(res.statusCode).toBe(303);
      return String(res.headers['set-cookie']);
    };
    // Without TRUST_PROXY the forwarded headers are a client's claim: plain http, no Secure flag.
    expect(await logInOver(app, '127.0.0.1')).not.toMatch(/;\s*Secure/i);
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, LOG_LEVEL: 'silent', TRUST_PROXY: 'yes' }, home);
    const proxied = await buildServer({ config, db, users: { users: [{ name: 'andy', role: 'assistant', passwordHash: await hashPassword(PASSWORDS.andy) }] }, desk: new RecordingDesk(db), pages: new RecordingPages() });
    try {
      expect(await logInOver(proxied, '127.0.0.1')).toMatch(/acord-prep-session=[^;]+;.*Secure/i);
      // A remote client sending the same headers is not the proxy.
      expect(await logInOver(proxied, '203.0.113.9')).not.toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a log-in without the form’s CSRF token', async () => {
    const form = await app.inject({ method: 'GET', url: '/login', remoteAddress: '192.0.2.11' });
    const res = await app.inject({ method: 'POST', url: '/login', remoteAddress: '192.0.2.11', headers: { cookie: cookieHeader(cookiesOf(form)) }, payload: { name: 'alice', password: PASSWORDS.alice } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('The form had expired');
  });

  it('lists the submissions after log-in, the FEIN masked to its last four digits, text escaped', async () => {
    const { home: page } = await login('andy');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Timberline Remodeling LLC');
    expect(page.body).toContain('**-***4907');
    expect(page.body).not.toContain(FEIN);
    expect(page.body).not.toContain('2514907');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.pdf');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('andy (assistant)');
  });

  it('refuses a POST without its CSRF token, and logs out with it', async () => {
    const { jar, csrf } = await login('alice');
    const headers = { cookie: cookieHeader(jar) };
    expect((await app.inject({ method: 'POST', url: '/logout', headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/', headers })).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/logout', headers, payload: { _csrf: csrf } });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login');
    const after = await app.inject({ method: 'GET', url: '/', headers: { cookie: cookieHeader({ ...jar, ...cookiesOf(out) }) } });
    expect(after.headers.location).toBe('/login');
  });
});

describe('web server: the queue board at /admin/queues', () => {
  const boardApi = async (jar: Record<string, string>, query = '') => {
    const res = await app.inject({ method: 'GET', url: `/admin/queues/api/queues${query}`, headers: { cookie: cookieHeader(jar) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { queues: { name: string; displayName?: string; readOnlyMode: boolean; jobs: { data: string; name: string }[] }[] };
  };

  it('shows an admin the queues read-write, tax ids masked in the jobs', async (ctx) => {
    if (!queue) return ctx.skip(redisMissing);
    const { jar } = await login('alice');
    const page = await app.inject({ method: 'GET', url: '/admin/queues/', headers: { cookie: cookieHeader(jar) } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(cookiesOf(page)['XSRF-TOKEN']).toBeTruthy();
    const { queues } = await boardApi(jar, '?activeQueue=extract&status=latest');
    expect(queues.map((q) => [q.name, q.readOnlyMode])).toEqual([['extract', false]]);
    const text = JSON.stringify(queues[0]!.jobs);
    expect(queues[0]!.jobs[0]!.name).toBe('read **-***4907');
    expect(text).toContain('**-***4907');
    expect(text).not.toContain('2514907');
  });

  it('shows an assistant the same queue read-only: its actions answer 405, the admin’s copy 404', async (ctx) => {
    if (!queue) return ctx.skip(redisMissing);
    const { jar } = await login('andy');
    const page = await app.inject({ method: 'GET', url: '/admin/queues/', headers: { cookie: cookieHeader(jar) } });
    const xsrf = cookiesOf(page)['XSRF-TOKEN']!;
    const { queues } = await boardApi(jar);
    expect(queues.map((q) => [q.displayName, q.readOnlyMode])).toEqual([['extract', true]]);
    const headers = { cookie: cookieHeader({ ...jar, ...cookiesOf(page) }), 'x-xsrf-token': xsrf };
    const readOnly = await app.inject({ method: 'PUT', url: `/admin/queues/api/queues/${encodeURIComponent(queues[0]!.name)}/pause`, headers });
    expect(readOnly.statusCode).toBe(405);
    expect((await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/extract/pause', headers })).statusCode).toBe(404);
    expect(await queue.isPaused()).toBe(false);
  });

  it('lets an admin act only with the XSRF token the board copies from its cookie', async (ctx) => {
    if (!queue) return ctx.skip(redisMissing);
    const { jar } = await login('alice');
    const page = await app.inject({ method: 'GET', url: '/admin/queues/', headers: { cookie: cookieHeader(jar) } });
    const cookie = cookieHeader({ ...jar, ...cookiesOf(page) });
    expect((await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/extract/pause', headers: { cookie } })).statusCode).toBe(403);
    expect(await queue.isPaused()).toBe(false);
    const paused = await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/extract/pause', headers: { cookie, 'x-xsrf-token': cookiesOf(page)['XSRF-TOKEN']! } });
    expect(paused.statusCode).toBe(200);
    expect(await queue.isPaused()).toBe(true);
  });
});
