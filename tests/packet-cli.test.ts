import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PacketJson } from '../schemas/packet-json.js';
import { PACKET_EXIT } from '../src/cli/packet-command.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { runCliCaptured } from './support/run-cli-captured.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');

describe('acord-prep packet', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes packet.pdf, submission.json, submission.xml and broker-request.eml into <insured>-<date>-<id>/', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'acord-packet-'));
    const dir = path.join(SAMPLES, 'restaurant-tx');
    const files = ['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf', 'acord-140-2.pdf', 'submission.xml'].map((f) => path.join(dir, f));
    const { code, stdout } = await runCliCaptured(['packet', ...files, '--out', out, '--today', '2025-06-15', '--from', 'Dana Reyes <dreyes@underwriter.example>']);
    expect(code).toBe(PACKET_EXIT.notReady);
    const [folder] = await readdir(out);
    expect(folder).toMatch(/^harbor-lights-seafood-grill-llc-2025-07-01-[0-9a-f]{8}$/);
    expect(stdout.split('\n')[0]).toBe(`Packet written to ${path.join(out, folder!)}/`);
    expect(stdout).toContain('Cannot quote yet: 1 item.');
    const packet = path.join(out, folder!);
    expect((await readdir(packet)).sort()).toEqual(['broker-request.eml', 'packet.pdf', 'submission.json', 'submission.xml']);

    const json = PacketJson.parse(JSON.parse(await readFile(path.join(packet, 'submission.json'), 'utf8')));
    expect(json.report.readyToQuote).toBe(false);
    expect(json.xmlExport?.request).toBe('CommlPkgPolicyQuoteInqRq');
    expect(json.outcome?.files).toHaveLength(5);

    // The XML export is read back by acord-prep's own reader, to the same insured.
    const xml = await extractDocument(new Uint8Array(await readFile(path.join(packet, 'submission.xml'))), 'submission.xml');
    expect(xml.parts[0]?.namedInsureds?.[0]?.fullName?.value).toBe('Harbor Lights Seafood Grill LLC');

    const mail = await PostalMime.parse(await readFile(path.join(packet, 'broker-request.eml')));
    expect(mail.from?.address).toBe('dreyes@underwriter.example');
    expect(mail.to?.[0]?.address).toBe('halvarez@copperlinerisk.com');
    expect(mail.text).toContain('1. Missing: Percent sprinklered of every building (0 when none) (building 1)\n   ACORD 140, page 1, box “% SPRNK” (acord-140-1.pdf)');

    const pdf = await openPdf(new Uint8Array(await readFile(path.join(packet, 'packet.pdf'))), 'packet.pdf');
    // The originals' 4 + 4 + 3 + 3 pages follow the packet's own pages and the XML's.
    expect(pdf.numPages).toBeGreaterThan(14);
    const outline = (await pdf.getOutline()).map((o) => o.title);
    expect(outline).toEqual(expect.arrayContaining(['Checklist', 'Flags', 'Data summary']));
    await pdf.destroy();
  }, 180_000);

  it('nothing readable: the packet is still written with the original attached, every item asked of the broker; exit 4', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'acord-packet-'));
    const junk = path.join(out, 'scan.pdf');
    await writeFile(junk, '%PDF-1.7\nnot really a PDF');
    const { code } = await runCliCaptured(['packet', junk, '--out', out, '--today', '2025-06-15']);
    expect(code).toBe(PACKET_EXIT.nothingRead);
    const folder = (await readdir(out)).find((f) => f.startsWith('unknown-insured-no-date-'))!;
    const files = await readdir(path.join(out, folder));
    expect(files.sort()).toEqual(['broker-request.eml', 'packet.pdf', 'submission.json', 'submission.xml']);
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(out, folder, 'submission.json'), 'utf8')));
    expect(json.outcome?.files[0]).toMatchObject({ status: 'failed', error: { code: 'pdf-corrupt' } });
    expect(json.report.readyToQuote).toBe(false);
    const pdf = await openPdf(new Uint8Array(await readFile(path.join(out, folder, 'packet.pdf'))), 'packet.pdf');
    const cover = (await (await pdf.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(cover).toMatch(/could not be read/);
    await pdf.destroy();
  }, 120_000);

  it('--out naming a file: exit 5 before any file is read; no --out: usage', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'acord-packet-'));
    const file = path.join(out, 'taken');
    await writeFile(file, '');
    const xml = path.join(SAMPLES, 'contractor-co/submission.xml');
    const taken = await runCliCaptured(['packet', xml, '--out', file]);
    expect(taken.code).toBe(PACKET_EXIT.cannotWrite);
    expect(taken.stderr).toContain(`--out ${file}: is a file; give a folder`);
    expect(taken.stderr).not.toContain('values read');
    const none = await runCliCaptured(['packet', xml]);
    expect(none.code).toBe(PACKET_EXIT.usage);
    expect(none.stderr.split('\n')[0]).toBe('--out <folder> is needed: the packet is a folder of files.');
    const badFrom = await runCliCaptured(['packet', xml, '--out', out, '--from', 'not an address']);
    expect(badFrom.code).toBe(PACKET_EXIT.usage);
  });
});
