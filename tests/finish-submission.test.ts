import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config/limits.js';
import type { Db } from '../src/db/db.js';
import { openDatabase } from '../src/db/open-database.js';
import { DocumentReaderThread } from '../src/read/extract/document-reader-thread.js';
import type { ReadProgress } from '../src/read/extract/read-progress.js';
import { submissionResultsDir } from '../src/service/document-results.js';
import { ClearanceIndex } from '../src/validate/clearance/clearance-index.js';
import { finishSubmission, type AssembleStage, type FinishDeps } from '../src/service/finish-submission.js';
import { PacketJson } from '../schemas/packet-json.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { readStoredDocument } from '../src/service/read-stored-document.js';
import { ContentStore } from '../src/store/content-store.js';

const SAMPLE = path.resolve('samples/contractor-co/acord-125.pdf');
const RENEWAL_SAMPLE = path.resolve('samples/contractor-co/submission.xml');
/** A file that says it is a PDF and is not one: the reader refuses it, so its submission is quarantined. */
const CORRUPT = new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage garbage\n%%EOF\n');

/** The service's reader: progress crosses from its thread as it does in a sandboxed job. */
const reader = new DocumentReaderThread(DEFAULT_LIMITS);
afterAll(() => reader.close());

const opened: { db: Db; home: string }[] = [];
afterEach(async () => {
  for (const { db, home } of opened.splice(0)) {
    await db.close();
    await rm(home, { recursive: true, force: true });
  }
});

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;
const visible = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();

type Home = { home: string; db: Db };

/** A service home of its own: its database opened, both removed after the test. */
async function newHome(): Promise<Home> {
  const home = await mkdtemp(path.join(tmpdir(), 'acord-finish-'));
  const db = await openDatabase({ dataDir: path.join(home, 'data') });
  opened.push({ db, home });
  return { home, db };
}

/** A submission of one stored file, read as the read-document job reads it; the progress it reported. */
async function readSubmission(fileName: string, bytes: Uint8Array, into?: Home) {
  const { home, db } = into ?? (await newHome());
  const store = new ContentStore(path.join(home, 'store'));
  const { sha256 } = await store.put(bytes);
  const { id } = await db.createSubmission({ source: fileName, actor: 'test' });
  await db.addDocument(id, { sha256, fileName, byteSize: bytes.byteLength, storePath: store.pathOf(sha256) }, 'test');
  const progress: ReadProgress[] = [];
  const dataDir = path.join(home, 'data');
  const read = () => readStoredDocument({ kind: 'read-document', submissionId: id, sha256, fileName }, { store, dataDir, reader, onProgress: (p) => progress.push(p) }).catch((err: Error) => err);
  await read();
  const stages: AssembleStage[] = [];
  const deps: FinishDeps = {
    db,
    store,
    dataDir,
    outboxDir: path.join(home, 'outbox'),
    quarantineDir: path.join(home, 'quarantine'),
    appetiteRules: null,
    clearance: { windowDays: 90, renewalLookbackDays: 548 },
    from: { name: 'Test', address: 'test@example.com' },
    actor: 'test',
    onStage: (stage) => void stages.push(stage),
  };
  return { id, db, home, deps, dataDir, progress, stages, read };
}

