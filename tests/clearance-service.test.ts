import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PacketJson } from '../schemas/packet-json.js';
import type { ExtractionOutcome } from '../schemas/extraction-outcome.js';
import type { Submission } from '../schemas/submission.js';
import { checkWithAppetite } from '../src/validate/check/check-with-appetite.js';
import { makeFlag } from '../src/validate/check/make-flag.js';
import { ClearanceIndex } from '../src/validate/clearance/clearance-index.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { ReviewDesk } from '../src/review/review-desk.js';
import { ReviewError } from '../src/review/review-operations.js';
import { ana, ListedQueue, uwe } from './support/desk-doubles.js';
import { clearSubmission } from '../src/service/clear-submission.js';
import { reassembleSubmission } from '../src/service/reassemble-submission.js';
import { refreshPacket } from '../src/service/refresh-packet.js';
import { ContentStore } from '../src/store/content-store.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { CLEARANCE_SETTINGS, DAY, finishedSubmission, readSample, variant } from './support/clearance-fixtures.js';
import { databaseTargets } from './support/database-targets.js';

// The real check, its calls recorded: the desk must check again with the clearance it stored.
vi.mock('../src/validate/check/check-with-appetite.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/validate/check/check-with-appetite.js')>();
  return { checkWithAppetite: vi.fn(real.checkWithAppetite) };
});

const NOW = new Date('2026-12-01T15:00:00Z');

let contractor: { submission: Submission; outcome: ExtractionOutcome };
let manufacturing: { submission: Submission; outcome: ExtractionOutcome };
beforeAll(async () => {
  [contractor, manufacturing] = await Promise.all([readSample('contractor-co'), readSample('manufacturing-oh')]);
});

const targets = await databaseTargets();
afterAll(async () => Promise.all(targets.map((t) => t.cleanup())));

