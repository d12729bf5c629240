import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import type { AnyField } from '../schemas/field.js';
import { PacketJson } from '../schemas/packet-json.js';
import { loadAppetiteRules } from '../src/validate/appetite/load-appetite-rules.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { getAtPath } from '../src/model/model-path.js';
import { assemblePacket } from '../src/assemble/packet-files/assemble-packet.js';
import { ReviewDesk } from '../src/review/review-desk.js';
import { ReviewError } from '../src/review/review-operations.js';
import { ana, ListedQueue, uwe } from './support/desk-doubles.js';
import { publishFolder } from '../src/service/publish-folder.js';
import { reassembleSubmission, type ReassembleDeps } from '../src/service/reassemble-submission.js';
import { ContentStore } from '../src/store/content-store.js';
import { findPostgres, postgresTarget, sqliteTarget } from './support/database-targets.js';

/** office-ny (fillable 125 + 140): heating and plumbing years missing, and New York outside the example carrier's states. */
const SAMPLE = path.resolve('samples/office-ny');
const FILES = ['acord-125.pdf', 'acord-140-1.pdf'];
/** Before the sample's effective date (2025-08-01). */
const TODAY = new Date('2025-06-01T12:00:00Z');
const FROM = { name: 'Dana Reyes', address: 'dreyes@carrier.example' };

const HEATING = 'property-heating-year:property.locations[0].improvements.heatingYear';
const PLUMBING = 'property-plumbing-year:property.locations[0].improvements.plumbingYear';
const STATE_OUT = 'TERR-001:premises[0].physicalAddress.stateOrProvinceCode';


const postgresUrl = await findPostgres();
const targets = [sqliteTarget(), ...(postgresUrl ? [postgresTarget(postgresUrl)] : [])];

let rules: AppetiteRules;
let originals: { fileName: string; bytes: Uint8Array }[];
beforeAll(async () => {
  rules = await loadAppetiteRules(path.resolve('samples/example-carrier-appetite.json'));
  originals = await Promise.all(FILES.map(async (fileName) => ({ fileName, bytes: new Uint8Array(await readFile(path.join(SAMPLE, fileName))) })));
});

function refusal(promise: Promise<unknown>): Promise<ReviewError> {
  return promise.then(
    () => {
      throw new Error('not refused');
    },
    (err: unknown) => {
      if (err instanceof ReviewError) return err;
      throw err;
    },
  );
}

