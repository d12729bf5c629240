import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileOutcome } from '../schemas/extraction-outcome.js';
import { EXIT, runCli } from '../src/cli/acord-prep-cli.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { hasRealCorpus, readRealCorpus, realCorpusPath } from './support/real-corpus.js';

/**
 * Every file of ../shared/real-corpus read on its own, with its outcome pinned: which forms, how many
 * values placed and unplaced, or why it was refused. A value on the page either reaches the
 * submission or is listed as unplaced — never lost — and the status says which.
 */
type Expected = {
  status: FileOutcome['status'];
  forms?: string[];
  /** Values placed in the model: exactly, or at least `[n]`. */
  read?: number | [number];
  unplaced?: number | [number];
  error?: string;
  warning?: RegExp;
};

const EXPECTED: Record<string, Expected> = {
  'pdf/extraction-pipeline-acord126-2009-08-xfa-blank.pdf': { status: 'read', forms: ['126 (2009/08) by 2016/09'], read: 0, unplaced: 0 },
  'pdf/ifd-acord140-2016-03-blank.pdf': { status: 'read', forms: ['140 (2016/03) by 2016/03'], read: 0, unplaced: 0 },
  // Field names no template knows ("Check Box351", "Yr Built", "1a General Info Explain"): placed by their printed cell labels.
  'pdf/ifd-packet-125-2005-126-2004-140-2005.pdf': { status: 'read', forms: ['125 (2005/06) by 2016/03', '126 (2004/03) by 2016/09', '140 (2005/01) by 2014/12'], read: 2, unplaced: 0, warning: /read with the .* template: layout not verified/ },
  // Their header's expiration date and billing boxes, which no 140 template has, are placed by the 125's fields.
  'pdf/jaynro-acord140-2007-09-filled-1.pdf': { status: 'read', forms: ['140 (2007/09) by 2014/12'], read: [33], unplaced: 0, warning: /layout not verified/ },
  'pdf/ritu-acord140-2007-09-filled.pdf': { status: 'incomplete', forms: ['140 (2007/09) by 2014/12'], read: [148], unplaced: 4 },
  'pdf/pdfeditor-acord125-2013-01-custom-fields.pdf': { status: 'read', forms: ['125 (2013/01) by 2016/03'], read: 20, unplaced: 0 },
  'pdf/jaynro-acord140-2014-12-xfa-filled-2.pdf': { status: 'read', forms: ['140 (2014/12) by 2014/12'], read: 64, unplaced: 0 },
  'pdf/ms-acord125-2016-03r1-filled-054c953d.pdf': { status: 'read', forms: ['125 (2016/03) by 2016/03'], read: 357, unplaced: 0 },
  'pdf/ms-acord125-2016-03r1-filled-086f9a3c.pdf': { status: 'read', forms: ['125 (2016/03) by 2016/03'], read: 360, unplaced: 0 },
  'pdf/pdfeditor-acord126-2016-09-blank-resaved.pdf': { status: 'read', forms: ['126 (2016/09) by 2016/09'], read: 0, unplaced: 0 },
  'pdf/primble-acord125-2025-03-blank.pdf': { status: 'read', forms: ['125 (2025/03) by 2025/03'], read: 0, unplaced: 0 },
  'pdf/primble-acord126-2025-03-blank.pdf': { status: 'read', forms: ['126 (2025/03) by 2025/03'], read: 0, unplaced: 0 },
  'pdf/primble-dec-page-not-acord.pdf': { status: 'failed', error: 'unknown-form' },
  'xml/appulate-case1-workcomp-quoteinqrq.xml': { status: 'incomplete', forms: ['125 (2016/03)'], read: [95], unplaced: [1], warning: /workers' compensation line \(WorkCompLineBusiness\) not read/ },
  'xml/coforge-complete_submission_001-nonstandard.xml': { status: 'failed', error: 'xml-unsupported-request' },
  'xml/dais-expectedXml-workcomp-quoteinqrq.xml': { status: 'incomplete', forms: ['125 (2016/03)'], read: [25], unplaced: [1], warning: /WorkCompLineBusiness/ },
  'xml/openinsure-acord125-full-from-test-string.xml': { status: 'incomplete', forms: ['125 (2016/03)'], read: [14], unplaced: [1] },
  'xml/talage-liberty-bop-policyrq-from-comment.xml': { status: 'incomplete', forms: ['125 (2016/03)', '126 (2016/09)', '140 (2016/03)'], read: [45], unplaced: [1] },
};

const atLeast = (actual: number, expected: number | [number] | undefined) =>
  expected === undefined || (Array.isArray(expected) ? actual >= expected[0] : actual === expected);

const formLabel = (f: FileOutcome['forms'][number]) => `${f.form} (${f.edition})${f.templateEdition ? ` by ${f.templateEdition}` : ''}`;

describe.skipIf(!hasRealCorpus)('every real-corpus file, read on its own', () => {
  it('has an expected outcome here (a new file needs one)', () => {
    const files = ['pdf', 'xml'].flatMap((dir) => readdirSync(realCorpusPath(dir)).map((f) => `${dir}/${f}`));
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.status}${expected.error ? ` [${expected.error}]` : ''}`, async () => {
      const { submission, outcome } = await extractSubmission([{ fileName: path.basename(file), bytes: readRealCorpus(file) }]);
      const [result] = outcome.files;
      expect(result!.status).toBe(expected.status);
      expect(result!.error?.code).toBe(expected.error);
      if (expected.forms) expect(result!.forms.map(formLabel)).toEqual(expected.forms);
      expect(atLeast(result!.valuesRead, expected.read), `values read ${result!.valuesRead}, expected ${JSON.stringify(expected.read)}`).toBe(true);
      expect(atLeast(result!.valuesUnplaced, expected.unplaced), `values unplaced ${result!.valuesUnplaced}, expected ${JSON.stringify(expected.unplaced)}`).toBe(true);
      if (expected.warning) expect(result!.warnings.join('\n')).toMatch(expected.warning);
      // What the outcome counts is what the submission holds: every unplaced value with its source.
      expect(submission.unplaced).toHaveLength(result!.valuesUnplaced);
      for (const u of submission.unplaced) {
        expect(u.document).toBe(result!.document);
        expect(u.raw.trim()).not.toBe('');
        expect(u.field).not.toBe('');
        if (file.startsWith('pdf/')) expect(u.page !== null && u.rect !== null).toBe(true);
      }
      expect(outcome.status).toBe(expected.status === 'read' ? 'complete' : expected.status === 'failed' ? 'failed' : 'incomplete');
    });
  }
});

describe.skipIf(!hasRealCorpus)('the CLI on real files: the exit code says whether every value found was placed', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exits 0 when every value was placed, 3 with the reasons when some were not, 4 when nothing could be read', async () => {
    const stderr: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void stderr.push(m));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await runCli(['extract', realCorpusPath('pdf/ms-acord125-2016-03r1-filled-054c953d.pdf')])).toBe(EXIT.ok);
    expect(stderr.join('\n')).toMatch(/ACORD 125 \(2016\/03\) · 357 values read · 0 unplaced · every page read/);

    stderr.length = 0;
    expect(await runCli(['extract', realCorpusPath('xml/dais-expectedXml-workcomp-quoteinqrq.xml')])).toBe(EXIT.partial);
    expect(stderr.join('\n')).toMatch(/\d+ filled values found but not placed in the model, listed under "unplaced"/);
    expect(stderr.join('\n')).toMatch(/WorkCompPolicyQuoteInqRq\/CommlPolicy\/com\.afg_TotalEmployees: no place in the model/);

    stderr.length = 0;
    expect(await runCli(['extract', realCorpusPath('pdf/primble-dec-page-not-acord.pdf')])).toBe(EXIT.nothingRead);
    expect(stderr.join('\n')).toMatch(/not read \[unknown-form\]/);
  });
});
