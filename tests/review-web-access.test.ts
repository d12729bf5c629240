import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { readUsersFile } from '../src/users/users-file.js';
import { RecordingDesk, reviewWebFixture, storeSample, WebClient } from './support/review-web-fixtures.js';

/** A file beside the outbox that no request may reach. */
const SECRET = 'not for the web\n';

let config: ServiceConfig;
let db: Db;
let app: FastifyInstance;
let desk: RecordingDesk;
let id: string;
let sha: string;
let flagId: string;
let assistant: WebClient;
let underwriter: WebClient;
let admin: WebClient;

const fixture = reviewWebFixture('acord-review-access-', async ({ home, config, db }) => {
  const sample = await storeSample(db, 'contractor-co', ['acord-125.pdf', 'acord-126.pdf'], config.outboxDir);
  id = sample.id;
  sha = sample.shas['acord-125.pdf']!;
  // A flag with a box on a page: only those have a crop.
  flagId = (await db.getSubmission(id))!.report!.flags.find((f) => f.source?.page)!.id;
  await writeFile(path.join(home, 'secret.txt'), SECRET);
  await mkdir(path.join(home, 'elsewhere'), { recursive: true });
  await writeFile(path.join(home, 'elsewhere', 'packet.pdf'), SECRET);
});
beforeAll(() => ({ config, db, app, desk, assistant, underwriter, admin } = fixture.current()));

const pagesOf = () => ['/', '/underwriter', '/admin/users', `/submissions/${id}/review`, `/submissions/${id}/audit`];
const dataOf = () => [
  '/api/queue',
  `/api/submissions/${id}`,
  `/submissions/${id}/files/packet.pdf`,
  `/submissions/${id}/files/submission.json`,
  `/submissions/${id}/files/submission.xml`,
  `/submissions/${id}/flags/${encodeURIComponent(flagId)}/crop.png`,
  `/submissions/${id}/documents/${sha}/pages/1.png`,
  `/submissions/${id}/documents/${sha}/pages/1.html`,
];
const postsOf = () => [
  `/api/submissions/${id}/decisions`,
  `/api/submissions/${id}/values`,
  `/api/submissions/${id}/send`,
  `/api/submissions/${id}/reveal-tax-id`,
  `/submissions/${id}/taken`,
  '/admin/users',
  '/admin/users/andy/role',
  '/admin/users/andy/remove',
];

describe('logged out', () => {
  it('is sent to /login from every page, and gets 401 from every file, image, /api route and POST', async () => {
    for (const url of pagesOf()) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.headers.location]).toEqual([url, 303, '/login']);
    }
    for (const url of dataOf()) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.body]).toEqual([url, 401, JSON.stringify({ error: 'log in first' })]);
    }
    for (const url of postsOf()) expect([url, (await app.inject({ method: 'POST', url, payload: {} })).statusCode]).toEqual([url, 401]);
    expect(desk.calls).toEqual([]);
  });

  it('still gets the log-in form, its style sheet and the page scripts', async () => {
    for (const url of ['/login', '/assets/style.css', '/assets/queue.js', '/assets/review.js']) expect([url, (await app.inject({ method: 'GET', url })).statusCode]).toEqual([url, 200]);
  });
});

