import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRecord } from '../schemas/db-records.js';
import type { ServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { ReviewError, type ReviewErrorCode } from '../src/review/review-operations.js';
import { readUsersFile } from '../src/users/users-file.js';
import { auditList } from '../src/web/audit-list.js';
import { pageBoxes } from '../src/review/page-boxes.js';
import { queueEntries } from '../src/web/queue-entries.js';
import { flagsInReviewOrder } from '../src/web/review-page.js';
import { capturedLogger } from './support/captured-logger.js';
import { RecordingDesk, RecordingPages, reviewWebFixture, storeSample, WebClient } from './support/review-web-fixtures.js';

const HOUR = 3_600_000;

let config: ServiceConfig;
let db: Db;
let app: FastifyInstance;
let desk: RecordingDesk;
let pages: RecordingPages;
const logs = capturedLogger({ logLevel: 'info' });
/** restaurant-tx's four PDFs: flags of every kind but appetite, each with its box on a page. */
let restaurant: { id: string; shas: Record<string, string> };
/** contractor-co's 125 and 126, received two days ago: overdue, the carrier's appetite says out. */
let contractor: { id: string; shas: Record<string, string> };
let assistant: WebClient;
let underwriter: WebClient;
let admin: WebClient;

const record = async (id: string): Promise<SubmissionRecord> => (await db.getSubmission(id))!;
/** The inner HTML of the first element with this id. */
const section = (body: string, id: string) => new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(section|ol|table)>`).exec(body)?.[1] ?? '';
const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const fixture = reviewWebFixture(
  'acord-review-web-',
  async ({ config, db }) => {
    contractor = await storeSample(db, 'contractor-co', ['acord-125.pdf', 'acord-126.pdf'], config.outboxDir, new Date(Date.now() - 48 * HOUR - 7 * 24 * HOUR));
    restaurant = await storeSample(db, 'restaurant-tx', ['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf', 'acord-140-2.pdf'], config.outboxDir);
  },
  logs.log,
);
beforeAll(() => ({ config, db, app, desk, pages, assistant, underwriter, admin } = fixture.current()));

describe('the review queue', () => {
  it('lists both samples, the overdue one first, with their open flags, lines and appetite', async () => {
    const res = await assistant.get('/');
    expect(res.statusCode).toBe(200);
    const ids = [...res.body.matchAll(/<tr data-submission-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([contractor.id, restaurant.id]);
    const rowOf = (id: string) => new RegExp(`<tr data-submission-id="${id}"[\\s\\S]*?</tr>`).exec(res.body)![0];
    const old = rowOf(contractor.id);
    expect(old).toContain(`<a class="review-link" href="/submissions/${contractor.id}/review">Timberline Remodeling LLC</a>`);
    expect(old).toMatch(/<td class="due overdue">overdue \d+ h \d\d min<\/td>/);
    expect(old).toContain('<td class="appetite">out</td>');
    const fresh = rowOf(restaurant.id);
    expect(fresh).toMatch(/<td class="due">[A-Z][a-z]{2} \d+ [A-Z][a-z]{2} \d\d:\d\d \(\d+ h \d\d min left\)<\/td>|<td class="due due-soon">/);
    expect(fresh).toContain('<td class="flags">6 blocking · 1 warning</td>');
    expect(fresh).toContain('<td class="lines">Package</td>');
    expect(fresh).toContain('<td class="status">In review</td>');
    for (const key of ['status', 'insured', 'lines', 'broker', 'received', 'due', 'flags', 'appetite']) expect(res.body).toContain(`<th data-sort="${key}"`);
    expect(res.body).toContain('<input id="queue-filter"');
    expect(res.body).toContain('<script src="/assets/queue.js" defer></script>');
  });

  it('gives the same rows as JSON at /api/queue for the page to poll', async () => {
    const res = await assistant.get('/api/queue');
    expect(res.statusCode).toBe(200);
    const { rows, now } = res.json() as { now: string; rows: Record<string, any>[] };
    expect(Date.parse(now)).not.toBeNaN();
    expect(rows.map((r) => r.id)).toEqual([contractor.id, restaurant.id]);
    const row = rows[1]!;
    const stored = await record(restaurant.id);
    expect(row).toMatchObject({
      id: restaurant.id,
      state: 'packet-ready',
      insuredName: stored.insuredName,
      openFlags: { blocking: 6, warning: 1, info: 0 },
      appetite: 'in',
      lines: ['package'],
      due: { overdue: false },
      cells: { status: 'In review', flags: '6 blocking · 1 warning', lines: 'Package', appetite: 'in', clearance: '—' },
      clearance: null,
    });
    expect(Date.parse(row.due.at)).toBeGreaterThan(Date.parse(row.receivedAt));
    expect(Object.keys(row.sort).sort()).toEqual(['appetite', 'broker', 'clearance', 'due', 'fein', 'flags', 'insured', 'lines', 'received', 'status']);
    expect(rows[0]).toMatchObject({ id: contractor.id, due: { overdue: true }, appetite: 'out' });
    expect(rows[0]!.due.remainingMs).toBeLessThan(0);
    // Ids are random UUIDs, whose hex groups may look like a FEIN: only what the rows say of the insured counts.
    expect(JSON.stringify(rows.map(({ id: _id, ...rest }) => rest))).not.toMatch(/\d{2}-\d{7}/);
  });

  it('marks the last quarter of the service level as due soon and stops the clock once reviewed', async () => {
    const [row] = await db.listQueue({ limit: 1 });
    const level = config.serviceLevel;
    // Tuesday 2026-12-01: received 09:00 UTC, due 13:00.
    const received = { ...row!, receivedAt: '2026-12-01T09:00:00.000Z' };
    const at = (iso: string) => queueEntries([received], level, new Date(iso))[0]!;
    expect(at('2026-12-01T11:30:00Z')).toMatchObject({ due: { at: '2026-12-01T13:00:00.000Z', remainingMs: 1.5 * HOUR, overdue: false, soon: false }, cells: { due: 'Tue 1 Dec 13:00 (1 h 30 min left)' } });
    expect(at('2026-12-01T12:00:00Z')).toMatchObject({ due: { soon: true }, cells: { due: 'Tue 1 Dec 13:00 (1 h 00 min left)' } });
    expect(at('2026-12-01T13:20:00Z')).toMatchObject({ due: { overdue: true, soon: false }, cells: { due: 'overdue 20 min' } });
    const reviewed = queueEntries([{ ...received, state: 'ready-for-underwriter' }, { ...received, id: 'later', receivedAt: '2026-12-01T10:00:00.000Z' }], level, new Date('2026-12-01T13:20:00Z'));
    expect(reviewed.map((e) => [e.id, e.cells.due])).toEqual([['later', 'Tue 1 Dec 14:00 (40 min left)'], [row!.id, 'done']]);
  });

  it('serves its script, which the CSP allows (self only)', async () => {
    const res = await assistant.get('/assets/queue.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.body).toContain("fetch('/api/queue'");
  });
});

describe('the review page', () => {
  it('shows every flag of the real check, blocking first, with reason, value, confidence and crop', async () => {
    const stored = await record(restaurant.id);
    const res = await assistant.get(`/submissions/${restaurant.id}/review`);
    expect(res.statusCode).toBe(200);
    const flags = flagsInReviewOrder(stored.report!.flags);
    expect(flags).toHaveLength(7);
    const items = [...res.body.matchAll(/<li class="flag ([^"]+)" data-flag-id="([^"]+)"[\s\S]*?<\/li>/g)];
    expect(items.map((m) => m[2])).toEqual(flags.map((f) => attr(f.id)));
    expect(items[0]![1]).toBe('blocking current');
    for (const [i, flag] of flags.entries()) {
      const li = items[i]![0];
      expect(li).toContain(`<p class="reason">${attr(flag.message)}</p>`);
      expect(li).toMatch(/<span class="value">[^<]+<\/span> <span class="confidence[^"]*">(\d+ %|—)<\/span>/);
      // A flag about a page's box shows it; one about something no page holds (the loss runs not sent) has no crop.
      if (flag.source?.page) expect(li).toContain(`<img class="crop" loading="lazy" src="/submissions/${restaurant.id}/flags/${encodeURIComponent(flag.id)}/crop.png"`);
      else expect(li).not.toContain('<img class="crop"');
    }
    // The invalid effective date: its value and the 100 % an AcroForm read gets.
    const date = items.find((m) => m[0].includes('data-path="policy.effectiveDate"'))![0];
    expect(date).toContain('<span class="value">2025-07-01</span> <span class="confidence conf-high">100 %</span>');
    const missing = items.find((m) => m[0].includes('data-path="property.locations[0].improvements.heatingYear"'))![0];
    expect(missing).toContain('<span class="value">(missing)</span>');
    expect(res.body).toContain('<span id="review-status" class="status-pill state-packet-ready" aria-live="polite">In review</span>');
    expect(res.body).toContain('<script src="/assets/review.js" defer></script>');
    expect(res.body).toMatch(/<meta name="csrf-token" content="[^"]+">/);
  });

  it('lists every value, editable, the FEIN masked with a reveal button, and the audit trail', async () => {
    const stored = await record(restaurant.id);
    const res = await assistant.get(`/submissions/${restaurant.id}/review`);
    const values = section(res.body, 'values');
    const leaves = listLeaves(stored.submission);
    expect([...values.matchAll(/<tr data-path="([^"]+)"/g)].map((m) => m[1])).toEqual(leaves.map((l) => attr(l.path)));
    expect([...values.matchAll(/<button type="button" class="edit-value">/g)]).toHaveLength(leaves.length);
    const fein = String(stored.submission!.namedInsureds![0]!.taxIdentifier!.value);
    expect(fein).toMatch(/^\d{2}-\d{7}$/);
    expect(res.body).not.toContain(fein);
    expect(res.body).not.toContain(fein.replace('-', ''));
    expect(res.body).not.toMatch(/\b\d{2}-\d{7}\b/);
    expect(values).toContain(`<td class="tax-id">**-***${fein.slice(-4)}</td>`);
    expect(values).toContain('<button type="button" class="reveal-tax-id" data-path="namedInsureds[0].taxIdentifier">Reveal</button>');
    const events = await db.events(restaurant.id);
    expect([...res.body.matchAll(/<li class="audit-entry"/g)]).toHaveLength(events.length);
    expect(res.body).toMatch(/<li class="audit-entry" id="event-\d+" data-kind="check-saved"><time datetime="[^"]+">[^<]+ UTC<\/time> <span class="actor">test<\/span> <span class="what">Checked: 7 flags, 7 open<\/span><\/li>/);
  });

  it('serves a flag’s crop from the page source, the tax id boxes of that page masked', async () => {
    const stored = await record(restaurant.id);
    const flag = stored.report!.flags.find((f) => f.path === 'policy.effectiveDate')!;
    const res = await assistant.get(`/submissions/${restaurant.id}/flags/${encodeURIComponent(flag.id)}/crop.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const call = pages.calls.at(-1)!;
    expect(call).toMatchObject({ kind: 'crop', sha256: flag.source!.document, page: flag.source!.page, rect: flag.source!.rect });
    // The effective date and both named insureds' tax ids are on page 1 of the 125.
    const taxIds = stored.submission!.namedInsureds!.map((n) => n.taxIdentifier!.source);
    expect(taxIds).toHaveLength(2);
    for (const s of taxIds) expect(s).toMatchObject({ document: flag.source!.document, page: 1 });
    expect(call.mask).toEqual(taxIds.map((s) => s.rect));
    expect((await assistant.get(`/submissions/${restaurant.id}/flags/no-such-flag/crop.png`)).statusCode).toBe(404);
  });

  it('serves a whole page and its boxes, placed as shares of the page, coloured by confidence', async () => {
    const stored = await record(restaurant.id);
    const sha = restaurant.shas['acord-125.pdf']!;
    const png = await assistant.get(`/submissions/${restaurant.id}/documents/${sha}/pages/1.png`);
    expect(png.statusCode).toBe(200);
    expect(pages.calls.at(-1)).toMatchObject({ kind: 'page', sha256: sha, page: 1, mask: stored.submission!.namedInsureds!.map((n) => n.taxIdentifier!.source.rect) });
    const dateFlag = stored.report!.flags.find((f) => f.path === 'policy.effectiveDate')!;
    const view = await assistant.get(`/submissions/${restaurant.id}/documents/${sha}/pages/1.html?flag=${encodeURIComponent(dateFlag.id)}`);
    expect(view.statusCode).toBe(200);
    const boxes = pageBoxes(stored.submission!, sha, 1);
    expect(boxes.length).toBeGreaterThan(10);
    expect([...view.body.matchAll(/<div class="box /g)]).toHaveLength(boxes.length);
    expect(view.body).toContain(`<img class="page-image" src="/submissions/${restaurant.id}/documents/${sha}/pages/1.png"`);
    // policy.effectiveDate at [22, 318, 61, 12] on a 612 × 792 page: 3.595 % from the left, 58.333 % from the top.
    expect(view.body).toMatch(/<div class="box conf-high current-box" data-path="policy.effectiveDate" data-left="3.595%" data-top="58.333%" data-width="9.967%" data-height="1.515%"/);
    // A missing value's flag: its box is drawn where the value belongs.
    const missing = stored.report!.flags.find((f) => f.path === 'property.locations[0].improvements.heatingYear')!;
    const sha140 = restaurant.shas['acord-140-1.pdf']!;
    const missingView = await assistant.get(`/submissions/${restaurant.id}/documents/${sha140}/pages/1.html?flag=${encodeURIComponent(missing.id)}`);
    expect(missingView.body).toMatch(/<div class="box flag-box current-box" data-path="property.locations\[0\].improvements.heatingYear" data-left="26.471%"/);
    expect((await assistant.get(`/submissions/${restaurant.id}/documents/${contractor.shas['acord-125.pdf']}/pages/1.png`)).statusCode).toBe(404);
    expect((await assistant.get(`/submissions/${restaurant.id}/documents/${sha}/pages/0.png`)).statusCode).toBe(400);
  });
});

describe('the audit trail', () => {
  it('says who changed what, old → new, and why; a reveal names the path only', () => {
    const at = '2026-12-01T14:05:09.000Z';
    const list = auditList([
      { id: 41, submissionId: 's', at, kind: 'value-edited', actor: 'andy', detail: { path: 'policy.effectiveDate', old: '2025-07-01', new: '2025-09-01', reason: 'broker e-mail of 1 Dec' } },
      { id: 42, submissionId: 's', at, kind: 'value-edited', actor: 'andy', detail: { path: 'property.locations[0].improvements.heatingYear', old: null, new: '2011' } },
      { id: 43, submissionId: 's', at, kind: 'tax-id-revealed', actor: 'uma', detail: { path: 'namedInsureds[0].taxIdentifier' } },
    ]).text;
    expect(list).toContain('<li class="audit-entry" id="event-41" data-kind="value-edited"><time datetime="2026-12-01T14:05:09.000Z">2026-12-01 14:05:09 UTC</time> <span class="actor">andy</span> <span class="what">policy.effectiveDate: 2025-07-01 → 2025-09-01 — broker e-mail of 1 Dec</span></li>');
    expect(list).toContain('<span class="what">property.locations[0].improvements.heatingYear: (empty) → 2011</span>');
    expect(list).toContain('<span class="actor">uma</span> <span class="what">Tax id at namedInsureds[0].taxIdentifier shown in full</span>');
  });
});

describe('the review desk’s actions', () => {
  it('accepts a flag for the logged-in assistant: the desk records it, the page shows it resolved', async () => {
    const stored = await record(restaurant.id);
    const flag = stored.report!.flags.find((f) => f.path === 'policy.effectiveDate')!;
    const res = await assistant.postJson(`/api/submissions/${restaurant.id}/decisions`, { flagId: flag.id, action: 'confirmed' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ state: 'packet-ready', stateText: 'In review', reassembling: false });
    expect(desk.calls.at(-1)).toEqual({ method: 'decideFlag', submissionId: restaurant.id, args: [flag.id, { action: 'confirmed' }], by: { name: 'andy', role: 'assistant' } });
    const page = await assistant.get(`/submissions/${restaurant.id}/review`);
    const li = new RegExp(`<li class="flag blocking resolved" data-flag-id="${attr(flag.id).replace(/[.[\]]/g, '\\$&')}"[\\s\\S]*?</li>`).exec(page.body)![0];
    expect(li).toMatch(/<p class="resolution">Confirmed by andy <a href="#event-\d+">audit<\/a><\/p>/);
  });

  it('passes an edit with its reason and flag, and an ask-broker decision with its note', async () => {
    const stored = await record(restaurant.id);
    const flag = stored.report!.flags.find((f) => f.path === 'property.locations[0].improvements.heatingYear')!;
    const edit = await assistant.postJson(`/api/submissions/${restaurant.id}/values`, { path: flag.path, text: '2011', reason: 'broker phoned', flagId: flag.id });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(desk.calls.at(-1)).toMatchObject({ method: 'editValue', args: [{ path: flag.path, text: '2011', reason: 'broker phoned', flagId: flag.id }] });
    const other = stored.report!.flags.find((f) => f.path === 'property.locations[1].improvements.heatingYear')!;
    const ask = await assistant.postJson(`/api/submissions/${restaurant.id}/decisions`, { flagId: other.id, action: 'ask-broker', note: 'not on the forms' });
    expect(ask.statusCode).toBe(200);
    expect(desk.calls.at(-1)).toMatchObject({ method: 'decideFlag', args: [other.id, { action: 'ask-broker', note: 'not on the forms' }] });
    const nonFlagged = await assistant.postJson(`/api/submissions/${restaurant.id}/values`, { path: 'producer.fullName', text: 'Lone Star Insurance' });
    expect(nonFlagged.statusCode).toBe(200);
    expect(desk.calls.at(-1)).toMatchObject({ method: 'editValue', args: [{ path: 'producer.fullName', text: 'Lone Star Insurance' }] });
  });

  it('answers a desk refusal with its status and its sentence', async () => {
    const statuses: Record<ReviewErrorCode, number> = { 'invalid-value': 400, 'not-editable': 400, forbidden: 403, 'not-found': 404, 'wrong-state': 409, 'flags-open': 409 };
    for (const [code, status] of Object.entries(statuses) as [ReviewErrorCode, number][]) {
      const sentence = `Refused as ${code}: write the date as MM/DD/YYYY.`;
      desk.refuseNext = new ReviewError(code, sentence);
      const res = await assistant.postJson(`/api/submissions/${restaurant.id}/values`, { path: 'policy.effectiveDate', text: '31/31/2025' });
      expect([res.statusCode, res.json()]).toEqual([status, { error: sentence }]);
    }
  });

  it('refuses a body it does not understand without calling the desk', async () => {
    const before = desk.calls.length;
    const res = await assistant.postJson(`/api/submissions/${restaurant.id}/decisions`, { flagId: 'x', action: 'approve-everything' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/^The request is not understood: action /);
    expect(desk.calls.length).toBe(before);
  });

  it('reveals the FEIN on request and logs who saw it, never the number', async () => {
    const stored = await record(restaurant.id);
    const fein = String(stored.submission!.namedInsureds![0]!.taxIdentifier!.value);
    const res = await assistant.postJson(`/api/submissions/${restaurant.id}/reveal-tax-id`, { path: 'namedInsureds[0].taxIdentifier' });
    expect(res.json()).toEqual({ value: fein });
    expect(desk.calls.at(-1)).toMatchObject({ method: 'revealTaxId', args: ['namedInsureds[0].taxIdentifier'] });
    const line = logs.lines().find((l) => l.msg === 'tax id revealed');
    expect(line).toMatchObject({ user: 'andy', submission: restaurant.id, path: 'namedInsureds[0].taxIdentifier' });
    expect(logs.text()).not.toContain(fein);
  });

  it('sends a submission with no blocking flag to the underwriter', async () => {
    const res = await assistant.postJson(`/api/submissions/${contractor.id}/send`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'ready-for-underwriter', stateText: 'Ready for underwriter' });
    expect((await assistant.get(`/api/submissions/${contractor.id}`)).json()).toMatchObject({ id: contractor.id, state: 'ready-for-underwriter', stateText: 'Ready for underwriter' });
  });
});

describe('the underwriter view', () => {
  it('sends an underwriter home to /underwriter, which lists the ready submission with its links', async () => {
    const home = await underwriter.get('/');
    expect([home.statusCode, home.headers.location]).toEqual([303, '/underwriter']);
    const res = await underwriter.get('/underwriter');
    expect(res.statusCode).toBe(200);
    const row = new RegExp(`<tr data-submission-id="${contractor.id}" class="ready">[\\s\\S]*?</tr>`).exec(res.body)![0];
    const files = `/submissions/${contractor.id}/files`;
    expect(row).toContain(`<a class="open-packet" href="${files}/packet.pdf" target="_blank"`);
    expect(row).toContain(`<a class="download-pdf" href="${files}/packet.pdf" download>`);
    expect(row).toContain(`<a class="download-json" href="${files}/submission.json" download>`);
    expect(row).toContain(`<a class="download-xml" href="${files}/submission.xml" download>`);
    expect(row).toContain(`<a class="audit-link" href="/submissions/${contractor.id}/audit">`);
    expect(row).toContain('<button type="submit" class="mark-taken">');
    expect(res.body).not.toContain(`data-submission-id="${restaurant.id}"`);
  });

  it('serves the packet inline and the JSON and XML as downloads, from the submission’s packet folder', async () => {
    const folder = (await record(contractor.id)).packetFolder!;
    const pdf = await underwriter.get(`/submissions/${contractor.id}/files/packet.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`inline; filename="${folder}-packet.pdf"`);
    expect(pdf.body).toBe(await readFile(path.join(config.outboxDir, folder, 'packet.pdf'), 'utf8'));
    expect(pdf.body).toBe(`packet.pdf of ${contractor.id}\n`);
    for (const name of ['submission.json', 'submission.xml']) {
      const res = await underwriter.get(`/submissions/${contractor.id}/files/${name}`);
      expect([res.statusCode, res.headers['content-disposition'], res.body]).toEqual([200, `attachment; filename="${folder}-${name}"`, `${name} of ${contractor.id}\n`]);
    }
  });

  it('shows the audit trail and marks the submission taken', async () => {
    const audit = await underwriter.get(`/submissions/${contractor.id}/audit`);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toMatch(/<span class="actor">andy<\/span> <span class="what">State packet-ready → ready-for-underwriter<\/span>/);
    const taken = await underwriter.postForm(`/submissions/${contractor.id}/taken`, {});
    expect([taken.statusCode, taken.headers.location]).toEqual([303, '/underwriter']);
    expect(desk.calls.at(-1)).toMatchObject({ method: 'markTaken', submissionId: contractor.id, by: { name: 'uma', role: 'underwriter' } });
    const res = await underwriter.get('/underwriter');
    const row = new RegExp(`<tr data-submission-id="${contractor.id}" class="taken">[\\s\\S]*?</tr>`).exec(res.body)![0];
    expect(row).not.toContain('mark-taken');
    desk.refuseNext = new ReviewError('wrong-state', 'This submission was taken already.');
    const again = await underwriter.postForm(`/submissions/${contractor.id}/taken`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This submission was taken already.');
  });

  it('shows an underwriter the review page read-only', async () => {
    const res = await underwriter.get(`/submissions/${restaurant.id}/review`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-read-only=""');
    expect(res.body).not.toContain('class="edit-value"');
    expect(res.body).toContain('class="reveal-tax-id"');
  });
});

describe('the accounts page', () => {
  it('adds an account with an argon2id hash in the users file, who can then log in', async () => {
    const page = await admin.get('/admin/users');
    expect(page.statusCode).toBe(200);
    for (const name of ['ada', 'andy', 'uma']) expect(page.body).toContain(`<tr data-user="${name}">`);
    const added = await admin.postForm('/admin/users', { name: 'carol', role: 'underwriter', password: 'carol has a long password' });
    expect([added.statusCode, added.headers.location]).toEqual([303, '/admin/users']);
    const carol = (await readUsersFile(config.usersFile)).users.find((u) => u.name === 'carol')!;
    expect(carol.role).toBe('underwriter');
    expect(carol.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    const session = await WebClient.login(app, 'carol', 'carol has a long password', '10.0.0.2');
    expect((await session.get('/underwriter')).statusCode).toBe(200);
  });

  it('applies a new role and a removal at the account’s next request', async () => {
    const session = await WebClient.login(app, 'carol', 'carol has a long password', '10.0.0.3');
    expect((await admin.postForm('/admin/users/carol/role', { role: 'assistant' })).statusCode).toBe(303);
    expect((await readUsersFile(config.usersFile)).users.find((u) => u.name === 'carol')!.role).toBe('assistant');
    expect((await session.get('/underwriter')).statusCode).toBe(403);
    expect((await session.get('/')).statusCode).toBe(200);
    expect((await admin.postForm('/admin/users/carol/remove', {})).statusCode).toBe(303);
    expect((await readUsersFile(config.usersFile)).users.map((u) => u.name)).toEqual(['ada', 'andy', 'uma']);
    expect((await session.get('/')).headers.location).toBe('/login');
  });

  it('refuses a short password, a taken name, removing oneself and the last admin, each with a sentence', async () => {
    const short = await admin.postForm('/admin/users', { name: 'dave', role: 'assistant', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('the password is shorter than 10 characters; choose a longer one');
    const taken = await admin.postForm('/admin/users', { name: 'andy', role: 'admin', password: 'a long enough password' });
    expect(taken.body).toContain('an account named andy exists already');
    expect((await admin.postForm('/admin/users/ada/remove', {})).body).toContain('you cannot remove your own account');
    expect((await admin.postForm('/admin/users/ada/role', { role: 'assistant' })).body).toContain('ada is the last admin: make another account admin first');
    const badName = await admin.postForm('/admin/users', { name: '../etc', role: 'assistant', password: 'a long enough password' });
    expect(badName.statusCode).toBe(400);
    expect((await readUsersFile(config.usersFile)).users.map((u) => [u.name, u.role])).toEqual([['ada', 'admin'], ['andy', 'assistant'], ['uma', 'underwriter']]);
  });
});
