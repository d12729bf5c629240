import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { ClearanceIndex } from '../src/validate/clearance/clearance-index.js';
import { ReviewError } from '../src/review/review-operations.js';
import { DAY, finishedSubmission, readSample, variant } from './support/clearance-fixtures.js';
import { reviewWebFixture, type RecordingDesk, type WebClient } from './support/review-web-fixtures.js';

/** The inner HTML of the section with this id. */
const section = (body: string, id: string) => new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(body)?.[1] ?? '';

let first: string;
let second: string;
let renewal: string;
let lastYear: string;
let firstReceived: string;

const fixture = reviewWebFixture('acord-clearance-web-', async ({ db }) => {
  const now = new Date();
  const contractor = await readSample('contractor-co');
  const manufacturing = await readSample('manufacturing-oh');
  firstReceived = new Date(now.getTime() - 3 * DAY).toISOString();
  first = (await finishedSubmission(db, contractor, new Date(firstReceived), now)).id;
  second = (await finishedSubmission(db, { submission: variant(contractor.submission, { 'producer.fullName': 'Harbor Point Brokerage' }), outcome: contractor.outcome }, new Date(now.getTime() - DAY), now)).id;

  const before = structuredClone(manufacturing.submission);
  before.property!.locations = before.property!.locations!.slice(0, 3);
  const effective = before.policy!.effectiveDate!;
  effective.value = `${Number(String(effective.value).slice(0, 4)) - 1}${String(effective.value).slice(4)}`;
  const after = variant(manufacturing.submission, { 'generalLiability.limits.generalAggregate': '5000000.00' });
  after.generalLiability!.hazards = after.generalLiability!.hazards!.filter((h) => h.classCode?.value !== '61217');
  lastYear = (await finishedSubmission(db, { submission: before, outcome: manufacturing.outcome }, new Date(now.getTime() - 360 * DAY), now)).id;
  renewal = (await finishedSubmission(db, { submission: after, outcome: manufacturing.outcome }, new Date(now.getTime() - 2 * DAY), now)).id;
});

let db: Db;
let desk: RecordingDesk;
let assistant: WebClient;
let underwriter: WebClient;
beforeAll(() => ({ db, desk, assistant, underwriter } = fixture.current()));

