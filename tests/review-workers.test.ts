import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { describe, expect, it, vi } from 'vitest';
import type { SubmissionState } from '../schemas/db-records.js';
import type { AnyField } from '../schemas/field.js';
import { PacketJson } from '../schemas/packet-json.js';
import type { Db } from '../src/db/db.js';
import { getAtPath } from '../src/model/model-path.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { ReviewDesk } from '../src/review/review-desk.js';
import type { Reviewer } from '../src/review/review-operations.js';
import { reassembleJobId, refreshDeduplicationId } from '../workers/queues.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { intakeOf } from './support/intake-of.js';
import { workersPerTest } from './support/workers-per-test.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`review workers tests skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run them`);

/** office-ny, fillable 125 + 140: heating and plumbing years missing; its effective date (2025-08-01) is past. */
const SAMPLE = path.resolve('samples/office-ny');
const HEATING = 'property-heating-year:property.locations[0].improvements.heatingYear';
const PLUMBING = 'property-plumbing-year:property.locations[0].improvements.plumbingYear';
const PAST = 'effective-date-past:policy.effectiveDate';

const ana: Reviewer = { name: 'ana', role: 'assistant' };
const uwe: Reviewer = { name: 'uwe', role: 'underwriter' };

const service = workersPerTest(REDIS_URL);

async function until(db: Db, id: string, state: SubmissionState) {
  await vi.waitFor(
    async () => {
      const record = await db.getSubmission(id);
      if (record?.state === 'failed') throw new Error(`submission ${id} failed`);
      expect(record?.state).toBe(state);
    },
    // Generous: the machine is shared, and a sandboxed read waits its turn for a core.
    { timeout: 180_000, interval: 100 },
  );
  return (await db.getSubmission(id))!;
}

/** The text of every page of a PDF. */
async function pdfText(file: string): Promise<string> {
  const pdf = await openPdf(new Uint8Array(await readFile(file)), path.basename(file));
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push((await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' '));
  return pages.join('\n');
}

