import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgres, postgresTarget, sqliteTarget } from './support/database-targets.js';
import type { CheckReport } from '../schemas/check-report.js';
import type { ExtractionOutcome } from '../schemas/extraction-outcome.js';
import type { AnyField } from '../schemas/field.js';
import type { Submission } from '../schemas/submission.js';
import { checkSubmission } from '../src/validate/check/check-submission.js';
import { DatabaseError } from '../src/db/database-error.js';
import type { Db } from '../src/db/db.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { openDatabase, type DatabaseConfig } from '../src/db/open-database.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { getAtPath, setAtPath } from '../src/model/model-path.js';
import { maskForPrint } from '../src/model/mask-for-print.js';
import { planValueEdit } from '../src/review/edit-value.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/contractor-co/submission.xml');
/** Before the sample's effective date (2025-09-15). */
const TODAY = new Date('2025-08-20T00:00:00Z');
/** The sample's FEIN, as written and as bare digits. */
const FEIN = '26-2514907';
const FEIN_DIGITS = '262514907';

const postgresUrl = await findPostgres();
const targets = [sqliteTarget(), ...(postgresUrl ? [postgresTarget(postgresUrl)] : [])];

let sampleBytes: Uint8Array;
let clean: Submission;
let outcome: ExtractionOutcome;

