import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { IntakeLimitsSchema } from '../schemas/intake.js';
import { groupByInsured } from '../src/intake/group-by-insured.js';
import { IntakeRefusedError } from '../src/intake/intake-refused-error.js';
import { isJunkFileName, isJunkPath } from '../src/intake/junk-names.js';
import { unpackEml } from '../src/intake/unpack-eml.js';
import { unpackZip } from '../src/intake/unpack-zip.js';
import { writeZip } from './support/write-zip.js';

const sample = (rel: string) => readFile(path.join('samples', rel));

/** The refusal an unpacker threw (its code and message), or a failure when it did not refuse. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IntakeRefusedError);
  return { code: (err as IntakeRefusedError).refusal, message: (err as Error).message };
}

const eml = (options: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(options).compile().build();

describe('junk names', () => {
  it('are system, hidden, temporary and partial-download files, and files in junk folders', () => {
    for (const junk of ['.DS_Store', '._acord-125.pdf', 'Thumbs.db', 'desktop.ini', '~$loss-runs.docx', 'acord-125.pdf.crdownload', 'acord.pdf.part', 'scan.tmp', 'notes.txt~', '.hidden.pdf'])
      expect(isJunkFileName(junk), junk).toBe(true);
    for (const document of ['acord-125.pdf', 'Loss Runs 2024.PDF', 'submission.xml', 'scan_0001.tif', 'partner.pdf']) expect(isJunkFileName(document), document).toBe(false);
    expect(isJunkPath('__MACOSX/forms/acord-125.pdf')).toBe(true);
    expect(isJunkPath('forms/.git/config')).toBe(true);
    expect(isJunkPath('forms/2024/acord-125.pdf')).toBe(false);
  });
});

describe('unpackZip', () => {
  it('gives the documents of a zip, folders flattened to file names, junk and copies skipped', async () => {
    const [a125, a126, office] = await Promise.all([sample('restaurant-tx/acord-125.pdf'), sample('restaurant-tx/acord-126.pdf'), sample('office-ny/acord-125.pdf')]);
    const zip = writeZip([
      { name: 'Harbor Lights/', data: new Uint8Array(0), store: true },
      { name: 'Harbor Lights/acord-125.pdf', data: a125 },
      { name: 'Harbor Lights/sections/acord-126.pdf', data: a126 },
      { name: 'Harbor Lights/copy of acord-126.pdf', data: a126 },
      { name: 'old/acord-125.pdf', data: office, store: true },
      { name: '__MACOSX/Harbor Lights/._acord-125.pdf', data: Buffer.from('apple double') },
      { name: 'Harbor Lights/.DS_Store', data: Buffer.from('finder') },
    ]);
    const unpacked = await unpackZip(zip, 'harbor.zip');
    expect(unpacked.documents.map((d) => d.fileName)).toEqual(['acord-125.pdf', 'acord-126.pdf', 'acord-125 (2).pdf']);
    expect(Buffer.from(unpacked.documents[1]!.bytes).equals(a126)).toBe(true);
    expect(Buffer.from(unpacked.documents[2]!.bytes).equals(office)).toBe(true);
    expect(unpacked.skipped.map((s) => s.name)).toEqual(['copy of acord-126.pdf', '__MACOSX/Harbor Lights/._acord-125.pdf', 'Harbor Lights/.DS_Store']);
    expect(unpacked.skipped[0]!.reason).toBe('the same bytes as acord-126.pdf');
  });

  it('refuses a ../ name and an absolute name before unpacking anything', async () => {
    const evil = await refusal(unpackZip(writeZip([{ name: 'acord-125.pdf', data: await sample('retail-fl/acord-125.pdf') }, { name: '../evil.sh', data: Buffer.from('rm -rf ~') }]), 'evil.zip'));
    expect(evil.code).toBe('zip-path-escape');
    expect(evil.message).toMatch(/^evil\.zip: entry "\.\.\/evil\.sh" points outside the archive/);
    expect((await refusal(unpackZip(writeZip([{ name: '/etc/cron.d/x', data: Buffer.from('x') }]), 'abs.zip'))).code).toBe('zip-path-escape');
  });

  it('refuses a zip bomb by its ratio without inflating it', async () => {
    const zeros = new Uint8Array(100 * 1024 * 1024);
    const bomb = writeZip([{ name: 'acord-125.pdf', data: zeros }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const refused = await refusal(unpackZip(bomb, 'bomb.zip'));
    expect(refused.code).toBe('zip-bomb');
    expect(refused.message).toMatch(/would inflate .* into 100 MB \(\d+:1, over the 100:1 allowed\); it was not unpacked/);
  });

  it('refuses a zip whose entries together inflate past the total allowed', async () => {
    const limits = IntakeLimitsSchema.parse({ zipTotalBytes: 5 * 1024 * 1024 });
    const zip = writeZip([1, 2, 3].map((n) => ({ name: `scan-${n}.tif`, data: randomBytes(2 * 1024 * 1024) })));
    const refused = await refusal(unpackZip(zip, 'scans.zip', limits));
    expect(refused.code).toBe('zip-bomb');
    expect(refused.message).toMatch(/more than the 5 MB allowed for one zip \(stopped at "scan-3\.tif"\)/);
    // Under the limit the same zip unpacks.
    expect((await unpackZip(zip, 'scans.zip')).documents).toHaveLength(3);
  });

  it('refuses too many entries, a zip in the zip, and bytes that are not a zip', async () => {
    const many = writeZip(Array.from({ length: 201 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from(String(i)) })));
    expect((await refusal(unpackZip(many, 'many.zip'))).code).toBe('too-many-entries');
    const nested = writeZip([{ name: 'inner.zip', data: writeZip([{ name: 'a.pdf', data: Buffer.from('%PDF-') }]) }]);
    expect((await refusal(unpackZip(nested, 'outer.zip'))).code).toBe('zip-nested');
    expect((await refusal(unpackZip(await sample('office-ny/acord-125.pdf'), 'renamed.zip'))).code).toBe('unreadable');
    expect((await refusal(unpackZip(writeZip([{ name: '__MACOSX/._a', data: Buffer.from('x') }]), 'junk.zip'))).code).toBe('no-documents');
  });
});

describe('unpackEml', () => {
  it('takes the attachments as documents and the sender, subject and body as the note; skips an inline logo', async () => {
    const [a125, a126] = await Promise.all([sample('retail-fl/acord-125.pdf'), sample('retail-fl/acord-126.pdf')]);
    const raw = await eml({
      from: { name: 'Pat Broker', address: 'pat@broker.example' },
      to: 'submissions@carrier.example',
      subject: 'New submission: Sunport Cycle & Sport',
      text: 'Please quote GL for Sunport Cycle & Sport.\nLoss runs to follow.',
      html: '<p>Please quote GL for Sunport Cycle &amp; Sport.</p><img src="cid:logo@broker">',
      attachments: [
        { filename: 'ACORD 125.pdf', content: a125, contentType: 'application/pdf' },
        { filename: 'ACORD 126.pdf', content: a126, contentType: 'application/pdf' },
        { filename: 'logo.png', content: randomBytes(2000), contentType: 'image/png', cid: 'logo@broker' },
      ],
    });
    const unpacked = await unpackEml(raw, 'sunport.eml');
    expect(unpacked.documents.map((d) => d.fileName)).toEqual(['ACORD 125.pdf', 'ACORD 126.pdf']);
    expect(Buffer.from(unpacked.documents[0]!.bytes).equals(a125)).toBe(true);
    expect(unpacked.note).toEqual({ from: 'Pat Broker <pat@broker.example>', subject: 'New submission: Sunport Cycle & Sport', body: 'Please quote GL for Sunport Cycle & Sport.\nLoss runs to follow.' });
    expect(unpacked.skipped).toEqual([{ name: 'logo.png', reason: 'an image shown in the message body (a logo or signature), not a document' }]);
  });

  it('unpacks a zip attached to the e-mail', async () => {
    const zip = writeZip([{ name: 'forms/acord-125.pdf', data: await sample('office-ny/acord-125.pdf') }, { name: 'forms/.DS_Store', data: Buffer.from('x') }]);
    const raw = await eml({ from: 'pat@broker.example', subject: 'Office NY', text: 'see zip', attachments: [{ filename: 'forms.zip', content: zip, contentType: 'application/zip' }] });
    const unpacked = await unpackEml(raw, 'office.eml');
    expect(unpacked.documents.map((d) => d.fileName)).toEqual(['acord-125.pdf']);
    expect(unpacked.skipped).toEqual([{ name: 'forms.zip/forms/.DS_Store', reason: 'not a document (system or temporary file)' }]);
  });

  it('opens an e-mail forwarded as an attachment, one level deep', async () => {
    const a125 = await sample('office-ny/acord-125.pdf');
    const innermost = await eml({ from: 'c@x.example', subject: 'older', text: 'x', attachments: [{ filename: 'old.pdf', content: Buffer.from('%PDF-1.4 old') }] });
    const inner = await eml({
      from: 'insured@hudson.example',
      subject: 'our forms',
      text: 'attached',
      attachments: [
        { filename: 'acord-125.pdf', content: a125 },
        { filename: 'older.eml', content: innermost, contentType: 'message/rfc822' },
      ],
    });
    const outer = await eml({ from: 'Pat Broker <pat@broker.example>', subject: 'Fwd: our forms', text: 'see the insured\'s mail', attachments: [{ filename: 'our forms.eml', content: inner, contentType: 'message/rfc822' }] });
    const unpacked = await unpackEml(outer, 'fwd.eml');
    expect(unpacked.documents.map((d) => d.fileName)).toEqual(['acord-125.pdf']);
    expect(Buffer.from(unpacked.documents[0]!.bytes).equals(a125)).toBe(true);
    expect(unpacked.note).toEqual({ from: 'Pat Broker <pat@broker.example>', subject: 'Fwd: our forms', body: "see the insured's mail" });
    expect(unpacked.skipped).toEqual([{ name: 'older.eml', reason: 'an e-mail attached inside an attached e-mail: not opened; ask the broker to forward its attachments' }]);
  });

  it('refuses an e-mail with 500 attachments, and one with none', async () => {
    const attachments = Array.from({ length: 500 }, (_, i) => ({ filename: `page-${i + 1}.txt`, content: `page ${i + 1}` }));
    const refused = await refusal(unpackEml(await eml({ from: 'spam@example.com', subject: 'pages', text: 'x', attachments }), 'pages.eml'));
    expect(refused.code).toBe('eml-too-many-attachments');
    expect(refused.message).toMatch(/^pages\.eml: has 500 attachments, more than the 100 allowed/);
    expect((await refusal(unpackEml(await eml({ from: 'pat@broker.example', subject: 'hi', text: 'forms tomorrow' }), 'hi.eml'))).code).toBe('no-documents');
  });
});

describe('groupByInsured', () => {
  it('puts files of one insured together, whatever the legal-form words, and keeps other insureds apart', () => {
    const groups = groupByInsured([
      { item: 'a125', insured: 'Harbor Lights Seafood Grill LLC' },
      { item: 'o125', insured: 'Hudson Valley Actuarial Consultants PC' },
      { item: 'a126', insured: 'HARBOR LIGHTS SEAFOOD GRILL, L.L.C.' },
      { item: 'loss-runs', insured: null },
    ]);
    expect(groups).toEqual([['a125', 'a126'], ['o125'], ['loss-runs']]);
    expect(groupByInsured([{ item: 'a125', insured: 'Acme Inc.' }, { item: 'loss-runs', insured: null }])).toEqual([['a125', 'loss-runs']]);
  });
});