for (const target of targets) {
  describe(`the review desk on ${target.name}`, () => {
    let db: Db;
    let home: string;
    let store: ContentStore;
    let outboxDir: string;

    beforeAll(async () => {
      home = await mkdtemp(path.join(tmpdir(), 'acord-desk-'));
      db = await openDatabase(await target.fresh());
      store = new ContentStore(path.join(home, 'store'));
      outboxDir = path.join(home, 'outbox');
    });
    afterAll(async () => {
      await db.close();
      await target.cleanup();
      await rm(home, { recursive: true, force: true });
    });

    /** A sample stored, read, checked and published as the workers leave it: packet-ready. */
    async function packetReady(files = originals, appetiteRules: AppetiteRules | null = rules): Promise<string> {
      const { id } = await db.createSubmission({ source: 'broker@example.com', actor: 'intake' });
      for (const f of files) {
        const stored = await store.put(f.bytes);
        await db.addDocument(id, { sha256: stored.sha256, fileName: f.fileName, byteSize: stored.size, storePath: stored.path }, 'intake');
      }
      const { submission, outcome } = await extractSubmission(files);
      await db.saveExtraction(id, submission, outcome, 'workers');
      const packet = await assemblePacket({ submission, outcome, originals: files, appetiteRules, today: TODAY, received: TODAY, now: TODAY, from: FROM });
      await db.saveCheck(id, packet.report, 'workers');
      await publishFolder(outboxDir, packet.folder, packet.files);
      await db.setState(id, 'packet-ready', { actor: 'workers', packetFolder: packet.folder });
      return id;
    }

    const deps = (now = TODAY): ReassembleDeps => ({ db, store, outboxDir, appetiteRules: rules, from: FROM, actor: 'workers', now: () => now });

    it('clears a sample\'s flags by edits and decisions, then reassembles its packet with the reviewer\'s work', async () => {
      const id = await packetReady();
      const queue = new ListedQueue();
      const desk = new ReviewDesk({ db, appetiteRules: rules, queue, now: () => TODAY });
      const before = (await db.getSubmission(id))!;
      expect(before.report!.flags.filter((f) => f.severity === 'blocking').map((f) => f.id).sort()).toEqual([HEATING, PLUMBING, STATE_OUT].sort());
      const heatingSource = before.report!.flags.find((f) => f.id === HEATING)!.source!;

      // A missing value typed in: checked again, the flag is no longer raised; it stays, resolved as corrected.
      const typed = await desk.editValue(id, { path: 'property.locations[0].improvements.heatingYear', text: '1998', reason: 'on the 2019 inspection report', flagId: HEATING }, ana);
      expect(typed.reassembling).toBe(false);
      expect(typed.record.report!.flags.find((f) => f.id === HEATING)?.resolution).toMatchObject({ action: 'corrected', by: 'ana', value: '1998', note: 'on the 2019 inspection report' });
      const leaf = getAtPath(typed.record.submission, 'property.locations[0].improvements.heatingYear') as AnyField;
      expect(leaf).toMatchObject({ value: 1998, raw: '1998', confidence: 1, source: { method: 'reviewer', document: heatingSource.document, page: heatingSource.page, rect: heatingSource.rect } });
      const edited = (await db.events(id)).find((e) => e.id === leaf.source.auditEvent)!;
      expect(edited).toMatchObject({ kind: 'value-edited', actor: 'ana', detail: { path: 'property.locations[0].improvements.heatingYear', old: null, new: '1998', reason: 'on the 2019 inspection report', flagId: HEATING } });

      const asked = await desk.decideFlag(id, PLUMBING, { action: 'ask-broker', note: 'We need the year the plumbing was last updated' }, ana);
      const plumbing = asked.record.report!.flags.find((f) => f.id === PLUMBING)!;
      expect(plumbing.resolution).toMatchObject({ action: 'ask-broker', by: 'ana', at: TODAY.toISOString(), note: 'We need the year the plumbing was last updated' });
      expect((await db.events(id)).find((e) => e.id === plumbing.resolution!.auditEvent)).toMatchObject({ kind: 'flag-resolved', detail: { flagId: PLUMBING, action: 'ask-broker' } });
      expect(asked.reassembling).toBe(false);
      expect(queue.ids).toEqual([]);

      // The last blocking flag decided: the submission goes to be reassembled, once.
      const last = await desk.decideFlag(id, STATE_OUT, { action: 'confirmed', note: 'New York by exception, see the underwriter' }, ana);
      expect(last.reassembling).toBe(true);
      expect(last.record.state).toBe('reassembling');
      expect(queue.ids).toEqual([id]);
      expect((await refusal(desk.decideFlag(id, STATE_OUT, { action: 'waived' }, ana))).code).toBe('wrong-state');

      const done = await reassembleSubmission(id, deps());
      expect(done).toEqual({ state: 'ready-for-underwriter', folder: path.join(outboxDir, before.packetFolder!) });
      expect((await readdir(outboxDir)).filter((n) => !n.startsWith('.'))).toContain(before.packetFolder);
      const folder = path.join(outboxDir, before.packetFolder!);
      const json = PacketJson.parse(JSON.parse(await readFile(path.join(folder, 'submission.json'), 'utf8')));
      expect(getAtPath(json.submission, 'property.locations[0].improvements.heatingYear')).toEqual(leaf);
      expect(json.flags.find((f) => f.id === PLUMBING)?.resolution).toEqual(plumbing.resolution);
      expect(json.flags.find((f) => f.id === STATE_OUT)?.resolution).toMatchObject({ action: 'confirmed', by: 'ana' });
      expect(json.report.flags.filter((f) => f.severity === 'blocking' && !f.resolution)).toEqual([]);
      const email = await PostalMime.parse(await readFile(path.join(folder, 'broker-request.eml')));
      expect(email.text).toContain('Asked by our reviewer: We need the year the plumbing was last updated.');
      expect(email.text).toMatch(/1\. Missing: Plumbing update year/);
      // Typed in by the reviewer: not asked.
      expect(email.text).not.toMatch(/Heating update year/i);
      const record = (await db.getSubmission(id))!;
      expect(record.state).toBe('ready-for-underwriter');
      expect(record.report!.flags.find((f) => f.id === PLUMBING)?.resolution).toEqual(plumbing.resolution);

      // Run again (a job retried): nothing changes.
      const files = await readdir(folder);
      expect(await reassembleSubmission(id, deps())).toEqual({ state: 'skipped', was: 'ready-for-underwriter' });
      expect(await readdir(folder)).toEqual(files);

      // The underwriter takes it; an assistant may not.
      expect((await refusal(desk.markTaken(id, ana))).code).toBe('forbidden');
      expect((await desk.markTaken(id, uwe)).state).toBe('taken');
      expect((await refusal(desk.markTaken(id, uwe))).code).toBe('wrong-state');
      const moves = (await db.events(id)).filter((e) => e.kind === 'state-changed').map((e) => `${e.detail.from} → ${e.detail.to} (${e.actor})`);
      expect(moves.slice(-3)).toEqual(['packet-ready → reassembling (ana)', 'reassembling → ready-for-underwriter (workers)', 'ready-for-underwriter → taken (uwe)']);
    });

    it('refuses what a role may not do, values that are not values, and changes in the wrong state', async () => {
      const id = await packetReady();
      const queue = new ListedQueue();
      const desk = new ReviewDesk({ db, appetiteRules: rules, queue, now: () => TODAY });
      const events = (await db.events(id)).length;
      expect((await refusal(desk.editValue(id, { path: 'policy.effectiveDate', text: '08/01/2025' }, uwe))).code).toBe('forbidden');
      expect((await refusal(desk.decideFlag(id, PLUMBING, { action: 'waived' }, uwe))).code).toBe('forbidden');
      expect((await refusal(desk.sendToUnderwriter(id, uwe))).code).toBe('forbidden');
      const invalid = await refusal(desk.editValue(id, { path: 'property.locations[0].improvements.plumbingYear', text: 'long ago', flagId: PLUMBING }, ana));
      expect(invalid).toMatchObject({ code: 'invalid-value', message: '“long ago” is not a year (YYYY); type it again.' });
      expect((await refusal(desk.editValue(id, { path: 'property.locations[0].shoeSize', text: '9' }, ana))).code).toBe('not-editable');
      expect((await refusal(desk.decideFlag(id, 'no-such-rule:policy', { action: 'confirmed' }, ana))).code).toBe('not-found');
      expect((await refusal(desk.decideFlag('no-such-submission', PLUMBING, { action: 'confirmed' }, ana))).code).toBe('not-found');
      expect((await refusal(desk.sendToUnderwriter(id, ana))).code).toBe('flags-open');
      expect((await refusal(desk.markTaken(id, uwe))).code).toBe('wrong-state');
      expect((await db.events(id)).length).toBe(events);

      // The whole FEIN for anyone who asks, the asking recorded without it.
      const fein = String((getAtPath((await db.getSubmission(id))!.submission, 'namedInsureds[0].taxIdentifier') as AnyField).value);
      expect(await desk.revealTaxId(id, 'namedInsureds[0].taxIdentifier', uwe)).toBe(fein);
      const reveal = (await db.events(id)).at(-1)!;
      expect(reveal).toMatchObject({ kind: 'tax-id-revealed', actor: 'uwe', detail: { path: 'namedInsureds[0].taxIdentifier' } });
      expect(JSON.stringify(reveal)).not.toContain(fein.slice(0, 5));
      expect((await refusal(desk.revealTaxId(id, 'namedInsureds[0].fullName', uwe))).code).toBe('not-editable');

      await db.setState(id, 'reassembling', { actor: 'test' });
      expect((await refusal(desk.editValue(id, { path: 'property.locations[0].improvements.plumbingYear', text: '2001' }, ana))).code).toBe('wrong-state');
      expect(queue.ids).toEqual([]);
    });

    it('sends a submission with nothing blocking on, and reassembles again after a late correction', async () => {
      // Without the appetite rules and with both years given, office-ny blocks nothing.
      const id = await packetReady(originals, null);
      const queue = new ListedQueue();
      const desk = new ReviewDesk({ db, appetiteRules: null, queue, now: () => TODAY });
      for (const flagId of [HEATING, PLUMBING]) await desk.decideFlag(id, flagId, { action: 'waived' }, ana);
      // Waiving the last blocking flag sent it on already.
      expect(queue.ids).toEqual([id]);
      const record = (await db.getSubmission(id))!;
      expect(record.state).toBe('reassembling');
      expect(await reassembleSubmission(id, { ...deps(), appetiteRules: null })).toMatchObject({ state: 'ready-for-underwriter' });

      // A late correction: reassembled again, into the same folder.
      const late = await desk.editValue(id, { path: 'producer.contactPerson.fullName', text: 'Priya Natarajan', reason: 'new contact at the agency' }, ana);
      expect(late).toMatchObject({ reassembling: true, record: { state: 'reassembling' } });
      expect(queue.ids).toEqual([id, id]);
      const again = await reassembleSubmission(id, { ...deps(), appetiteRules: null });
      expect(again).toEqual({ state: 'ready-for-underwriter', folder: path.join(outboxDir, record.packetFolder!) });
      const json = PacketJson.parse(JSON.parse(await readFile(path.join(again.state === 'skipped' ? '' : again.folder, 'submission.json'), 'utf8')));
      expect(getAtPath(json.submission, 'producer.contactPerson.fullName')).toMatchObject({ value: 'Priya Natarajan', source: { method: 'reviewer' } });
    });

    it('queues one reassembly when the last flag is decided twice at once (a double click)', async () => {
      const id = await packetReady(originals, null);
      const queue = new ListedQueue();
      const desk = new ReviewDesk({ db, appetiteRules: null, queue, now: () => TODAY });
      await desk.decideFlag(id, HEATING, { action: 'ask-broker' }, ana);
      const results = await Promise.all([desk.decideFlag(id, PLUMBING, { action: 'ask-broker' }, ana), desk.decideFlag(id, PLUMBING, { action: 'ask-broker' }, ana)]);
      expect(results.map((r) => r.reassembling).sort()).toEqual([false, true]);
      // A click that arrives after the first sent it on repeats a decision already held: answered, not refused.
      expect(await desk.decideFlag(id, PLUMBING, { action: 'ask-broker' }, ana)).toMatchObject({ reassembling: false, record: { state: 'reassembling' } });
      expect((await refusal(desk.decideFlag(id, PLUMBING, { action: 'waived' }, ana))).code).toBe('wrong-state');
      expect(queue.ids).toEqual([id]);
      expect((await db.events(id)).filter((e) => e.kind === 'state-changed' && e.detail.to === 'reassembling')).toHaveLength(1);
    });

    it('sends on a submission that never had a blocking flag, and takes it back to review when the new check opens one', async () => {
      const xml = [{ fileName: 'submission.xml', bytes: new Uint8Array(await readFile(path.resolve('samples/contractor-co/submission.xml'))) }];
      const id = await packetReady(xml, null);
      const queue = new ListedQueue();
      const desk = new ReviewDesk({ db, appetiteRules: null, queue, now: () => TODAY });
      expect((await db.getSubmission(id))!.report!.flags.filter((f) => f.severity === 'blocking')).toEqual([]);
      const sent = await desk.sendToUnderwriter(id, ana);
      expect(sent).toMatchObject({ reassembling: true, record: { state: 'reassembling' } });
      expect((await refusal(desk.sendToUnderwriter(id, ana))).code).toBe('wrong-state');
      // Reassembled after the effective date (2025-09-15) passed: the new check flags it, and it goes back to review.
      const later = await reassembleSubmission(id, { ...deps(new Date('2025-10-01T00:00:00Z')), appetiteRules: null });
      expect(later.state).toBe('packet-ready');
      const record = (await db.getSubmission(id))!;
      expect(record.state).toBe('packet-ready');
      expect(record.report!.flags.find((f) => f.severity === 'blocking' && !f.resolution)?.id).toBe('effective-date-past:policy.effectiveDate');
    });
  });
}