beforeAll(async () => {
  sampleBytes = new Uint8Array(await readFile(SAMPLE));
  ({ submission: clean, outcome } = await extractSubmission([{ fileName: 'submission.xml', bytes: sampleBytes }]));
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const check = (s: Submission): CheckReport => checkSubmission(s, outcome, { today: TODAY });

/** The sample with its mailing address removed (four blocking flags) and, unless `fixedExpiration`, an expiration before its effective date (a fifth). */
function broken({ fixedExpiration = false } = {}): Submission {
  const s = structuredClone(clean);
  setAtPath(s as never, 'namedInsureds[0].mailingAddress', undefined);
  if (!fixedExpiration) {
    const leaf = getAtPath(s, 'policy.expirationDate') as AnyField;
    setAtPath(s as never, 'policy.expirationDate', { ...leaf, value: '2025-09-01', raw: '2025-09-01' });
  }
  return s;
}

const CITY = 'mailing-city:namedInsureds[0].mailingAddress.cityName';
const EXPIRATION = 'expiration-after-effective:policy.expirationDate';

/** A submission with the sample's one file stored, as intake leaves it. */
async function received(db: Db, source = 'broker@riverbend.example'): Promise<string> {
  const { id } = await db.createSubmission({ source, actor: 'intake' });
  await db.addDocument(id, { sha256: sha256(sampleBytes), fileName: 'submission.xml', byteSize: sampleBytes.byteLength, storePath: `store/${id}/submission.xml`, kind: 'acord-xml' }, 'intake');
  return id;
}

for (const target of targets) {
  describe(`database on ${target.name}`, () => {
    const open: Db[] = [];
    let db: Db;
    const openAt = async (config: DatabaseConfig) => {
      const opened = await openDatabase(config);
      open.push(opened);
      return opened;
    };

    beforeAll(async () => {
      db = await openAt(await target.fresh());
    });
    afterAll(async () => {
      await Promise.all(open.map((d) => d.close()));
      await target.cleanup();
    });

    it('says where it is without credentials, and applies its migrations once however often it is opened', async () => {
      const config = await target.fresh();
      const first = await openAt(config);
      expect(first.describe()).toBe(first.dialect === 'sqlite' ? `SQLite at ${path.join(config.dataDir, 'acord-prep.sqlite')}` : `PostgreSQL at 127.0.0.1:5432/test`);
      const { id } = await first.createSubmission({ source: 'first open', actor: 'test' });
      expect(await migrateToLatest(first.kysely, first.dialect, first.describe())).toEqual([]);
      await first.close();
      open.splice(open.indexOf(first), 1);

      const again = await openAt(config);
      expect((await again.getSubmission(id))?.source).toBe('first open');
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(again.kysely);
      expect(applied.rows.map((r) => r.name)).toEqual(['0001-submissions-documents-flags-events', '0002-intake-keys', '0003-clearance', '0004-renewal-diff']);
      if (again.dialect === 'sqlite') {
        const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(again.kysely)).rows[0] as object)[0];
        expect([await pragma('journal_mode'), await pragma('foreign_keys'), await pragma('busy_timeout')]).toEqual(['wal', 1, 5000]);
      }
    });

    it('round-trips an extracted sample, its outcome and its check report', async () => {
      const id = await received(db);
      const report = check(broken());
      await db.saveExtraction(id, clean, outcome, 'reader');
      await db.saveCheck(id, report, 'checker');

      const record = (await db.getSubmission(id))!;
      expect(record.submission).toEqual(clean);
      expect(record.outcome).toEqual(outcome);
      expect(record.report).toEqual(maskForPrint(clean, report).report);
      expect(record.report?.flags.map((f) => f.id)).toContain(EXPIRATION);
      expect(record.report?.readyToQuote).toBe(false);
      expect(record).toMatchObject({
        id,
        state: 'received',
        insuredName: 'Timberline Remodeling LLC',
        feinLast4: '4907',
        effectiveDate: '2025-09-15',
        brokerName: 'Riverbend Insurance Brokers LLC',
        source: 'broker@riverbend.example',
        packetFolder: null,
        duplicateOf: null,
      });
      expect(record.documents).toEqual([{ sha256: clean.documents[0]!.id, fileName: 'submission.xml', byteSize: sampleBytes.byteLength, storePath: `store/${id}/submission.xml`, kind: 'acord-xml', status: 'read', error: null }]);
      expect(await db.getSubmission('no-such-submission')).toBeNull();
    });

    it('keeps a file sent twice in one submission as one document, read', async () => {
      const twice = await extractSubmission([
        { fileName: 'submission.xml', bytes: sampleBytes },
        { fileName: 'submission (1).xml', bytes: sampleBytes },
      ]);
      expect(twice.outcome.files.map((f) => f.status)).toEqual(['read', 'duplicate']);
      const id = await received(db);
      expect(await db.addDocument(id, { sha256: sha256(sampleBytes), fileName: 'submission (1).xml', byteSize: sampleBytes.byteLength, storePath: `store/${id}/submission (1).xml` }, 'intake')).toBe(false);
      await db.saveExtraction(id, twice.submission, twice.outcome, 'reader');
      const record = (await db.getSubmission(id))!;
      expect(record.documents.map((d) => `${d.fileName} ${d.status}`)).toEqual(['submission.xml read']);
      expect(record.outcome?.files.map((f) => f.status)).toEqual(['read', 'duplicate']);
    });

    it('keeps the resolutions of flags a re-check raises again, and drops the others', async () => {
      const id = await received(db);
      await db.saveExtraction(id, broken(), outcome, 'reader');
      await db.saveCheck(id, check(broken()), 'checker');
      const confirmed = { action: 'confirmed' as const, by: 'ana', at: '2025-08-21T10:00:00.000Z', note: 'city is on the 126' };
      // The resolution links to the event that recorded it.
      const resolvedCity = (await db.resolveFlag(id, CITY, confirmed)).resolution!;
      expect(resolvedCity).toEqual({ ...confirmed, auditEvent: expect.any(Number) });
      expect((await db.events(id)).find((e) => e.id === resolvedCity.auditEvent)).toMatchObject({ kind: 'flag-resolved', actor: 'ana', detail: { flagId: CITY, action: 'confirmed', note: 'city is on the 126' } });
      await db.resolveFlag(id, EXPIRATION, { action: 'corrected', by: 'ana', at: '2025-08-21T10:01:00.000Z', value: '2026-09-15' });

      // The expiration fixed: its flag is no longer raised but stays as corrected; the city's is raised again.
      await db.saveCheck(id, check(broken({ fixedExpiration: true })), 'checker');
      let flags = (await db.getSubmission(id))!.report!.flags;
      expect(flags.find((f) => f.id === CITY)?.resolution).toEqual(resolvedCity);
      expect(flags.filter((f) => f.resolution).map((f) => [f.id, f.resolution!.action])).toEqual([
        [CITY, 'confirmed'],
        [EXPIRATION, 'corrected'],
      ]);
      const saved = (await db.events(id)).filter((e) => e.kind === 'check-saved').at(-1)!;
      expect(saved.detail).toEqual({ flags: 6, open: 4, keptResolutions: expect.arrayContaining([CITY, EXPIRATION]), droppedResolutions: [] });

      // Broken again: the expiration's flag comes back open, its old resolution gone with it.
      await db.saveCheck(id, check(broken()), 'checker');
      flags = (await db.getSubmission(id))!.report!.flags;
      expect(flags.find((f) => f.id === EXPIRATION)?.resolution).toBeUndefined();
      expect(flags.find((f) => f.id === CITY)?.resolution).toEqual(resolvedCity);

      // Every blocking flag waived: ready to quote.
      for (const f of flags.filter((f) => !f.resolution)) await db.resolveFlag(id, f.id, { action: 'waived', by: 'lead', at: '2025-08-22T09:00:00.000Z' });
      expect((await db.getSubmission(id))!.report!.readyToQuote).toBe(true);
      await expect(db.resolveFlag(id, 'no-such-rule:policy', confirmed)).rejects.toMatchObject({ code: 'not-found' });
    });

    it('appends one event per change, in order, with who made it', async () => {
      const id = await received(db);
      expect(await db.addDocument(id, { sha256: sha256(sampleBytes), fileName: 'copy.xml', byteSize: 1, storePath: 'store/copy.xml' }, 'intake')).toBe(false);
      await db.setState(id, 'reading', { actor: 'reader' });
      await db.saveExtraction(id, broken(), outcome, 'reader');
      await db.setState(id, 'checking', { actor: 'checker' });
      await db.saveCheck(id, check(broken()), 'checker');
      await db.resolveFlag(id, CITY, { action: 'waived', by: 'ana', at: '2025-08-21T10:00:00.000Z' });
      const done = await db.setState(id, 'packet-ready', { actor: 'packer', packetFolder: 'timberline-remodeling-llc-2025-09-15-3f9a02c1' });
      expect(done.packetFolder).toBe('timberline-remodeling-llc-2025-09-15-3f9a02c1');

      const events = await db.events(id);
      expect(events.map((e) => `${e.kind} ${e.actor}`)).toEqual([
        'received intake',
        'document-added intake',
        'state-changed reader',
        'extraction-saved reader',
        'state-changed checker',
        'check-saved checker',
        'flag-resolved ana',
        'state-changed packer',
      ]);
      const ids = events.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      expect(events.filter((e) => e.kind === 'state-changed').map((e) => e.detail)).toEqual([
        { from: 'received', to: 'reading' },
        { from: 'reading', to: 'checking' },
        { packetFolder: 'timberline-remodeling-llc-2025-09-15-3f9a02c1', from: 'checking', to: 'packet-ready' },
      ]);
      expect(events.every((e) => e.submissionId === id)).toBe(true);
      await expect(db.setState('no-such-submission', 'reading', { actor: 'reader' })).rejects.toMatchObject({ code: 'not-found' });
      await expect(db.createSubmission({ id, source: 'again', actor: 'intake' })).rejects.toMatchObject({ code: 'exists' });
    });

    it('finds a submission by its intake key after the database is opened again, the first one keeping it', async () => {
      const config = await target.fresh();
      const first = await openAt(config);
      const key = 'a'.repeat(64);
      const { id } = await first.createSubmission({ source: 'contractor-co', actor: 'intake' });
      await first.recordIntakeKey(key, id);
      // The same key again (another process took the same folder at once): the first submission keeps it.
      const { id: racing } = await first.createSubmission({ source: 'contractor-co copy', actor: 'intake' });
      await first.recordIntakeKey(key, racing);
      expect(await first.findSubmissionByIntakeKey('b'.repeat(64))).toBeNull();
      await first.close();
      open.splice(open.indexOf(first), 1);

      const again = await openAt(config);
      expect((await again.findSubmissionByIntakeKey(key))?.id).toBe(id);
      expect((await again.getSubmission(racing))?.source).toBe('contractor-co copy');
    });

    it('marks a submission reading at its first read only, with one event', async () => {
      const id = await received(db);
      expect((await db.advanceState(id, 'received', 'reading', { actor: 'workers', detail: { sha: 'abc' } }))?.state).toBe('reading');
      expect(await db.advanceState(id, 'received', 'reading', { actor: 'workers' })).toBeNull();
      expect((await db.getSubmission(id))?.state).toBe('reading');
      const moves = (await db.events(id)).filter((e) => e.kind === 'state-changed');
      expect(moves.map((e) => e.detail)).toEqual([{ sha: 'abc', from: 'received', to: 'reading' }]);
      await expect(db.advanceState('no-such-submission', 'received', 'reading', { actor: 'workers' })).rejects.toMatchObject({ code: 'not-found' });
    });

    it('finds the earlier submission holding the same bytes, for duplicate detection', async () => {
      const first = await received(db);
      const second = await received(db);
      const doc = sha256(sampleBytes);
      const original = await db.findSubmissionByDocument(doc, { excluding: second });
      expect(original?.id).not.toBe(second);
      // Earlier tests stored the same sample: the original is the oldest of them, received no later than `first`.
      expect(original!.receivedAt <= (await db.getSubmission(first))!.receivedAt).toBe(true);
      await db.setState(second, 'duplicate', { actor: 'intake', duplicateOf: original!.id });
      expect((await db.getSubmission(second))?.duplicateOf).toBe(original!.id);
      // A duplicate is never the original another copy points to.
      expect((await db.findSubmissionByDocument(doc))?.id).toBe(original!.id);
      expect(await db.findSubmissionByDocument('0'.repeat(64))).toBeNull();

      const alone = await openAt(await target.fresh());
      const only = await received(alone);
      expect(await alone.findSubmissionByDocument(doc, { excluding: only })).toBeNull();
      expect((await alone.findSubmissionByDocument(doc))?.id).toBe(only);
    });

    it('keeps no whole FEIN in any column but submission_json, wherever the text came from', async () => {
      const store = await openAt(await target.fresh());
      const id = await received(store);
      const withFein = structuredClone(outcome);
      withFein.warnings.push(`submission.xml: remarks quote the FEIN ${FEIN}`);
      withFein.files[0]!.warnings.push(`submission.xml: tax id ${FEIN_DIGITS} also written in the remarks`);
      const report = check(broken());
      report.flags[0]!.message += ` (insured's FEIN ${FEIN})`;
      await store.saveExtraction(id, clean, withFein, 'reader');
      await store.saveCheck(id, report, 'checker');
      await store.resolveFlag(id, CITY, { action: 'corrected', by: 'ana', at: '2025-08-21T10:00:00.000Z', note: `called the insured, FEIN ${FEIN_DIGITS} confirmed`, value: FEIN });
      await store.setState(id, 'quarantined', { actor: 'reader', detail: { reason: `FEIN ${FEIN} on file does not match`, codes: [FEIN_DIGITS] } });

      const holding: string[] = [];
      // PostgreSQL lists the tables of every schema: only this database's own are read.
      const schema = store.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(store.kysely)).rows[0]!.s : undefined;
      const tables = (await store.kysely.introspection.getTables()).filter((t) => t.schema === schema);
      expect(tables.map((t) => t.name).sort()).toEqual(['clearance_keys', 'clearance_terms', 'documents', 'events', 'flags', 'intake_keys', 'submissions']);
      for (const table of tables) {
        const rows = (await sql.raw(`select * from ${table.name}`).execute(store.kysely)).rows as Record<string, unknown>[];
        for (const row of rows) for (const [column, value] of Object.entries(row)) if (/26-?2514907/.test(String(value))) holding.push(`${table.name}.${column}`);
      }
      expect(holding).toEqual(['submissions.submission_json']);
      const record = (await store.getSubmission(id))!;
      expect(record.outcome?.warnings.at(-1)).toBe('submission.xml: remarks quote the FEIN **-***4907');
      expect(record.report?.flags[0]?.message).toContain('(insured\'s FEIN **-***4907)');
      expect(record.report?.flags.find((f) => f.id === CITY)?.resolution).toMatchObject({ note: 'called the insured, FEIN *****4907 confirmed', value: '**-***4907' });
    });

    it('loses no event and no state when many state changes race on one submission', async () => {
      const id = await received(db);
      const states = ['reading', 'checking', 'failed', 'reading', 'quarantined'] as const;
      const changes = Array.from({ length: 30 }, (_, i) => db.setState(id, states[i % states.length]!, { actor: `worker-${i}`, detail: { attempt: i } }));
      await Promise.all(changes);
      const moves = (await db.events(id)).filter((e) => e.kind === 'state-changed');
      expect(moves.map((e) => e.detail.attempt).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 30 }, (_, i) => i));
      // Each change saw the state the one before it left: none read a state another had already replaced.
      expect(moves[0]!.detail.from).toBe('received');
      for (let i = 1; i < moves.length; i++) expect(moves[i]!.detail.from).toBe(moves[i - 1]!.detail.to);
      expect((await db.getSubmission(id))?.state).toBe(moves.at(-1)!.detail.to);
    });

    it('lists the newest first, by state, and counts every state', async () => {
      const store = await openAt(await target.fresh());
      const at = (day: number) => new Date(Date.UTC(2025, 7, day));
      const a = await store.createSubmission({ source: 'a', receivedAt: at(1), actor: 'intake' });
      const b = await store.createSubmission({ source: 'b', receivedAt: at(2), actor: 'intake' });
      const c = await store.createSubmission({ source: 'c', receivedAt: at(3), actor: 'intake' });
      await store.setState(a.id, 'quarantined', { actor: 'reader' });
      await store.setState(c.id, 'quarantined', { actor: 'reader' });

      expect((await store.listSubmissions()).map((s) => s.source)).toEqual(['c', 'b', 'a']);
      expect((await store.listSubmissions({ limit: 2 })).map((s) => s.source)).toEqual(['c', 'b']);
      expect((await store.listSubmissions({ state: 'quarantined' })).map((s) => s.id)).toEqual([c.id, a.id]);
      expect(await store.listSubmissions({ state: 'packet-ready' })).toEqual([]);
      expect(await store.countByState()).toEqual({ received: 1, reading: 0, checking: 0, 'packet-ready': 0, reassembling: 0, 'ready-for-underwriter': 0, taken: 0, quarantined: 2, failed: 0, duplicate: 0 });
      expect(b.receivedAt).toBe('2025-08-02T00:00:00.000Z');
    });

    it('saves a reviewer\'s edit with its value-edited event in one transaction, the leaf linked to the event', async () => {
      const id = await received(db);
      await db.saveExtraction(id, broken({ fixedExpiration: true }), outcome, 'reader');
      await db.saveCheck(id, check(broken({ fixedExpiration: true })), 'checker');
      await db.setState(id, 'packet-ready', { actor: 'workers' });
      const p = 'namedInsureds[0].mailingAddress.cityName';
      const { eventId, summary } = await db.saveValueEdit(id, (current) => planValueEdit(current, { path: p, text: 'Golden' }), { actor: 'ana', reason: 'on the 126', flagId: CITY }, { onlyIn: ['packet-ready'] });
      expect(summary.state).toBe('packet-ready');
      const record = (await db.getSubmission(id))!;
      expect(getAtPath(record.submission, p)).toMatchObject({ value: 'Golden', raw: 'Golden', confidence: 1, source: { method: 'reviewer', auditEvent: eventId, document: 'reviewer' } });
      const event = (await db.events(id)).find((e) => e.id === eventId)!;
      expect(event).toMatchObject({ kind: 'value-edited', actor: 'ana', detail: { path: p, old: null, new: 'Golden', reason: 'on the 126', flagId: CITY } });

      // Checked again in the same transaction: the city is no longer missing, the other resolutions stay.
      await db.resolveFlag(id, 'mailing-zip:namedInsureds[0].mailingAddress.postalCode', { action: 'ask-broker', by: 'ana', at: '2025-08-21T10:00:00.000Z' });
      const report = await db.recheck(id, (s, o) => checkSubmission(s, o, { today: TODAY }), 'desk');
      expect(report.flags.map((f) => f.id)).not.toContain(CITY);
      expect(report.flags.find((f) => f.id === 'mailing-zip:namedInsureds[0].mailingAddress.postalCode')?.resolution?.action).toBe('ask-broker');
      expect((await db.getSubmission(id))!.report).toEqual(report);

      // An edit the plan refuses writes nothing; nor does one while the submission is in another state.
      const events = (await db.events(id)).length;
      await expect(db.saveValueEdit(id, (current) => planValueEdit(current, { path: 'policy.effectiveDate', text: 'soon' }), { actor: 'ana' })).rejects.toMatchObject({ code: 'invalid-value' });
      await db.setState(id, 'reassembling', { actor: 'desk' });
      await expect(db.saveValueEdit(id, (current) => planValueEdit(current, { path: p, text: 'Denver' }), { actor: 'ana' }, { onlyIn: ['packet-ready'] })).rejects.toMatchObject({ code: 'wrong-state' });
      await expect(db.resolveFlag(id, EXPIRATION, { action: 'waived', by: 'ana', at: '2025-08-21T10:00:00.000Z' }, { onlyIn: ['packet-ready'] })).rejects.toMatchObject({ code: 'wrong-state' });
      expect((await db.events(id)).length).toBe(events + 1);
      expect(getAtPath((await db.getSubmission(id))!.submission, p)).toMatchObject({ value: 'Golden' });
    });

    it('keeps a tax id typed by a reviewer out of the events, and records who was shown one', async () => {
      const store = await openAt(await target.fresh());
      const id = await received(store);
      await store.saveExtraction(id, clean, outcome, 'reader');
      const p = 'namedInsureds[0].taxIdentifier';
      const { eventId } = await store.saveValueEdit(id, (current) => planValueEdit(current, { path: p, text: '13 1234567' }), { actor: 'ana', reason: `the form said ${FEIN}, the broker says 13 1234567` });
      expect((await store.getSubmission(id))!.feinLast4).toBe('4567');
      const edited = (await store.events(id)).find((e) => e.id === eventId)!;
      expect(edited.detail).toEqual({ path: p, old: '**-***4907', new: '*****4567', reason: 'the form said **-***4907, the broker says ** ***4567' });
      const revealed = await store.recordTaxIdReveal(id, p, 'uwe');
      expect((await store.events(id)).find((e) => e.id === revealed)).toMatchObject({ kind: 'tax-id-revealed', actor: 'uwe', detail: { path: p } });
      const everything = JSON.stringify(await store.events(id));
      expect(everything).not.toMatch(/1234567|2514907/);
    });

    it('lists the review queue: oldest first, open flags by severity, appetite decision and lines', async () => {
      const store = await openAt(await target.fresh());
      const at = (day: number) => new Date(Date.UTC(2025, 7, day));
      const older = await store.createSubmission({ source: 'older', receivedAt: at(1), actor: 'intake' });
      const newer = await store.createSubmission({ source: 'newer', receivedAt: at(2), actor: 'intake' });
      const unread = await store.createSubmission({ source: 'unread', receivedAt: at(3), actor: 'intake' });
      const report = checkSubmission(broken(), outcome, { today: TODAY, appetite: { decision: 'refer', carrier: 'Example', version: '1', hits: [] } });
      for (const s of [older, newer]) {
        await store.saveExtraction(s.id, broken(), outcome, 'reader');
        await store.saveCheck(s.id, report, 'checker');
        await store.setState(s.id, 'packet-ready', { actor: 'workers' });
      }
      await store.resolveFlag(newer.id, CITY, { action: 'ask-broker', by: 'ana', at: '2025-08-21T10:00:00.000Z' });
      const bySeverity = (sev: string) => report.flags.filter((f) => f.severity === sev).length;

      const rows = await store.listQueue();
      expect(rows.map((r) => r.source)).toEqual(['older', 'newer', 'unread']);
      expect(rows[0]).toMatchObject({ id: older.id, state: 'packet-ready', insuredName: 'Timberline Remodeling LLC', appetite: 'refer', lines: report.lines, openFlags: { blocking: bySeverity('blocking'), warning: bySeverity('warning'), info: bySeverity('info') } });
      expect(rows[1]!.openFlags.blocking).toBe(bySeverity('blocking') - 1);
      expect(rows[2]).toMatchObject({ id: unread.id, appetite: null, lines: [], openFlags: { blocking: 0, warning: 0, info: 0 } });
      expect((await store.listQueue({ states: ['received'] })).map((r) => r.id)).toEqual([unread.id]);
      expect((await store.listQueue({ limit: 1 })).map((r) => r.id)).toEqual([older.id]);
      expect(await store.listQueue({ states: [] })).toEqual([]);
    });
  });
}

