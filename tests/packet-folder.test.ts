import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Submission } from '../schemas/submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { packetFolderName } from '../src/assemble/packet-files/packet-folder-name.js';
import { submissionId } from '../src/assemble/packet-files/submission-id.js';
import { PacketWriteError, writePacketFiles } from '../src/assemble/packet-files/write-packet-files.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/restaurant-tx');
let sample: Submission;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'packet-folder-'));

beforeAll(async () => {
  const files = readdirSync(SAMPLE).filter((f) => f.endsWith('.pdf')).sort();
  const { submission } = await extractSubmission(files.map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, f))) })));
  sample = Submission.parse(submission);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The sample with its insured's name (and, if given, its effective date) changed. */
function renamed(name: string | null, effectiveDate?: null): Submission {
  const copy = structuredClone(sample);
  const insured = copy.namedInsureds![0]!;
  if (name === null) delete insured.fullName;
  else insured.fullName = { ...insured.fullName!, value: name, raw: name };
  if (effectiveDate === null) delete copy.policy!.effectiveDate;
  return Submission.parse(copy);
}

describe('the packet folder name', () => {
  it('names the insured and the effective date of the real sample, then 8 hex digits of its id', () => {
    const name = packetFolderName(sample);
    expect(name).toMatch(/^harbor-lights-seafood-grill-llc-2025-07-01-[0-9a-f]{8}$/);
    expect(name.slice(-8)).toBe(submissionId(sample).slice(0, 8));
  });

  it('the short id depends on the set of documents, not their order', () => {
    const reversed = { ...sample, documents: [...sample.documents].reverse() };
    const fewer = { ...sample, documents: sample.documents.slice(1) };
    expect(packetFolderName(reversed)).toBe(packetFolderName(sample));
    expect(packetFolderName(fewer)).not.toBe(packetFolderName(sample));
    expect(packetFolderName(fewer).replace(/[0-9a-f]{8}$/, '')).toBe(packetFolderName(sample).replace(/[0-9a-f]{8}$/, ''));
  });

  it('a given id (the store\'s) is used instead, cut to 8 digits; an id that is not hex is refused', () => {
    expect(packetFolderName(sample, 'ABCDEF0123456789')).toBe('harbor-lights-seafood-grill-llc-2025-07-01-abcdef01');
    expect(() => packetFolderName(sample, '../../etc')).toThrow(/not at least 8 hex digits/);
  });

  it('an accented, long name becomes ASCII words, at most 60 characters, cut between words', () => {
    const name = packetFolderName(renamed('Bäckerei Müller & Søhne — Café Olé Restaurant Holdings of Greater San Antonio, Texas'));
    const insured = name.replace(/-2025-07-01-[0-9a-f]{8}$/, '');
    expect(insured).toBe('backerei-muller-and-sohne-cafe-ole-restaurant-holdings-of');
    expect(insured.length).toBeLessThanOrEqual(60);
  });

  it('one word longer than 60 characters is cut at 60', () => {
    const insured = packetFolderName(renamed('X'.repeat(80))).replace(/-2025-07-01-[0-9a-f]{8}$/, '');
    expect(insured).toBe('x'.repeat(60));
  });

  it('no name, a name with no Latin letter or digit, and no effective date fall back to unknown-insured / no-date', () => {
    expect(packetFolderName(renamed(null))).toMatch(/^unknown-insured-2025-07-01-[0-9a-f]{8}$/);
    expect(packetFolderName(renamed('寿司 · 東京'))).toMatch(/^unknown-insured-2025-07-01-[0-9a-f]{8}$/);
    expect(packetFolderName(renamed('Harbor Lights Seafood Grill LLC', null))).toMatch(/^harbor-lights-seafood-grill-llc-no-date-[0-9a-f]{8}$/);
  });
});

describe('writing the packet files', () => {
  it('writes every file into a new folder, bytes and text alike, and leaves no temporary file', async () => {
    const dir = path.join(tmp, 'out', packetFolderName(sample));
    const json = JSON.stringify({ submission: sample }, null, 2);
    const pdf = new Uint8Array(readFileSync(path.join(SAMPLE, 'acord-125.pdf')));
    await writePacketFiles(dir, [{ name: 'submission.json', bytes: json }, { name: 'acord-125.pdf', bytes: pdf }]);
    expect(readdirSync(dir).sort()).toEqual(['acord-125.pdf', 'submission.json']);
    expect(readFileSync(path.join(dir, 'submission.json'), 'utf8')).toBe(json);
    expect(new Uint8Array(readFileSync(path.join(dir, 'acord-125.pdf')))).toEqual(pdf);
  });

  it('a second write replaces the files whole', async () => {
    const dir = path.join(tmp, 'again');
    await writePacketFiles(dir, [{ name: 'submission.json', bytes: 'x'.repeat(10_000) }]);
    await writePacketFiles(dir, [{ name: 'submission.json', bytes: '{}\n' }]);
    expect(readdirSync(dir)).toEqual(['submission.json']);
    expect(readFileSync(path.join(dir, 'submission.json'), 'utf8')).toBe('{}\n');
  });

  it('a name with a folder part, a hidden name or a name given twice is refused before anything is written', async () => {
    const dir = path.join(tmp, 'refused');
    for (const bad of ['../escape.json', 'sub/file.json', '.hidden', '..']) {
      const err = await writePacketFiles(dir, [{ name: 'ok.json', bytes: '{}' }, { name: bad, bytes: '{}' }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PacketWriteError);
      expect((err as PacketWriteError).code).toBe('packet-file-name');
    }
    const twice = await writePacketFiles(dir, [{ name: 'a.json', bytes: '1' }, { name: 'a.json', bytes: '2' }]).catch((e: unknown) => e);
    expect((twice as PacketWriteError).message).toMatch(/given twice/);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(path.join(tmp, 'escape.json'))).toBe(false);
  });

  it('a folder path that is a file is reported with what to do', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'in the way');
    const err = await writePacketFiles(path.join(file, 'packet'), [{ name: 'submission.json', bytes: '{}' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PacketWriteError);
    expect((err as PacketWriteError).code).toBe('cannot-write-packet');
    expect((err as PacketWriteError).message).toMatch(/a-file\/packet: the packet folder cannot be made: .*choose another path/);
  });
});
