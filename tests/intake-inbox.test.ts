import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeDuplicate, IntakeRefusal, IntakeSubmission } from '../schemas/intake.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { Inbox, type InboxOptions } from '../src/intake/inbox-watcher.js';
import { ContentStore } from '../src/store/content-store.js';
import { writeZip } from './support/write-zip.js';

const sample = (rel: string) => readFile(path.join('samples', rel));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;

/** The insured a file names, read the way the service will: the first form's first named insured. */
async function insuredOf(bytes: Uint8Array, fileName: string): Promise<string | null> {
  const name = (await extractDocument(bytes, fileName)).parts[0]?.namedInsureds?.[0]?.fullName?.value;
  return typeof name === 'string' ? name : null;
}

const running: Inbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((inbox) => inbox.stop()));
});

/** An inbox in a fresh temporary folder with small real delays, recording what it reports. */
async function makeInbox(options: Partial<InboxOptions> = {}) {
  const root = await mkdtemp(path.join(tmpdir(), 'inbox-'));
  const dir = path.join(root, 'inbox');
  const quarantine = path.join(root, 'quarantine');
  const store = new ContentStore(path.join(root, 'store'));
  await mkdir(dir);
  const submissions: IntakeSubmission[] = [];
  const refusals: IntakeRefusal[] = [];
  const duplicates: IntakeDuplicate[] = [];
  const errors: unknown[] = [];
  /** For each submission, whether its entries were still in the inbox and its files in the store when it was reported. */
  const safeWhenReported: boolean[] = [];
  const inbox = new Inbox({
    dir,
    store,
    quarantine,
    stableMs: 400,
    rescanMs: 1000,
    groupWindowMs: 400,
    onSubmission: async (s) => {
      const entries = s.source.kind === 'files' ? s.source.name.split(', ') : [s.source.name];
      const inInbox = await Promise.all(entries.map((e) => exists(path.join(dir, e))));
      const inStore = await Promise.all([...s.originals, ...s.documents].map((f) => store.has(f.sha256)));
      safeWhenReported.push([...inInbox, ...inStore].every(Boolean));
      submissions.push(s);
    },
    onRefusal: (r) => void refusals.push(r),
    onDuplicate: (d) => void duplicates.push(d),
    onError: (e) => void errors.push(e),
    ...options,
  });
  running.push(inbox);
  const until = async (done: () => boolean, what: string) => {
    for (let waited = 0; !done(); waited += 50) {
      if (waited > 30_000) throw new Error(`timed out waiting for ${what}; submissions ${JSON.stringify(submissions.map((s) => s.source))}, refusals ${JSON.stringify(refusals)}, errors ${errors.map(String).join('; ')}`);
      await sleep(50);
    }
  };
  const inboxNames = async () => (await readdir(dir)).sort();
  return { inbox, dir, quarantine, store, submissions, refusals, duplicates, errors, safeWhenReported, until, inboxNames };
}

