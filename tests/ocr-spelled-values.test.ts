import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { cleanOcrText } from '../src/read/ocr/clean-ocr-text.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');

const pool = new OcrPool();
afterAll(() => pool.close());

/** A date, number or amount written with words: "Oct 1 2021", "3,300 sq ft", "11,900 SF", "79,000 USD". */
const spelled = (raw: string, value: unknown) => /[A-Za-z]{2}/.test(raw) && (typeof value === 'number' || /^\d{4}-\d{2}-\d{2}$|^-?\d+\.\d{2}$/.test(String(value)));

describe('dates, areas and amounts written with words, on scans', () => {
  it('keeps the words of a spelling the normaliser accepts; digit clean-up stays for the rest', () => {
    expect(cleanOcrText('date', 'Oct 1 2021')).toBe('Oct 1 2021');
    expect(cleanOcrText('date', 'October 1st, 2021')).toBe('October 1st, 2021');
    expect(cleanOcrText('integer', '3,300 sq ft')).toBe('3,300 sq ft');
    expect(cleanOcrText('money', '79,000 USD')).toBe('79,000 USD');
    expect(cleanOcrText('date', '1O/O1/2O21')).toBe('10/01/2021');
    expect(cleanOcrText('integer', '3,3OO')).toBe('3,300');
  });

  // Boxes typed as dates and numbers are read through digit whitelists: a month or a unit came back
  // lost ("Oct 1 2021" as "12021") or as a digit stretched over it ("250 SF" as "250" at confidence 0).
  for (const rel of ['retail-fl-scan200/acord-125.scan200.pdf', 'contractor-co-scan300/acord-125.scan300.pdf']) {
    it(`${rel}: every one is read right, and sure`, async () => {
      const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLES, `${rel}.expected.json`), 'utf8')));
      if (expected.kind !== 'pdf') throw new Error(`${rel}: not a PDF expectation`);
      const want = expected.forms[0]!.fields.filter((f) => spelled(f.raw, f.value));
      expect(want.length, 'spelled values in the sample').toBeGreaterThanOrEqual(3);
      const { parts } = await extractDocument(new Uint8Array(readFileSync(path.join(SAMPLES, rel))), rel, { ocr: () => pool });
      const got = new Map(listLeaves(parts[0]).map(({ path: p, leaf }) => [p, leaf]));
      for (const w of want) {
        expect(got.get(w.path)?.value, `${w.path} "${w.raw}"`).toEqual(w.value);
        expect(got.get(w.path)!.confidence, `${w.path} "${w.raw}"`).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
      }
    }, 180_000);
  }
});