describe.each(targets)('clearance and the renewal diff in the service on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openDatabase(await target.fresh());
  });
  afterAll(async () => db?.close());

  it('blocks the same insured from a second broker, names the first in the queue, and takes an override only with a reason, audited and checked again', async () => {
    const first = await finishedSubmission(db, contractor, new Date(NOW.getTime() - 3 * DAY), NOW);
    const other = { submission: variant(contractor.submission, { 'producer.fullName': 'Harbor Point Brokerage' }), outcome: contractor.outcome };
    const second = await finishedSubmission(db, other, new Date(NOW.getTime() - DAY), NOW);
    const firstReceived = new Date(NOW.getTime() - 3 * DAY).toISOString();

    expect(first.clearance).toMatchObject({ outcome: 'clear', matches: [] });
    expect(second.clearance.outcome).toBe('blocked');
    expect(second.clearance.matches[0]).toMatchObject({ submissionId: first.id, brokerName: 'Riverbend Insurance Brokers LLC', otherBroker: true, receivedAt: firstReceived, state: 'packet-ready' });
    // The same submission a year's look-back finds is the renewal's previous one: the first (same tax id).
    expect(second.renewal?.previousSubmissionId).toBe(first.id);

    // The first cleared again (a retried job) does not see the second: it came later.
    expect((await clearSubmission(db, first.id, contractor.submission, CLEARANCE_SETTINGS, NOW)).clearance).toMatchObject({ outcome: 'clear', matches: [] });

    const queue = await db.listQueue();
    expect(queue.find((r) => r.id === second.id)?.clearance).toEqual({ outcome: 'blocked', overridden: false, computed: 'blocked', otherBroker: 'Riverbend Insurance Brokers LLC', strongest: { receivedAt: firstReceived, firstComplete: 'neither' } });
    expect(queue.find((r) => r.id === first.id)?.clearance).toEqual({ outcome: 'clear', overridden: false, computed: 'clear', otherBroker: null, strongest: null });
    // The first completed after the second was cleared: the queue says so as they stand now, not as the stored match has it.
    await new ClearanceIndex(db).markComplete(first.id, NOW);
    expect((await db.listQueue()).find((r) => r.id === second.id)?.clearance?.strongest).toEqual({ receivedAt: firstReceived, firstComplete: 'that' });

    const reassembly = new ListedQueue();
    const desk = new ReviewDesk({ db, appetiteRules: null, queue: reassembly, now: () => NOW });
    await expect(desk.overrideClearance(second.id, { outcome: 'probable', reason: '   ' }, ana)).rejects.toMatchObject({ code: 'invalid-value', message: expect.stringMatching(/^Say why the clearance of Timberline Remodeling LLC is overridden/) });
    await expect(desk.overrideClearance(second.id, { outcome: 'probable', reason: 'BOR letter' }, uwe)).rejects.toBeInstanceOf(ReviewError);
    expect((await db.events(second.id)).map((e) => e.kind)).not.toContain('clearance-overridden');
    expect((await new ClearanceIndex(db).result(second.id))?.override).toBeUndefined();

    // The check's clearance flag (as it raises it) follows the override alone: a decision on it is refused.
    const report = (await db.getSubmission(second.id))!.report!;
    const clearanceFlag = makeFlag({ rule: 'clearance', path: 'namedInsureds[0].fullName', code: 'inconsistent', severity: 'blocking', when: 'quote', message: 'Clearance blocked', source: null });
    await db.saveCheck(second.id, { ...report, flags: [...report.flags.filter((f) => f.rule !== 'clearance'), clearanceFlag] }, 'test');
    await expect(desk.decideFlag(second.id, clearanceFlag.id, { action: 'waived' }, ana)).rejects.toMatchObject({ code: 'not-editable', message: expect.stringMatching(/override the clearance in its panel/) });
    expect((await db.getSubmission(second.id))!.report!.flags.find((f) => f.id === clearanceFlag.id)?.resolution).toBeUndefined();

    vi.mocked(checkWithAppetite).mockClear();
    const reason = 'Broker of record letter from the insured, dated 2026-11-28, names Harbor Point';
    const done = await desk.overrideClearance(second.id, { outcome: 'probable', reason }, ana);
    const stored = (await new ClearanceIndex(db).result(second.id))!;
    expect(stored).toMatchObject({ outcome: 'blocked', override: { outcome: 'probable', reason, by: 'ana', at: NOW.toISOString() } });
    const events = await db.events(second.id);
    const audited = events.find((e) => e.id === stored.override!.auditEvent)!;
    expect(audited).toMatchObject({ kind: 'clearance-overridden', actor: 'ana', detail: { old: 'blocked', new: 'probable', computed: 'blocked', reason } });
    // Checked again with the override, the check saved after the audit event.
    expect(vi.mocked(checkWithAppetite).mock.calls.at(-1)?.[2].clearance?.override).toMatchObject({ outcome: 'probable', auditEvent: audited.id });
    expect(events.at(-1)!.id).toBeGreaterThan(audited.id);
    expect(events.filter((e) => e.id > audited.id).map((e) => e.kind)).toContain('check-saved');
    // The check raised its clearance flag again from the computed outcome, waived by the override with its reason.
    const raised = (await db.getSubmission(second.id))!.report!.flags.find((f) => f.id === clearanceFlag.id);
    expect(raised).toMatchObject({ severity: 'blocking', resolution: { action: 'waived', by: 'ana', note: reason, auditEvent: audited.id } });
    expect(done.reassembling).toBe(reassembly.ids.includes(second.id));
    expect((await db.listQueue()).find((r) => r.id === second.id)?.clearance).toEqual({ outcome: 'probable', overridden: true, computed: 'blocked', otherBroker: 'Riverbend Insurance Brokers LLC', strongest: { receivedAt: firstReceived, firstComplete: 'that' } });

    // A finishing job run again keeps the person's override.
    expect((await clearSubmission(db, second.id, other.submission, CLEARANCE_SETTINGS, NOW)).clearance.override).toEqual(stored.override);
  });

  const rebuilt = [
    // The first completed after the second was cleared, before the second's review was done.
    { firstCompletes: true, rechecked: 'that submission was complete first (2026-12-01 14:00 UTC)', said: 'that submission was complete first (2026-12-01 14:00 UTC)', queue: 'that' },
    // The first never completed: the second, its blocking items decided by the reviewer, is complete first.
    { firstCompletes: false, rechecked: 'neither is complete yet', said: 'this submission is complete first (that one still has items blocking its quote)', queue: 'this' },
  ] as const;
  it.each(rebuilt)('says which was complete first as it stands in the re-check, the rebuilt packet\'s check and cover and the queue alike (the first completes before the second: $firstCompletes)', async ({ firstCompletes, rechecked, said, queue }) => {
    const fresh = await openDatabase(await target.fresh());
    const home = await mkdtemp(path.join(tmpdir(), 'acord-clear-first-'));
    try {
      const first = await finishedSubmission(fresh, contractor, new Date(NOW.getTime() - 3 * DAY), NOW);
      const other = { submission: variant(contractor.submission, { 'producer.fullName': 'Harbor Point Brokerage' }), outcome: contractor.outcome };
      const second = await finishedSubmission(fresh, other, new Date(NOW.getTime() - DAY), NOW);
      // Cleared while the first still had items blocking its quote: the match records no completion.
      expect(second.clearance.matches[0]).toMatchObject({ submissionId: first.id, completeAt: null });
      if (firstCompletes) await new ClearanceIndex(fresh).markComplete(first.id, new Date(NOW.getTime() - 3_600_000));
      const clearanceMessage = (flags: readonly { rule: string; message: string }[]) => flags.find((f) => f.rule === 'clearance')?.message;

      const desk = new ReviewDesk({ db: fresh, appetiteRules: null, queue: new ListedQueue(), now: () => NOW });
      const overridden = await desk.overrideClearance(second.id, { outcome: 'probable', reason: 'Broker of record letter names Harbor Point' }, ana);
      expect(clearanceMessage(overridden.record.report!.flags)).toContain(rechecked);
      const open = overridden.record.report!.flags.filter((f) => f.severity === 'blocking' && !f.resolution);
      expect(open.length).toBeGreaterThan(0);
      for (const f of open) await desk.decideFlag(second.id, f.id, { action: 'waived', note: 'the underwriter will ask' }, ana);
      expect((await fresh.getSubmission(second.id))!.state).toBe('reassembling');

      // Rebuilt with every blocking item decided: nothing blocks this one's quote, it is complete from now.
      const outboxDir = path.join(home, 'outbox');
      const done = await reassembleSubmission(second.id, { db: fresh, store: new ContentStore(path.join(home, 'store')), outboxDir, appetiteRules: null, from: { name: 'Dana Reyes', address: 'dreyes@carrier.example' }, actor: 'workers', now: () => NOW });
      expect(done.state).toBe('ready-for-underwriter');
      const folder = path.join(outboxDir, (await fresh.getSubmission(second.id))!.packetFolder!);
      const json = PacketJson.parse(JSON.parse(await readFile(path.join(folder, 'submission.json'), 'utf8')));
      expect(json.report.readyToQuote).toBe(true);
      expect(clearanceMessage(json.report.flags)).toContain(said);
      const pdf = await openPdf(new Uint8Array(await readFile(path.join(folder, 'packet.pdf'))), 'packet.pdf');
      const cover = (await (await pdf.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' ');
      await pdf.destroy();
      expect(cover).toContain(`from another broker, Riverbend Insurance Brokers LLC, received ${new Date(NOW.getTime() - 3 * DAY).toISOString().slice(0, 16).replace('T', ' ')} UTC, packet-ready; ${said}`);
      // The queue, by the same rule, says the same.
      expect((await fresh.listQueue()).find((r) => r.id === second.id)?.clearance?.strongest?.firstComplete).toBe(queue);
    } finally {
      await fresh.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  it('draws again in place the packet of a submission whose clearance changed, and sends one ready for the underwriter back to review when that blocks it', async () => {
    const fresh = await openDatabase(await target.fresh());
    const home = await mkdtemp(path.join(tmpdir(), 'acord-refresh-'));
    try {
      const outboxDir = path.join(home, 'outbox');
      const deps = { db: fresh, store: new ContentStore(path.join(home, 'store')), outboxDir, appetiteRules: null, from: { name: 'Dana Reyes', address: 'dreyes@carrier.example' }, actor: 'workers', renewalLookbackDays: CLEARANCE_SETTINGS.renewalLookbackDays, now: () => NOW };
      // Received first, read last.
      const { id: firstId } = await fresh.createSubmission({ source: 'riverbend@example.com', receivedAt: new Date(NOW.getTime() - 3 * DAY), actor: 'test' });
      const other = { submission: variant(contractor.submission, { 'producer.fullName': 'Harbor Point Brokerage' }), outcome: contractor.outcome };
      const second = await finishedSubmission(fresh, other, new Date(NOW.getTime() - DAY), NOW);
      expect(second.clearance.outcome).toBe('clear');
      await fresh.setState(second.id, 'ready-for-underwriter', { actor: 'test' });
      // A stage is still to write the first's packet: a refresh waits.
      expect(await refreshPacket(firstId, deps)).toEqual({ state: 'busy', was: 'received' });

      await fresh.saveExtraction(firstId, contractor.submission, contractor.outcome, 'test');
      expect((await clearSubmission(fresh, firstId, contractor.submission, CLEARANCE_SETTINGS, NOW)).recleared).toEqual([second.id]);
      const folder = path.join(outboxDir, `folder-${second.id.slice(0, 8)}`);
      expect(await refreshPacket(second.id, deps)).toEqual({ state: 'refreshed', folder, backToReview: true });
      const record = (await fresh.getSubmission(second.id))!;
      expect(record.state).toBe('packet-ready');
      expect(record.report!.flags.find((f) => f.rule === 'clearance')).toMatchObject({ severity: 'blocking' });
      expect((await fresh.events(second.id)).at(-1)).toMatchObject({ kind: 'state-changed', detail: { from: 'ready-for-underwriter', to: 'packet-ready', reason: 'clearance decided again: the new check opened a blocking flag' } });
      const json = PacketJson.parse(JSON.parse(await readFile(path.join(folder, 'submission.json'), 'utf8')));
      expect(json.clearance).toMatchObject({ outcome: 'blocked', matches: [{ submissionId: firstId, brokerName: 'Riverbend Insurance Brokers LLC' }] });
      // The first is its previous submission now: the same term, sent again by another broker.
      expect(second.renewal).toBeNull();
      expect(json.renewal).toMatchObject({ previousSubmissionId: firstId, previousBroker: 'Riverbend Insurance Brokers LLC', previousEffectiveDate: '2025-09-15', effectiveDate: '2025-09-15', values: [] });

      await fresh.setState(firstId, 'quarantined', { actor: 'test' });
      expect(await refreshPacket(firstId, deps)).toEqual({ state: 'skipped', was: 'quarantined' });
    } finally {
      await fresh.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  it('diffs a renewal against last year\'s application (beyond the clearance window), not against a quarantined one in between', async () => {
    const fresh = await openDatabase(await target.fresh());
    try {
      const lastYear = structuredClone(manufacturing.submission);
      // Last year three buildings; this year the fourth is added, class code 61217 dropped and the aggregate raised.
      lastYear.property!.locations = lastYear.property!.locations!.slice(0, 3);
      const thisYear = variant(manufacturing.submission, { 'generalLiability.limits.generalAggregate': '5000000.00' });
      thisYear.generalLiability!.hazards = thisYear.generalLiability!.hazards!.filter((h) => h.classCode?.value !== '61217');

      const before = await finishedSubmission(fresh, { submission: lastYear, outcome: manufacturing.outcome }, new Date(NOW.getTime() - 360 * DAY), NOW);
      const quarantined = await finishedSubmission(fresh, { submission: lastYear, outcome: manufacturing.outcome }, new Date(NOW.getTime() - 20 * DAY), NOW);
      await fresh.setState(quarantined.id, 'quarantined', { actor: 'test' });
      const renewal = await finishedSubmission(fresh, { submission: thisYear, outcome: manufacturing.outcome }, new Date(NOW.getTime() - DAY), NOW);

      // Clearance looks 90 days back: only the quarantined one is in its window, closed.
      expect(renewal.clearance.matches.map((m) => m.submissionId)).toEqual([quarantined.id]);
      const diff = (await new ClearanceIndex(fresh).renewal(renewal.id))!;
      expect(diff).toEqual(renewal.renewal);
      expect(diff.previousSubmissionId).toBe(before.id);
      expect(diff.previousReceivedAt).toBe(new Date(NOW.getTime() - 360 * DAY).toISOString());
      expect(diff.values).toEqual([{ path: 'generalLiability.limits.generalAggregate', old: '4000000.00', new: '5000000.00' }]);
      expect(diff.buildings).toEqual([expect.objectContaining({ address: '7889 Lincoln Ave, Westerville, OH 43081', status: 'added', tivOld: null, tivNew: 5755000 })]);
      expect(diff.classCodes).toEqual([expect.objectContaining({ code: '61217', status: 'dropped', exposureNew: null })]);
      // The first submission of an insured has nothing to diff against.
      expect(await new ClearanceIndex(fresh).renewal(before.id)).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
