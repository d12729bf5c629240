import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CheckReport } from '../schemas/check-report.js';
import { checkSubmission } from '../src/validate/check/check-submission.js';
import { EXIT } from '../src/cli/acord-prep-cli.js';
import { CHECK_EXIT } from '../src/cli/check-command.js';
import { formatCheckReport } from '../src/cli/format-check-report.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { runCliCaptured } from './support/run-cli-captured.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');
const restaurant = ['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf', 'acord-140-2.pdf'].map((f) => path.join(SAMPLES, 'restaurant-tx', f));

describe('acord-prep check', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a sample that blocks quoting: exit 5, the verdict first, flags grouped by form with where to look', async () => {
    const { code, stdout, stderr } = await runCliCaptured(['check', ...restaurant, '--today', '2025-06-15']);
    expect(code).toBe(CHECK_EXIT.blocksQuote);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Cannot quote yet: 1 item.');
    expect(lines[1]).toBe('Lines checked: package (ACORD 125 + 126 + 140). Checklist: 38 of 42 items met.');
    expect(stdout).toContain(`ACORD 140 · ${restaurant[2]}`);
    expect(stdout).toMatch(/ {2}to quote {2}Missing: Percent sprinklered of every building \(0 when none\) \(building 1\)\. +page 1, box "% SPRNK"/);
    expect(stdout).toMatch(/ {2}to bind {3}Missing: Heating update year/);
    // The extraction summary still goes to stderr, as for `extract`.
    expect(stderr).toContain('Every value found was placed.');
  }, 120_000);

  it('--appetite: the verdict is printed and each rule that fired is flagged; a bad rule file is a usage error before any reading', async () => {
    const rules = path.join(SAMPLES, 'example-carrier-appetite.json');
    const files = ['acord-125.pdf', 'acord-126.pdf', 'submission.xml'].map((f) => path.join(SAMPLES, 'manufacturing-oh', f));
    const { code, stdout } = await runCliCaptured(['check', ...files, '--today', '2025-06-15', '--appetite', rules]);
    expect(code).toBe(CHECK_EXIT.blocksQuote);
    expect(stdout).toMatch(/^Appetite of .+ \(rules [^)]+\): out of appetite — \d+ rules fired, flagged below\.$/m);
    expect(stdout).toMatch(/to quote +.+\(out\): OH is not among the states written/);
    const json = CheckReport.parse(JSON.parse((await runCliCaptured(['check', ...files, '--json', '--today', '2025-06-15', '--appetite', rules])).stdout));
    expect(json.appetite?.decision).toBe('out');
    expect(json.flags.filter((f) => f.code === 'appetite').length).toBe(json.appetite!.hits.length);

    const missing = path.join(SAMPLES, 'no-such-carrier.json');
    const bad = await runCliCaptured(['check', ...files, '--appetite', missing]);
    expect(bad.code).toBe(CHECK_EXIT.usage);
    expect(bad.stderr.split('\n')[0]).toBe(`error [appetite-rules-not-found]: ${missing}: no such rule file; check the path`);
    expect(bad.stderr).not.toContain('ACORD 125 (2016/03)'); // no file was read
  }, 120_000);

  it('a sample with nothing blocking: exit 0 and "Ready to quote."; --json prints the check report', async () => {
    const files = ['acord-125.pdf', 'acord-126.pdf'].map((f) => path.join(SAMPLES, 'contractor-co', f));
    const text = await runCliCaptured(['check', ...files, '--today', '2025-06-15']);
    expect(text.code).toBe(CHECK_EXIT.readyToQuote);
    expect(text.stdout.split('\n')[0]).toBe('Ready to quote.');
    const json = await runCliCaptured(['check', ...files, '--json', '--today', '2025-06-15']);
    expect(json.code).toBe(0);
    const report = CheckReport.parse(JSON.parse(json.stdout));
    expect(report).toMatchObject({ lines: ['general-liability'], readyToQuote: true, appetite: null, formsNotRead: [] });
    // Only the loss runs, needed to bind, are not sent with the sample.
    expect(report.checklist.filter((c) => c.status !== 'met').map((c) => [c.id, c.status, c.when])).toEqual([['loss-runs', 'missing', 'bind']]);
  }, 120_000);

  it('usage errors: a malformed --today, no files; extract keeps 5 for an output it cannot write', async () => {
    const bad = await runCliCaptured(['check', restaurant[0]!, '--today', '2025-02-30']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('--today 2025-02-30: not a day; write it as YYYY-MM-DD');
    expect((await runCliCaptured(['check'])).code).toBe(EXIT.usage);
    expect((await runCliCaptured(['check', path.join(SAMPLES, 'no-such.pdf')])).code).toBe(CHECK_EXIT.nothingRead);
    expect(EXIT.cannotWrite).toBe(5);
  });

  it('says alike flags once, with how many boxes: a 125 read without its general-information answers', async () => {
    const fileName = path.join(SAMPLES, 'contractor-co', 'submission.xml');
    const { submission } = await extractSubmission([{ fileName, bytes: new Uint8Array(await readFile(fileName)) }]);
    delete submission.generalInformation;
    const text = formatCheckReport(checkSubmission(submission, null, { today: new Date('2025-06-15T00:00:00Z') }));
    const questions = text.split('\n').filter((l) => l.includes('Every general-information question answered'));
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatch(/^ {2}to quote {2}Missing: Every general-information question answered \(Y or N\)\. \(1[0-9] boxes\)$/);
    expect(text.split('\n')[0]).toMatch(/^Cannot quote yet: 1[0-9] items\.$/);
  });
});
