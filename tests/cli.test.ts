import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExtractionOutcome } from '../schemas/extraction-outcome.js';
import { Submission } from '../schemas/submission.js';
import { EXIT, runCli } from '../src/cli/acord-prep-cli.js';
import { sharedPresent } from './support/shared-present.js';

const XML = path.resolve(import.meta.dirname, '../../shared/acord-xml/gl-quote-inq-rq.xml');
/** A shipped sample: the good file beside the bad ones, present in every checkout. */
const GOOD_XML = path.resolve(import.meta.dirname, '../samples/contractor-co/submission.xml');
const GOOD_INSURED = 'Timberline Remodeling LLC';

/** Captures stderr lines and swallows stdout for one run. */
function captureOutput(): { errors: string[]; stdout: string[] } {
  const errors: string[] = [];
  const stdout: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0);
  return { errors, stdout };
}

describe('acord-prep extract', () => {
  afterEach(() => vi.restoreAllMocks());

  it.skipIf(!sharedPresent(XML, 'the real ACORD XML request'))('writes the typed submission of a real ACORD XML request with --out and exits 0', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'acord-cli-')), 'submission.json');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runCli(['extract', XML, '--out', out])).toBe(EXIT.ok);
    const submission = Submission.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(submission.namedInsureds?.[0]?.fullName?.value).toBe("Scotty's Transmissions");
    expect(submission.documents[0]).toMatchObject({ fileName: XML, kind: 'acord-xml' });
  });

  it('reads a sample folder without taking its answer keys (*.expected.json) for documents', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    captureOutput();
    const folder = path.dirname(GOOD_XML);
    expect(await runCli(['extract', folder, '--out', path.join(dir, 'submission.json'), '--outcome', path.join(dir, 'outcome.json')])).toBe(EXIT.ok);
    const outcome = ExtractionOutcome.parse(JSON.parse(await readFile(path.join(dir, 'outcome.json'), 'utf8')));
    expect(outcome.files.map((f) => path.basename(f.fileName)).sort()).toEqual(['acord-125.pdf', 'acord-126.pdf', 'submission.xml']);
  });

  it('names a schedule of values and a loss run on stderr by what was read from them, not as "no form · 0 values read"', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    const { errors } = captureOutput();
    const folder = path.resolve(import.meta.dirname, '../samples/manufacturing-oh');
    const files = ['schedule-of-values.xlsx', 'loss-run-general-liability.pdf'].map((f) => path.join(folder, f));
    expect(await runCli(['extract', ...files, '--out', path.join(dir, 'submission.json')])).toBe(EXIT.ok);
    const lines = errors.join('\n').split('\n');
    expect(lines).toContain(`  ${files[0]}: schedule of values · sheet "SOV": 4 buildings, TIV $16,355,000`);
    expect(lines).toContain(`  ${files[1]}: loss run of Harborline Mutual Insurance Company · 3 policy periods, 3 claims · valued as of 2025-11-01`);
    expect(lines.join('\n')).not.toContain('no form');
  });

  it('says what is wrong with usage, missing and unreadable files, with distinct exit codes', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await runCli([])).toBe(EXIT.usage);
    expect(await runCli(['extract', '--bogus', 'x'])).toBe(EXIT.usage);

    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    const bad = path.join(dir, 'scan.tif');
    await writeFile(bad, 'II*\0 not really');
    expect(await runCli(['extract', bad, path.join(dir, 'nope.pdf')])).toBe(EXIT.nothingRead);
    expect(errors.join('\n')).toContain('nope.pdf: no such file or folder');
    expect(errors.join('\n')).toMatch(/scan\.tif/);
  });

  it('--out into a folder that does not exist: exit 5 and what to do, before any file is read', async () => {
    const { errors } = captureOutput();
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'acord-cli-')), 'no-such-folder');
    const out = path.join(dir, 'submission.json');
    expect(await runCli(['extract', GOOD_XML, '--out', out])).toBe(EXIT.cannotWrite);
    expect(errors).toEqual([
      `error [cannot-write-output]: --out ${out}: the folder ${dir} does not exist; create it (mkdir -p ${dir}) or choose another path`,
      'No file was read: fix the output path and run again.',
    ]);
    expect(existsSync(dir)).toBe(false);
  });

  it('--outcome given a folder: exit 5, naming a file to give instead', async () => {
    const { errors } = captureOutput();
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    expect(await runCli(['extract', GOOD_XML, '--outcome', dir])).toBe(EXIT.cannotWrite);
    expect(errors[0]).toBe(`error [cannot-write-output]: --outcome ${dir}: is a folder; give a file name in it, e.g. ${path.join(dir, 'outcome.json')}`);
  });

  it.skipIf(!existsSync('/dev/full'))('a write that fails (disk full) is exit 5 with what to do, after every file is read and reported', async () => {
    const { errors } = captureOutput();
    expect(await runCli(['extract', GOOD_XML, '--out', '/dev/full'])).toBe(EXIT.cannotWrite);
    expect(errors.at(-1)).toBe('error [cannot-write-output]: --out /dev/full: cannot be written: the disk is full; free some space or choose another path');
    expect(errors.join('\n')).toContain(`${GOOD_XML}: ACORD 125 (2016/03) + ACORD 126 (2016/09)`);
  });

  it('a named pipe (reading it would block) is reported without being read; the good file beside it is still read', async () => {
    const { errors } = captureOutput();
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    const fifo = path.join(dir, 'inbox.pdf');
    execFileSync('mkfifo', [fifo]);
    const out = path.join(dir, 'submission.json');
    const outcomeFile = path.join(dir, 'outcome.json');
    expect(await runCli(['extract', fifo, GOOD_XML, '--out', out, '--outcome', outcomeFile])).toBe(EXIT.partial);
    expect(errors).toContain(`error [file-unreadable]: ${fifo}: is a named pipe, not a file; save the document to a file and give that`);
    const submission = Submission.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(submission.namedInsureds?.[0]?.fullName?.value).toBe(GOOD_INSURED);
    expect(submission.documents.map((d) => d.fileName)).toEqual([GOOD_XML]);
    const outcome = ExtractionOutcome.parse(JSON.parse(await readFile(outcomeFile, 'utf8')));
    expect(outcome.status).toBe('incomplete');
    expect(outcome.files.map((f) => [f.fileName, f.status, f.error?.code])).toEqual([
      [fifo, 'failed', 'file-unreadable'],
      [GOOD_XML, 'read', undefined],
    ]);
  });

  it('a file over an injected size limit is refused by its size, before it is read; the good file is still read', async () => {
    const { errors, stdout } = captureOutput();
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    const big = path.join(dir, 'big.pdf');
    // Not a PDF at all: were it read, it would be refused as unsupported-file, not by its size.
    await writeFile(big, Buffer.alloc(40_000));
    expect(await runCli(['extract', big, GOOD_XML], { maxFileBytes: 30_000 })).toBe(EXIT.partial);
    expect(errors).toContain(`error [file-too-large]: ${big}: is 0.04 MB, over the 0.03 MB limit for one file; not read. Split it, or send the ACORD forms on their own`);
    expect(errors.join('\n')).not.toContain('unsupported-file');
    const submission = Submission.parse(JSON.parse(stdout.join('')));
    expect(submission.namedInsureds?.[0]?.fullName?.value).toBe(GOOD_INSURED);
  });

  it('a 3 GiB file (sparse) is refused by its size under the default limit, without a crash', async () => {
    const { errors } = captureOutput();
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-cli-'));
    const huge = path.join(dir, 'archive.tif');
    await writeFile(huge, '');
    await truncate(huge, 3 * 2 ** 30);
    expect(await runCli(['extract', huge])).toBe(EXIT.nothingRead);
    expect(errors[0]).toBe(`error [file-too-large]: ${huge}: is 3072 MB, over the 100 MB limit for one file; not read. Split it, or send the ACORD forms on their own`);
  });
});