/**
 * A worker process that opens the SQLite file, says `ready`, waits for a line on stdin, then changes the
 * submission's state `times` times: the two started below write at the same moment.
 */
const RACING_WORKER = `
import { createInterface } from 'node:readline';
import { openDatabase } from ${JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, '../src/db/open-database.ts')).href)};
const [dataDir, id, name, times] = process.argv.slice(1);
const db = await openDatabase({ dataDir });
console.log('ready');
for await (const _ of createInterface({ input: process.stdin })) break;
for (let i = 0; i < Number(times); i++) await db.setState(id, i % 2 ? 'reading' : 'checking', { actor: name, detail: { i } });
await db.close();
`;

function racingWorker(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', RACING_WORKER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { go: () => child.stdin.end('go\n'), ready, exited };
}

describe('one SQLite file shared by processes', () => {
  it('lets two processes change one submission at once, every change and event kept', async () => {
    const { dataDir } = await sqliteTarget().fresh();
    const db = await openDatabase({ dataDir });
    try {
      const { id } = await db.createSubmission({ source: 'shared', actor: 'intake' });
      const workers = ['worker-a', 'worker-b'].map((name) => racingWorker([dataDir, id, name, '300']));
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.go();
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([
        { code: 0, stderr: '' },
        { code: 0, stderr: '' },
      ]);
      const moves = (await db.events(id)).filter((e) => e.kind === 'state-changed');
      expect(moves).toHaveLength(600);
      for (const name of ['worker-a', 'worker-b']) expect(moves.filter((e) => e.actor === name).map((e) => e.detail.i)).toEqual(Array.from({ length: 300 }, (_, i) => i));
      for (let i = 1; i < moves.length; i++) expect(moves[i]!.detail.from).toBe(moves[i - 1]!.detail.to);
    } finally {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('opening a database', () => {
  it('refuses a DATABASE_URL that is not PostgreSQL, naming what to do', async () => {
    const err = await openDatabase({ databaseUrl: 'mysql://root:secret@127.0.0.1/test', dataDir: 'data' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err).toMatchObject({ code: 'bad-url' });
    expect((err as Error).message).toMatch(/postgres:\/\/.*unset it to use SQLite in data/);
    expect((err as Error).message).not.toContain('secret');
    const unparsable = await openDatabase({ databaseUrl: 'postgresql://root:s3cret@[not-a-host/test', dataDir: 'data' }).catch((e: unknown) => e);
    expect(unparsable).toMatchObject({ code: 'bad-url' });
    expect((unparsable as Error).message).not.toContain('s3cret');
  });

  it('says a PostgreSQL server it cannot reach is unreachable, without the password', async () => {
    // Port 1 refuses at once on a machine without a service there.
    const err = await openDatabase({ databaseUrl: 'postgres://root:secret@127.0.0.1:1/test', dataDir: 'data' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreachable' });
    expect((err as Error).message).toMatch(/^PostgreSQL at 127\.0\.0\.1:1\/test: cannot connect/);
    expect((err as Error).message).not.toContain('secret');
  });
});
