import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionOutcome } from '../schemas/extraction-outcome.js';
import type { AnyField } from '../schemas/field.js';
import type { Submission } from '../schemas/submission.js';
import { ClearanceIndex } from '../src/validate/clearance/clearance-index.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { getAtPath, setAtPath } from '../src/model/model-path.js';
import { databaseTargets } from './support/database-targets.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/contractor-co/submission.xml');
const NOW = new Date('2026-12-01T15:00:00Z');
const DAY = 86_400_000;

let contractor: Submission;
let outcome: ExtractionOutcome;
beforeAll(async () => {
  ({ submission: contractor, outcome } = await extractSubmission([{ fileName: 'submission.xml', bytes: new Uint8Array(await readFile(SAMPLE)) }]));
});

/** The sample with some values replaced, as another broker or another insured would send it. */
function variant(changes: Record<string, string | undefined>): Submission {
  const s = structuredClone(contractor);
  for (const [at, value] of Object.entries(changes)) {
    const leaf = getAtPath(s, at) as AnyField | undefined;
    if (!leaf) throw new Error(`the sample has no value at ${at}`);
    setAtPath(s as never, at, value === undefined ? undefined : { ...leaf, value, raw: value });
  }
  return s;
}

const targets = await databaseTargets();
afterAll(async () => Promise.all(targets.map((t) => t.cleanup())));

describe.each(targets)('clearance in the service database on $name', (target) => {
  let db: Db;
  let index: ClearanceIndex;
  beforeAll(async () => {
    db = await openDatabase(await target.fresh());
    index = new ClearanceIndex(db);
  });
  afterAll(async () => db?.close());

  /** A submission received `daysAgo` before NOW, stored with its extraction, then cleared. */
  async function received(submission: Submission, daysAgo: number) {
    const { id } = await db.createSubmission({ source: 'test', receivedAt: new Date(NOW.getTime() - daysAgo * DAY), actor: 'test' });
    await db.saveExtraction(id, submission, outcome, 'test');
    return { id, result: await index.clear(id, submission, { now: NOW, windowDays: 90, actor: 'test' }) };
  }

  it('clears again a submission received later but read sooner when the earlier one is read, and audits the change', async () => {
    const insured = { 'namedInsureds[0].fullName': 'Larkspur Orchard Supply Inc', 'namedInsureds[0].taxIdentifier': '45-1230987', 'namedInsureds[0].mailingAddress.lineOne': '77 Mill Pond Road' };
    const earlier = variant(insured);
    const options = { now: NOW, windowDays: 90, actor: 'test' };
    // Received first, but its scan takes longer: read after the second.
    const { id: firstId } = await db.createSubmission({ source: 'test', receivedAt: new Date(NOW.getTime() - 5 * DAY), actor: 'test' });
    const second = await received(variant({ ...insured, 'producer.fullName': 'Harbor Point Brokerage' }), 2);
    expect(second.result).toMatchObject({ outcome: 'clear', matches: [] });
    expect(await index.reclearLater(second.id, variant({ ...insured, 'producer.fullName': 'Harbor Point Brokerage' }), options)).toEqual([]);

    await db.saveExtraction(firstId, earlier, outcome, 'test');
    // The first compares only with those received before it: none.
    expect(await index.clear(firstId, earlier, options)).toMatchObject({ outcome: 'clear', matches: [] });
    expect(await index.reclearLater(firstId, earlier, options)).toEqual([second.id]);
    const now = await index.result(second.id);
    expect(now).toMatchObject({ outcome: 'blocked', matches: [{ submissionId: firstId, otherBroker: true, reasons: ['tax-id', 'name', 'address'] }] });
    const recomputed = (await db.events(second.id)).filter((e) => e.kind === 'clearance-recomputed');
    expect(recomputed.map((e) => e.detail)).toEqual([{ old: 'clear', new: 'blocked', added: [firstId], gone: [] }]);

    // Run again (a retried job): nothing more is audited, but the second's packet is still named to be made again.
    expect(await index.reclearLater(firstId, earlier, options)).toEqual([second.id]);
    expect((await db.events(second.id)).filter((e) => e.kind === 'clearance-recomputed')).toHaveLength(1);
    // A person's override of the second stands through a recomputation.
    await db.saveClearanceOverride(second.id, { outcome: 'probable', reason: 'broker of record letter', by: 'ana', at: NOW.toISOString() });
    expect(await index.reclearLater(firstId, earlier, options)).toEqual([second.id]);
    expect((await index.result(second.id))?.override?.outcome).toBe('probable');
  });

  it('blocks the same insured from a second broker, clears an unrelated one, and forgets what is older than the window', async () => {
    const old = await received(contractor, 120);
    expect(old.result.outcome).toBe('clear');
    const first = await received(contractor, 10);
    expect(first.result.matches.map((m) => m.submissionId)).not.toContain(old.id);
    await index.markComplete(first.id, new Date(NOW.getTime() - 9 * DAY));

    const second = await received(variant({ 'producer.fullName': 'Harbor Point Brokerage' }), 1);
    expect(second.result.outcome).toBe('blocked');
    expect(second.result.matches[0]).toMatchObject({ submissionId: first.id, otherBroker: true, completeAt: new Date(NOW.getTime() - 9 * DAY).toISOString() });
    expect(await index.result(second.id)).toEqual(second.result);

    const insuredName = (getAtPath(contractor, 'namedInsureds[0].fullName') as AnyField).value as string;
    const stranger = await received(variant({ 'namedInsureds[0].fullName': 'Quill & Quire Bookshop', 'namedInsureds[0].taxIdentifier': '98-7654321', 'namedInsureds[0].mailingAddress.lineOne': '5 Harbor Lane' }), 0);
    expect(stranger.result).toMatchObject({ outcome: 'clear', matches: [] });
    expect(insuredName).not.toBe('Quill & Quire Bookshop');
  });
});