describe.skipIf(!redis.ok)('the review desk through the workers on Redis', () => {
  it('takes a sample with flags from packet-ready through review and reassembly to the underwriter', async () => {
    const { config, db, store, workers, queues } = await service.start();
    const files = await Promise.all(['acord-125.pdf', 'acord-140-1.pdf'].map(async (fileName) => ({ fileName, bytes: new Uint8Array(await readFile(path.join(SAMPLE, fileName))) })));
    const intake = await intakeOf(store, files);
    await workers.enqueue(intake);
    const ready = await until(db, intake.id, 'packet-ready');
    expect(ready.report!.flags.filter((f) => f.severity === 'blocking' && !f.resolution).map((f) => f.id).sort()).toEqual([PAST, HEATING, PLUMBING].sort());
    const folder = path.join(config.outboxDir, ready.packetFolder!);
    const firstPdf = await readFile(path.join(folder, 'packet.pdf'));

    const desk = new ReviewDesk({ db, appetiteRules: null, queue: workers.reassembly });
    const typed = await desk.editValue(intake.id, { path: 'property.locations[0].improvements.heatingYear', text: '1998', reason: 'from the inspection report', flagId: HEATING }, ana);
    await desk.editValue(intake.id, { path: 'producer.contactPerson.fullName', text: 'Priya Natarajan', reason: 'new contact at the agency' }, ana);
    await desk.decideFlag(intake.id, PLUMBING, { action: 'ask-broker', note: 'Plumbing update year, please' }, ana);
    const last = await desk.decideFlag(intake.id, PAST, { action: 'confirmed', note: 'renewal backdated on purpose' }, ana);
    expect(last).toMatchObject({ reassembling: true, record: { state: 'reassembling' } });
    // The desk's queue asked again (a double click) adds no second job.
    await workers.reassembly.enqueueReassemble(intake.id);

    const done = await until(db, intake.id, 'ready-for-underwriter');
    expect(done.packetFolder).toBe(ready.packetFolder);
    expect(await queues.reassemblePacket.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 1, failed: 0, waiting: 0, active: 0 });
    expect((await queues.reassemblePacket.getJob(reassembleJobId(intake.id, 1)))?.returnvalue).toEqual({ state: 'ready-for-underwriter', folder });

    // The outbox packet carries the reviewer's values and decisions.
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(folder, 'submission.json'), 'utf8')));
    const heating = getAtPath(json.submission, 'property.locations[0].improvements.heatingYear') as AnyField;
    expect(heating).toMatchObject({ value: 1998, raw: '1998', confidence: 1, source: { method: 'reviewer' } });
    expect(heating).toEqual(getAtPath(typed.record.submission, 'property.locations[0].improvements.heatingYear'));
    expect(getAtPath(json.submission, 'producer.contactPerson.fullName')).toMatchObject({ value: 'Priya Natarajan', source: { method: 'reviewer' } });
    expect(json.flags.find((f) => f.id === PLUMBING)?.resolution).toMatchObject({ action: 'ask-broker', by: 'ana', note: 'Plumbing update year, please' });
    expect(json.flags.find((f) => f.id === PAST)?.resolution).toMatchObject({ action: 'confirmed', by: 'ana', note: 'renewal backdated on purpose' });
    expect(json.flags.find((f) => f.id === HEATING)?.resolution).toMatchObject({ action: 'corrected', by: 'ana', value: '1998' });
    const email = await PostalMime.parse(await readFile(path.join(folder, 'broker-request.eml')));
    expect(email.text).toContain('Asked by our reviewer: Plumbing update year, please.');
    expect(email.text).toContain('Dear Priya Natarajan');
    const packet = await pdfText(path.join(folder, 'packet.pdf'));
    expect(packet).toMatch(/ask-broker by ana on \d{4}-\d{2}-\d{2}; Plumbing update year, please/);
    expect(packet).toMatch(/confirmed by ana on \d{4}-\d{2}-\d{2}; renewal backdated on purpose/);
    expect(Buffer.compare(firstPdf, await readFile(path.join(folder, 'packet.pdf')))).not.toBe(0);

    // The audit trail: who changed what, old → new, and the links from the values and the resolutions.
    const events = await db.events(intake.id);
    const edits = events.filter((e) => e.kind === 'value-edited');
    expect(edits.map((e) => [e.actor, e.detail.path, e.detail.old, e.detail.new, e.detail.reason])).toEqual([
      ['ana', 'property.locations[0].improvements.heatingYear', null, '1998', 'from the inspection report'],
      ['ana', 'producer.contactPerson.fullName', String((getAtPath(ready.submission, 'producer.contactPerson.fullName') as AnyField).value), 'Priya Natarajan', 'new contact at the agency'],
    ]);
    expect(heating.source.auditEvent).toBe(edits[0]!.id);
    const plumbing = json.flags.find((f) => f.id === PLUMBING)!.resolution!;
    expect(events.find((e) => e.id === plumbing.auditEvent)).toMatchObject({ kind: 'flag-resolved', actor: 'ana', detail: { flagId: PLUMBING, action: 'ask-broker' } });
    const moves = events.filter((e) => e.kind === 'state-changed').map((e) => `${e.detail.from} → ${e.detail.to}`);
    expect(moves.slice(-2)).toEqual(['packet-ready → reassembling', 'reassembling → ready-for-underwriter']);

    expect((await desk.markTaken(intake.id, uwe)).state).toBe('taken');
  }, 400_000);

  it('sends a submission back to review when its reassembly fails for good, and reassembles it when sent again', async () => {
    const { config, db, store, workers, queues } = await service.start();
    const xml = { fileName: 'submission.xml', bytes: new Uint8Array(await readFile(path.resolve('samples/contractor-co/submission.xml'))) };
    const intake = await intakeOf(store, [xml]);
    await workers.enqueue(intake);
    const ready = await until(db, intake.id, 'packet-ready');
    // Its effective date (2025-09-15) is past: the one blocking flag.
    expect(ready.report!.flags.filter((f) => f.severity === 'blocking').map((f) => f.id)).toEqual([PAST]);

    // A file where the outbox folder should be: the packet cannot be published.
    await rename(config.outboxDir, `${config.outboxDir}.aside`);
    await writeFile(config.outboxDir, 'not a folder');
    const desk = new ReviewDesk({ db, appetiteRules: null, queue: workers.reassembly });
    expect((await desk.decideFlag(intake.id, PAST, { action: 'confirmed' }, ana)).reassembling).toBe(true);
    const back = await until(db, intake.id, 'packet-ready');
    const failed = (await queues.reassemblePacket.getJob(reassembleJobId(intake.id, 1)))!;
    expect(failed.attemptsMade).toBe(3);
    expect(failed.failedReason).toContain(config.outboxDir);
    expect((await db.events(intake.id)).at(-1)).toMatchObject({ kind: 'state-changed', actor: 'workers', detail: { from: 'reassembling', to: 'packet-ready', error: failed.failedReason } });
    // The reviewer's decision is kept.
    expect(back.report!.flags.find((f) => f.id === PAST)?.resolution).toMatchObject({ action: 'confirmed', by: 'ana' });

    await rename(config.outboxDir, `${config.outboxDir}.file`);
    await rename(`${config.outboxDir}.aside`, config.outboxDir);
    expect(await desk.sendToUnderwriter(intake.id, ana)).toMatchObject({ reassembling: true });
    await until(db, intake.id, 'ready-for-underwriter');
    expect(await (await queues.reassemblePacket.getJob(reassembleJobId(intake.id, 2)))!.getState()).toBe('completed');
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(config.outboxDir, ready.packetFolder!, 'submission.json'), 'utf8')));
    expect(json.flags.find((f) => f.id === PAST)?.resolution).toMatchObject({ action: 'confirmed', by: 'ana' });
  }, 400_000);

  it('clears again, and draws again in place, the packet of a submission read before an earlier one of the same insured from another broker', async () => {
    const { config, db, store, workers, queues } = await service.start();
    const text = await readFile(path.resolve('samples/contractor-co/submission.xml'), 'utf8');
    const earlier = await intakeOf(store, [{ fileName: 'riverbend.xml', bytes: Buffer.from(text) }]);
    // Received a minute later from another broker, but read first (the earlier one's scan took longer).
    const harborPoint = Buffer.from(text.replace('Riverbend Insurance Brokers LLC', 'Harbor Point Brokerage'));
    const later = { ...(await intakeOf(store, [{ fileName: 'harbor-point.xml', bytes: harborPoint }])), source: { ...earlier.source, name: 'harbor-point.xml', receivedAt: new Date(Date.parse(earlier.source.receivedAt) + 60_000).toISOString() } };
    await workers.enqueue(later);
    const first = await until(db, later.id, 'packet-ready');
    const packetOf = async () => PacketJson.parse(JSON.parse(await readFile(path.join(config.outboxDir, first.packetFolder!, 'submission.json'), 'utf8')));
    expect((await packetOf()).clearance).toMatchObject({ outcome: 'clear', matches: [] });

    await workers.enqueue(earlier);
    const other = await until(db, earlier.id, 'packet-ready');
    // The earlier one compares only with those received before it: none.
    expect(other.report!.flags.filter((f) => f.rule === 'clearance')).toEqual([]);
    await vi.waitFor(async () => expect((await packetOf()).clearance).toMatchObject({ outcome: 'blocked', matches: [{ submissionId: earlier.id, otherBroker: true }] }), { timeout: 60_000, interval: 200 });
    const cover = (await pdfText(path.join(config.outboxDir, first.packetFolder!, 'packet.pdf'))).split('\n')[0]!;
    expect(cover).toContain('Clearance: blocked (1 earlier submission alike)');
    expect(cover).toContain('Riverbend Insurance Brokers LLC');
    // And the earlier one is its previous submission now: the same term, from another broker.
    expect(cover).toContain('Resubmission for the same term, effective 09/15/2025 (the previous one received');

    const now = (await db.getSubmission(later.id))!;
    expect(now).toMatchObject({ state: 'packet-ready', packetFolder: first.packetFolder });
    expect(now.report!.flags.find((f) => f.rule === 'clearance')).toMatchObject({ severity: 'blocking' });
    const events = await db.events(later.id);
    expect(events.filter((e) => e.kind === 'clearance-recomputed').map((e) => e.detail)).toEqual([{ old: 'clear', new: 'blocked', added: [earlier.id], gone: [] }]);
    // Drawn again in place, not sent round the states: it reached packet-ready once.
    expect(events.filter((e) => e.kind === 'state-changed' && e.detail.to === 'packet-ready')).toHaveLength(1);
    // Asked for again while none waits, it is drawn again; asked twice at once, once.
    await workers.reassembly.enqueueRefresh([later.id, later.id]);
    await vi.waitFor(async () => expect(await queues.reassemblePacket.getJobCounts('completed', 'failed', 'waiting', 'delayed', 'active')).toEqual({ completed: 2, failed: 0, waiting: 0, delayed: 0, active: 0 }), { timeout: 30_000, interval: 200 });
    expect(await queues.reassemblePacket.getDeduplicationJobId(refreshDeduplicationId(later.id))).toBeNull();
  }, 400_000);
});