describe('clearance on the review desk', () => {
  it('shows the blocked submission in the queue with the first broker, sortable and filterable like the other columns', async () => {
    const api = await assistant.get('/api/queue');
    const rows = (api.json() as { rows: Record<string, any>[] }).rows;
    const blocked = rows.find((r) => r.id === second)!;
    expect(blocked.clearance).toEqual({ outcome: 'blocked', overridden: false, computed: 'blocked', otherBroker: 'Riverbend Insurance Brokers LLC', strongest: { receivedAt: firstReceived, firstComplete: 'neither' } });
    expect(blocked.cells.clearance).toBe('blocked · Riverbend Insurance Brokers LLC');
    expect(blocked.clearanceNote).toMatch(/^Strongest match received \w{3} \d{1,2} \w{3} \d{2}:\d{2}; complete first: neither yet$/);
    expect(blocked.sort.clearance).toBeGreaterThan(rows.find((r) => r.id === first)!.sort.clearance);
    expect(rows.find((r) => r.id === first)!.cells.clearance).toBe('clear');

    const page = await assistant.get('/');
    expect(page.body).toContain('<th data-sort="clearance" tabindex="0" aria-sort="none">Clearance</th>');
    const row = new RegExp(`<tr data-submission-id="${second}"[\\s\\S]*?</tr>`).exec(page.body)![0];
    expect(row).toContain(`<td class="clearance clearance-blocked" title="${blocked.clearanceNote}">blocked · Riverbend Insurance Brokers LLC</td>`);
  });

  it('lists each match on the review page with its broker, time, state and which was complete first, linked to its page; tax ids masked', async () => {
    const res = await assistant.get(`/submissions/${second}/review`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="status-pill clearance-blocked">clearance: blocked</a>');
    const panel = section(res.body, 'clearance');
    expect(panel).toContain('<h2>Clearance: blocked</h2>');
    const match = new RegExp(`<tr class="match match-blocked" data-submission-id="${first}">[\\s\\S]*?</tr>`).exec(panel)![0];
    expect(match).toContain(`<a href="/submissions/${first}/review">Timberline Remodeling LLC</a>`);
    expect(match).toContain('Riverbend Insurance Brokers LLC <span class="other-broker">another broker</span>');
    expect(match).toContain(`${firstReceived.slice(0, 10)} ${firstReceived.slice(11, 16)} UTC`);
    expect(match).toContain('<td>In review</td>');
    expect(match).toContain('<td class="complete-first">neither yet</td>');
    expect(match).toContain('Blocked: the same tax id as');
    expect(panel).toContain('<form id="clearance-override"');
    expect(panel).toContain('<textarea name="reason"');
    for (const whole of ['26-2514907', '262514907']) expect(res.body).not.toContain(whole);

    // The underwriter sees the outcome and the matches, not the form.
    const read = await underwriter.get(`/submissions/${second}/review`);
    expect(section(read.body, 'clearance')).toContain('<h2>Clearance: blocked</h2>');
    expect(read.body).not.toContain('<form id="clearance-override"');
  });

  it('takes an override with its reason from a reviewer, shows the refusal\'s sentence, and refuses underwriters', async () => {
    desk.refuseNext = new ReviewError('invalid-value', 'Say why the clearance of Timberline Remodeling LLC is overridden');
    const blank = await assistant.postJson(`/api/submissions/${second}/clearance-override`, { outcome: 'probable', reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toEqual({ error: 'Say why the clearance of Timberline Remodeling LLC is overridden' });

    expect((await underwriter.postJson(`/api/submissions/${second}/clearance-override`, { outcome: 'clear', reason: 'mine' })).statusCode).toBe(403);
    expect((await assistant.postJson(`/api/submissions/${second}/clearance-override`, { outcome: 'cleared', reason: 'x' })).statusCode).toBe(400);
    expect((await assistant.postJson(`/api/submissions/${second}/clearance-override`, { outcome: 'probable', reason: 'x' }, { csrf: false })).statusCode).toBe(403);

    const reason = 'Broker of record letter names Harbor Point';
    const done = await assistant.postJson(`/api/submissions/${second}/clearance-override`, { outcome: 'probable', reason });
    expect(done.statusCode).toBe(200);
    expect(desk.calls.at(-1)).toMatchObject({ method: 'overrideClearance', submissionId: second, args: [{ outcome: 'probable', reason }], by: { name: 'andy', role: 'assistant' } });

    const page = await assistant.get(`/submissions/${second}/review`);
    const panel = section(page.body, 'clearance');
    expect(panel).toContain('<h2>Clearance: probable (overridden)</h2>');
    const event = (await db.events(second)).find((e) => e.kind === 'clearance-overridden')!;
    expect(panel).toMatch(new RegExp(`Overridden from blocked to probable by andy on [^—]+— ${reason} <a href="#event-${event.id}">audit</a>`));
    expect(section(page.body, 'audit')).toContain(`Clearance blocked → probable — ${reason}`);
    expect((await assistant.get('/api/queue')).json().rows.find((r: { id: string }) => r.id === second).cells.clearance).toBe('probable (overridden) · Riverbend Insurance Brokers LLC');
  });

  it('shows what changed since last year\'s application: the limit, the added building, the dropped class code', async () => {
    const res = await assistant.get(`/submissions/${renewal}/review`);
    const panel = section(res.body, 'renewal');
    expect(panel).toContain('<h2>Changes since the last submission</h2>');
    expect(panel).toMatch(new RegExp(`Renewal: compared with the last term's \\(effective \\d{4}-\\d{2}-\\d{2}\\), <a href="/submissions/${lastYear}/review">the submission received [^<]+</a> from [A-Z]`));
    expect(panel).toContain('<th scope="row" title="generalLiability.limits.generalAggregate">General liability › Limits › General aggregate</th><td class="old">4000000.00</td><td class="new">5000000.00</td>');
    expect(panel).toMatch(/<tr class="added"><td>7889 Lincoln Ave, Westerville, OH 43081<\/td><td>1<\/td><td>added<\/td><td class="nowrap">— → \$5,755,000<\/td>/);
    expect(panel).toMatch(/<tr class="dropped"><td>61217<\/td><td>dropped<\/td><td class="nowrap">[\d,]+ → —<\/td><\/tr>/);
    // The first application of an insured has no such panel.
    expect((await assistant.get(`/submissions/${lastYear}/review`)).body).not.toContain('id="renewal"');
  });

  it('shows the clearance outcome on the underwriter\'s shelf', async () => {
    await db.setState(first, 'ready-for-underwriter', { actor: 'test' });
    const res = await underwriter.get('/underwriter');
    const row = new RegExp(`<tr data-submission-id="${first}"[\\s\\S]*?</tr>`).exec(res.body)![0];
    expect(row).toContain('<td class="clearance clearance-clear">clear</td>');
    expect(res.body).toContain('<th>Clearance</th>');
  });

  it('words each match as it stands now, not as it stood when the submission was cleared', async () => {
    const completed = new Date();
    await new ClearanceIndex(db).markComplete(first, completed);
    const match = new RegExp(`<tr class="match match-blocked" data-submission-id="${first}">[\\s\\S]*?</tr>`).exec(section((await assistant.get(`/submissions/${second}/review`)).body, 'clearance'))![0];
    expect(match).toContain(`Riverbend Insurance Brokers LLC (another broker): open, complete since ${completed.toISOString().slice(0, 10)}.`);
    expect(match).not.toContain('not complete yet');
    // As stored, the sentence still says what was known when it was cleared.
    expect((await new ClearanceIndex(db).result(second))!.matches[0]!.explanation).toContain('open, not complete yet');
  });
});
