import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Submission } from '../schemas/submission.js';
import { EXIT, runCli } from '../src/cli/acord-prep-cli.js';

const XML = path.resolve(import.meta.dirname, '../../shared/acord-xml/gl-quote-inq-rq.xml');

describe('acord-prep extract', () => {
  afterEach(() => vi.restoreAllMocks());

  it.skipIf(!existsSync(XML))('writes the typed submission of a real ACORD XML request with --out and exits 0', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'acord-cli-')), 'submission.json');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await runCli(['extract', XML, '--out', out])).toBe(EXIT.ok);
    const submission = Submission.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(submission.namedInsureds?.[0]?.fullName?.value).toBe("Scotty's Transmissions");
    expect(submission.documents[0]).toMatchObject({ fileName: XML, kind: 'acord-xml' });
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
});