describe('finishing a submission', () => {
  it('reports each stage, publishes one packet, removes the results, and gives the same packet when run again', async () => {
    const { id, db, deps, dataDir, progress, stages, read } = await readSubmission('acord-125.pdf', new Uint8Array(await readFile(SAMPLE)));
    expect(progress.map((p) => p.stage)).toEqual(['identify', 'extract', 'done']);
    expect(progress[0]).toEqual({ stage: 'identify', pages: 4 });
    expect(await exists(submissionResultsDir(dataDir, id))).toBe(true);

    const first = await finishSubmission(id, deps);
    expect(stages).toEqual(['merge', 'packet', 'publish']);
    expect(first.state).toBe('packet-ready');
    expect(await exists(submissionResultsDir(dataDir, id))).toBe(false);
    const folders = await visible(deps.outboxDir);
    expect(folders).toEqual([path.basename(first.folder)]);
    const files = await visible(first.folder);
    const events = (await db.events(id)).length;
    // Cleared against the (empty) past with the configured window; no earlier submission to diff against.
    const clearance = new ClearanceIndex(db);
    expect(await clearance.result(id)).toMatchObject({ outcome: 'clear', windowDays: 90, matches: [] });
    expect(await clearance.renewal(id)).toBeNull();

    // The job run again after a crash that followed the publishing: the published packet, nothing redone.
    stages.length = 0;
    expect(await finishSubmission(id, deps)).toEqual(first);
    expect(stages).toEqual([]);
    expect((await db.events(id)).length).toBe(events);

    // A crash before the results were removed: all done again, into the same folder.
    await read();
    expect(await finishSubmission(id, deps)).toEqual(first);
    expect(stages).toEqual(['merge', 'packet', 'publish']);
    expect(await visible(deps.outboxDir)).toEqual(folders);
    expect(await visible(first.folder)).toEqual(files);
    expect(await exists(submissionResultsDir(dataDir, id))).toBe(false);
    expect((await db.getSubmission(id))?.state).toBe('packet-ready');
  });

  it("diffs the second submission of an insured against the first: the renewal is stored and in the published packet's JSON and PDF", async () => {
    const xml = await readFile(RENEWAL_SAMPLE, 'utf8');
    // Last year's application: a lower occurrence limit (the sample's GL limits are listed each occurrence first).
    const lastYear = xml.replace('<FormatInteger>1000000</FormatInteger>', '<FormatInteger>500000</FormatInteger>').replaceAll('<EffectiveDt>2025-09-15</EffectiveDt>', '<EffectiveDt>2024-09-15</EffectiveDt>');
    expect(lastYear).not.toBe(xml);
    const first = await readSubmission('submission.xml', new TextEncoder().encode(lastYear));
    await finishSubmission(first.id, first.deps);
    const second = await readSubmission('submission.xml', new TextEncoder().encode(xml), first);
    const done = await finishSubmission(second.id, second.deps);

    const stored = await new ClearanceIndex(first.db).renewal(second.id);
    expect(stored).toMatchObject({ previousSubmissionId: first.id, values: [{ path: 'generalLiability.limits.eachOccurrence', old: '500000.00', new: '1000000.00' }] });
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(done.folder, 'submission.json'), 'utf8')));
    expect(json.renewal).toEqual(stored);
    const doc = await openPdf(new Uint8Array(await readFile(path.join(done.folder, 'packet.pdf'))), 'packet.pdf');
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) texts.push((await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' '));
    await doc.destroy();
    expect(texts[0]).toContain('Renewal of the term effective 09/15/2024 (received');
    expect(texts[0]).toContain('from Riverbend Insurance Brokers LLC): 1 change');
    expect(texts.find((t) => t.startsWith('Changes since the last submission'))).toMatch(/generalLiability\.limits\.eachOccurrence\s+\$500,000\s+\$1,000,000/);
  });

  it('quarantines a submission none of whose documents could be read, once, however often it is finished', async () => {
    const { id, deps, dataDir, stages } = await readSubmission('broken.pdf', CORRUPT);
    const first = await finishSubmission(id, deps);
    expect(first).toEqual({ state: 'quarantined', folder: path.join(deps.quarantineDir, id), recleared: [] });
    expect(stages).toEqual(['merge', 'publish']);
    expect(await visible(first.folder)).toEqual(['broken.pdf', 'report.txt']);
    expect(await exists(submissionResultsDir(dataDir, id))).toBe(false);
    expect(await finishSubmission(id, deps)).toEqual(first);
    expect(await visible(deps.quarantineDir)).toEqual([id]);
  });
});