describe('Inbox', () => {
  it('refuses a quarantine or store folder the inbox would see as an entry', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'inbox-'));
    const dir = path.join(root, 'inbox');
    const base = { dir, onSubmission: () => undefined, onRefusal: () => undefined };
    expect(() => new Inbox({ ...base, store: new ContentStore(path.join(root, 'store')), quarantine: path.join(dir, 'quarantine') })).toThrow(/quarantine folder .* is inside the inbox/);
    expect(() => new Inbox({ ...base, store: new ContentStore(dir), quarantine: path.join(root, 'quarantine') })).toThrow(/store folder .* is inside the inbox/);
    expect(() => new Inbox({ ...base, store: new ContentStore(path.join(dir, '.store')), quarantine: path.join(dir, '.quarantine') })).not.toThrow();
  });

  it('takes files already there at start-up and leaves junk alone', async () => {
    const t = await makeInbox();
    const bytes = await sample('office-ny/acord-125.pdf');
    await writeFile(path.join(t.dir, 'acord-125.pdf'), bytes);
    const junk = ['.DS_Store', '._acord-125.pdf', 'Thumbs.db', 'loss-runs.pdf.crdownload', '.hidden.pdf', '~$notes.docx'];
    for (const name of junk) await writeFile(path.join(t.dir, name), 'not a document');
    await writeFile(path.join(t.dir, 'blank.pdf'), '');
    await t.inbox.start();
    await t.until(() => t.submissions.length === 1 && t.refusals.length === 1, 'the files present at start-up');
    await sleep(1500); // a rescan and more checks pass: junk is never taken
    expect(t.submissions).toHaveLength(1);
    expect(t.submissions[0]!.source).toMatchObject({ kind: 'file', name: 'acord-125.pdf' });
    expect(t.submissions[0]!.documents).toEqual([{ sha256: sha(bytes), fileName: 'acord-125.pdf', size: bytes.length }]);
    expect(t.submissions[0]!.key).toBe(sha(bytes));
    expect(t.safeWhenReported).toEqual([true]);
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual(junk.sort());
    expect(t.refusals).toEqual([{ source: expect.objectContaining({ kind: 'file', name: 'blank.pdf' }), code: 'empty', message: 'blank.pdf: is empty (0 bytes); ask the broker to send it again' }]);
    expect((await readdir(t.quarantine)).sort()).toEqual(['blank.pdf', 'blank.pdf.reason.txt']);
    expect(t.errors).toEqual([]);
  });

  it('leaves an entry in the inbox when the caller fails to take the submission, and takes it again (next rescan, or a restart)', async () => {
    let calls = 0;
    const taken: IntakeSubmission[] = [];
    const t = await makeInbox({
      onSubmission: (s) => {
        calls += 1;
        if (calls === 1) throw new Error('queue unavailable');
        taken.push(s);
      },
    });
    await writeFile(path.join(t.dir, 'acord-126.pdf'), await sample('contractor-co/acord-126.pdf'));
    await t.inbox.start();
    await t.until(() => t.errors.length === 1, 'the failed hand-over');
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual(['acord-126.pdf']);
    await t.inbox.start(); // a restart, as after a crash: the file is still there to take
    await t.until(() => taken.length === 1, 'the second try');
    expect(String(t.errors[0])).toContain('queue unavailable');
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual([]);
  });

  it('takes a file written in slow chunks only once it is complete', async () => {
    const t = await makeInbox();
    await t.inbox.start();
    const bytes = await sample('manufacturing-oh/acord-125.pdf');
    const chunks = 15;
    const size = Math.ceil(bytes.length / chunks);
    for (let i = 0; i < chunks; i++) {
      await appendFile(path.join(t.dir, 'slow.pdf'), bytes.subarray(i * size, (i + 1) * size));
      await sleep(100);
    }
    await t.until(() => t.submissions.length + t.refusals.length > 0, 'the slow file');
    expect(t.submissions).toHaveLength(1);
    expect(t.submissions[0]!.documents[0]!.sha256).toBe(sha(bytes));
    expect(t.submissions[0]!.documents[0]!.size).toBe(bytes.length);
    expect(t.refusals).toEqual([]);
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual([]);
  });

  it('takes a folder as one submission once every file in it is still', async () => {
    const t = await makeInbox();
    await t.inbox.start();
    const folder = path.join(t.dir, 'Harbor Lights');
    await mkdir(path.join(folder, 'property'), { recursive: true });
    const files = { 'acord-125.pdf': await sample('restaurant-tx/acord-125.pdf'), 'acord-126.pdf': await sample('restaurant-tx/acord-126.pdf'), 'property/acord-140-1.pdf': await sample('restaurant-tx/acord-140-1.pdf') };
    for (const [rel, bytes] of Object.entries(files)) {
      await writeFile(path.join(folder, rel), bytes);
      await sleep(100);
    }
    await writeFile(path.join(folder, '.DS_Store'), 'finder');
    await t.until(() => t.submissions.length > 0, 'the folder');
    await sleep(800);
    expect(t.submissions).toHaveLength(1);
    const [s] = t.submissions;
    expect(s!.source).toMatchObject({ kind: 'folder', name: 'Harbor Lights' });
    expect(s!.documents.map((d) => d.fileName)).toEqual(['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf']);
    expect(s!.originals.map((o) => o.fileName)).toEqual(Object.keys(files));
    expect(Buffer.from(await t.store.read(s!.documents[2]!.sha256)).equals(files['property/acord-140-1.pdf'])).toBe(true);
    expect(t.safeWhenReported).toEqual([true]);
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual([]);
  });

  it('takes a zip and an e-mail as one submission each; quarantines a zip with ../ names and an e-mail with 500 attachments', async () => {
    const t = await makeInbox();
    await t.inbox.start();
    const [a125, a126] = await Promise.all([sample('contractor-co/acord-125.pdf'), sample('contractor-co/acord-126.pdf')]);
    const zip = writeZip([{ name: 'contractor/acord-125.pdf', data: a125 }, { name: 'contractor/acord-126.pdf', data: a126 }]);
    await writeFile(path.join(t.dir, 'contractor.zip'), zip);
    await writeFile(path.join(t.dir, 'evil.zip'), writeZip([{ name: 'acord-125.pdf', data: a125 }, { name: '../../evil.sh', data: Buffer.from('echo owned') }]));
    const mail = (attachments: { filename: string; content: Buffer | string }[]) =>
      new MailComposer({ from: 'Pat Broker <pat@broker.example>', subject: 'Contractor Co submission', text: 'GL for Contractor Co, please.', attachments }).compile().build();
    await writeFile(path.join(t.dir, 'contractor.eml'), await mail([{ filename: 'acord-125.pdf', content: a125 }, { filename: 'acord-126.pdf', content: a126 }]));
    await writeFile(path.join(t.dir, 'pages.eml'), await mail(Array.from({ length: 500 }, (_, i) => ({ filename: `p${i}.txt`, content: `page ${i}` }))));

    await t.until(() => t.submissions.length + t.refusals.length === 4, 'the two zips and the two e-mails');
    const byName = new Map(t.submissions.map((s) => [s.source.name, s]));
    expect(byName.get('contractor.zip')!.source.kind).toBe('zip');
    expect(byName.get('contractor.zip')!.originals).toEqual([{ sha256: sha(zip), fileName: 'contractor.zip', size: zip.length }]);
    expect(byName.get('contractor.zip')!.documents.map((d) => [d.fileName, d.sha256])).toEqual([['acord-125.pdf', sha(a125)], ['acord-126.pdf', sha(a126)]]);
    const email = byName.get('contractor.eml')!;
    expect(email.source.kind).toBe('eml');
    expect(email.documents.map((d) => d.sha256)).toEqual([sha(a125), sha(a126)]);
    expect(email.note).toEqual({ from: 'Pat Broker <pat@broker.example>', subject: 'Contractor Co submission', body: 'GL for Contractor Co, please.' });

    expect(t.refusals.map((r) => [r.source.name, r.code]).sort()).toEqual([['evil.zip', 'zip-path-escape'], ['pages.eml', 'eml-too-many-attachments']]);
    expect((await readdir(t.quarantine)).sort()).toEqual(['evil.zip', 'evil.zip.reason.txt', 'pages.eml', 'pages.eml.reason.txt']);
    const reason = await readFile(path.join(t.quarantine, 'evil.zip.reason.txt'), 'utf8');
    expect(reason).toContain('Reason: zip-path-escape');
    expect(reason).toContain('evil.zip: entry "../../evil.sh" points outside the archive');
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual([]);
    expect(await exists(path.join(path.dirname(t.dir), 'evil.sh'))).toBe(false);
  });

  it('makes loose files dropped together one submission when they name the same insured, separate ones otherwise', async () => {
    const t = await makeInbox({ insuredOf });
    await t.inbox.start();
    const restaurant125 = await sample('restaurant-tx/acord-125.pdf');
    const restaurant126 = await sample('restaurant-tx/acord-126.pdf');
    const office125 = await sample('office-ny/acord-125.pdf');
    await writeFile(path.join(t.dir, 'harbor-125.pdf'), restaurant125);
    await writeFile(path.join(t.dir, 'harbor-126.pdf'), restaurant126);
    await writeFile(path.join(t.dir, 'hudson-125.pdf'), office125);
    await t.until(() => t.submissions.length === 2, 'two submissions');
    const harbor = t.submissions.find((s) => s.source.kind === 'files')!;
    expect(harbor.source.name).toBe('harbor-125.pdf, harbor-126.pdf');
    expect(harbor.documents.map((d) => d.sha256)).toEqual([sha(restaurant125), sha(restaurant126)]);
    expect(harbor.key).toBe(sha(Buffer.from([sha(restaurant125), sha(restaurant126)].sort().join('\n'))));
    const hudson = t.submissions.find((s) => s.source.kind === 'file')!;
    expect(hudson.source.name).toBe('hudson-125.pdf');
    expect(hudson.documents.map((d) => d.sha256)).toEqual([sha(office125)]);
    expect(t.safeWhenReported).toEqual([true, true]);
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual([]);
  });

  it('reports the same bytes dropped again as a duplicate of the earlier submission', async () => {
    const seen = new Map<string, string>();
    const t = await makeInbox({ isDuplicate: (key) => seen.get(key) ?? null });
    const record = t.submissions;
    await t.inbox.start();
    const bytes = await sample('retail-fl/acord-125.pdf');
    await writeFile(path.join(t.dir, 'sunport.pdf'), bytes);
    await t.until(() => record.length === 1, 'the first drop');
    seen.set(record[0]!.key, record[0]!.id);
    await writeFile(path.join(t.dir, 'sunport again.pdf'), bytes);
    await t.until(() => t.duplicates.length === 1, 'the second drop');
    expect(record).toHaveLength(1);
    expect(t.duplicates[0]).toMatchObject({ source: { kind: 'file', name: 'sunport again.pdf' }, key: sha(bytes), duplicateOf: record[0]!.id });
    await t.inbox.stop();
    expect(await t.inboxNames()).toEqual([]);
  });
});