describe('role gates', () => {
  it('keeps an assistant to the queue and the review pages', async () => {
    for (const url of ['/', '/api/queue', `/submissions/${id}/review`, `/submissions/${id}/flags/${encodeURIComponent(flagId)}/crop.png`]) {
      expect([url, (await assistant.get(url)).statusCode]).toEqual([url, 200]);
    }
    const admin = await assistant.get('/admin/users');
    expect(admin.statusCode).toBe(403);
    expect(admin.body).toContain('An account with the role assistant cannot use /admin/users: ask an admin if you need to.');
    for (const url of ['/underwriter', `/submissions/${id}/audit`, `/submissions/${id}/files/packet.pdf`]) expect([url, (await assistant.get(url)).statusCode]).toEqual([url, 403]);
    expect((await assistant.postForm(`/submissions/${id}/taken`, {})).statusCode).toBe(403);
    expect((await assistant.postForm('/admin/users', { name: 'mallory', role: 'admin', password: 'mallory has a long password' })).statusCode).toBe(403);
    expect((await readUsersFile(config.usersFile)).users.map((u) => u.name)).toEqual(['ada', 'andy', 'uma']);
  });

  it('lets an underwriter read a review but not act on it, nor see the queue or the accounts', async () => {
    expect((await underwriter.get(`/submissions/${id}/review`)).statusCode).toBe(200);
    expect((await underwriter.get(`/submissions/${id}/files/submission.xml`)).statusCode).toBe(200);
    for (const url of ['/api/queue', '/admin/users']) expect([url, (await underwriter.get(url)).statusCode]).toEqual([url, 403]);
    const before = desk.calls.length;
    for (const [url, body] of [
      [`/api/submissions/${id}/decisions`, { flagId, action: 'confirmed' }],
      [`/api/submissions/${id}/values`, { path: 'producer.fullName', text: 'X' }],
      [`/api/submissions/${id}/send`, {}],
    ] as const) {
      const res = await underwriter.postJson(url, body);
      expect([url, res.statusCode, res.json().error]).toEqual([url, 403, `An account with the role underwriter cannot use ${url}: ask an admin if you need to.`]);
    }
    expect(desk.calls.length).toBe(before);
  });

  it('lets an admin everywhere', async () => {
    for (const url of [...pagesOf(), ...dataOf()]) expect([url, (await admin.get(url)).statusCode]).toEqual([url, 200]);
  });
});

describe('CSRF', () => {
  it('refuses a script’s POST without the x-csrf-token header, or with another session’s token', async () => {
    const before = desk.calls.length;
    expect((await assistant.postJson(`/api/submissions/${id}/decisions`, { flagId, action: 'confirmed' }, { csrf: false })).statusCode).toBe(403);
    const stolen = assistant.csrf;
    assistant.csrf = underwriter.csrf;
    expect((await assistant.postJson(`/api/submissions/${id}/decisions`, { flagId, action: 'confirmed' })).statusCode).toBe(403);
    assistant.csrf = stolen;
    expect(desk.calls.length).toBe(before);
    expect((await db.getSubmission(id))!.report!.flags[0]!.resolution).toBeUndefined();
  });

  it('refuses a form’s POST without its _csrf field', async () => {
    expect((await admin.postForm('/admin/users', { name: 'mallory', role: 'admin', password: 'mallory has a long password' }, { csrf: false })).statusCode).toBe(403);
    expect((await underwriter.postForm(`/submissions/${id}/taken`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await readUsersFile(config.usersFile)).users.map((u) => u.name)).toEqual(['ada', 'andy', 'uma']);
  });
});

describe('files by id only', () => {
  it('refuses ids and names that look like paths, and names outside the packet’s three', async () => {
    for (const url of [
      `/submissions/..%2F..%2Fsecret.txt/files/packet.pdf`,
      `/submissions/${id}/files/..%2F..%2F..%2Fsecret.txt`,
      `/submissions/${id}/files/report.txt`,
      `/submissions/.%2Fx/review`,
      `/submissions/${id}/documents/..%2F..%2Fsecret.txt/pages/1.png`,
      `/submissions/${id}/documents/${sha}/pages/1.txt`,
    ]) {
      const res = await admin.get(url);
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.body).not.toContain(SECRET.trim());
    }
    // Dots the URL parser resolves before routing leave no route at all.
    expect((await admin.get(`/submissions/${id}/files/%2E%2E`)).statusCode).toBe(404);
  });

  it('serves nothing for a submission whose stored folder would leave the outbox, or that has no packet', async () => {
    const { id: other } = await db.createSubmission({ source: 'test', actor: 'test' });
    expect((await admin.get(`/submissions/${other}/files/packet.pdf`)).statusCode).toBe(404);
    await db.setState(other, 'ready-for-underwriter', { actor: 'test', packetFolder: '../elsewhere' });
    const res = await admin.get(`/submissions/${other}/files/packet.pdf`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(SECRET.trim());
    expect((await admin.get('/submissions/no-such-submission/review')).statusCode).toBe(404);
  });
});

describe('headers', () => {
  it('sends the review page with a self-only CSP, no inline script or style, and no caching', async () => {
    const res = await assistant.get(`/submissions/${id}/review`);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>|\sstyle="|<style/);
  });
});
