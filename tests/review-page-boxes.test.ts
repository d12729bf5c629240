import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyField } from '../schemas/field.js';
import type { Submission } from '../schemas/submission.js';
import { documentId } from '../src/read/extract/extract-document.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { pageBoxes } from '../src/review/page-boxes.js';
import { taxIdMasks } from '../src/review/tax-id-masks.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/contractor-co');
const read = (name: string) => ({ fileName: name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, name))) });
const FEIN = '26-2514907';

let submission: Submission;
let acord125: string;
let acord126: string;
let xml: string;
let expected: { path: string; raw: string; page: number | null; rect: [number, number, number, number] | null }[];

beforeAll(async () => {
  const files = ['acord-125.pdf', 'acord-126.pdf', 'submission.xml'].map(read);
  [acord125, acord126, xml] = files.map((f) => documentId(f.bytes)) as [string, string, string];
  submission = (await extractSubmission(files)).submission;
  const file = ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLE, 'acord-125.pdf.expected.json'), 'utf8')));
  if (file.kind !== 'pdf') throw new Error('expected a PDF sample');
  expected = file.forms[0]!.fields;
}, 60_000);

/** A copy of the submission with one more leaf value changed: the cases a sample does not hold. */
const edited = (change: (s: Submission) => void) => {
  const copy = structuredClone(submission);
  change(copy);
  return copy;
};

describe('pageBoxes: the values read from one page', () => {
  it('lists every value the 125 shows on its page 1, at its box, the FEIN masked (though the XML gave the kept value)', () => {
    const boxes = pageBoxes(submission, acord125, 1);
    const onPage = expected.filter((f) => f.page === 1);
    expect(onPage.length).toBeGreaterThan(40);
    for (const f of onPage) expect(boxes.find((b) => b.path === f.path && b.rect.join() === f.rect!.join()), f.path).toBeDefined();
    // Every box is one of the page's: no value of another page or document rides along.
    expect(boxes.every((b) => onPage.some((f) => f.path === b.path && f.rect!.join() === b.rect.join()))).toBe(true);

    const fein = boxes.find((b) => b.path === 'namedInsureds[0].taxIdentifier')!;
    expect(fein).toMatchObject({ text: '**-***4907', taxId: true, confidence: 1 });
    expect(submission.namedInsureds![0]!.taxIdentifier!.source.document).toBe(xml);
    expect(boxes.find((b) => b.path === 'namedInsureds[0].fullName')).toMatchObject({ text: 'Timberline Remodeling LLC', taxId: false });
    expect(JSON.stringify(boxes)).not.toContain('2514907');
    expect(boxes.filter((b) => b.taxId).map((b) => b.path)).toEqual(['namedInsureds[0].taxIdentifier']);
  });

  it('gives page 2 its own values, and no box for a document without pages', () => {
    const page2 = pageBoxes(submission, acord125, 2);
    expect(page2.find((b) => b.path === 'namedInsureds[0].businessStartDate')?.rect).toEqual([508, 390, 82, 12]);
    expect(page2.some((b) => b.path === 'namedInsureds[0].taxIdentifier')).toBe(false);
    expect(pageBoxes(submission, xml, 1)).toEqual([]);
    expect(pageBoxes(submission, acord125, 9)).toEqual([]);
  });

  it('shows the other side of a conflict read on the page, masked when it is a tax id', () => {
    const kept = submission.namedInsureds![0]!.taxIdentifier!;
    const other: AnyField = { ...kept, raw: '26-2514908', value: '26-2514908', confidence: 0.8, source: { document: acord126, page: 1, rect: [400, 700, 80, 12], method: 'acroform' } };
    const s = edited((c) => c.conflicts.push({ path: 'namedInsureds[0].taxIdentifier', kept, other }));
    expect(pageBoxes(s, acord126, 1).filter((b) => b.taxId)).toEqual([{ path: 'namedInsureds[0].taxIdentifier', rect: [400, 700, 80, 12], confidence: 0.8, text: '**-***4908', taxId: true }]);
  });
});

describe('taxIdMasks: the boxes a page image covers until the FEIN is revealed', () => {
  it('covers the FEIN box of the 125, and nothing on a page without one', () => {
    const fein = expected.find((f) => f.path === 'namedInsureds[0].taxIdentifier')!;
    expect(taxIdMasks(submission, acord125, 1)).toEqual([fein.rect]);
    expect(taxIdMasks(submission, acord125, 2)).toEqual([]);
    expect(taxIdMasks(submission, acord126, 1)).toEqual([]);
  });

  it('covers a box with the FEIN typed into it and an unplaced value holding it, not a nine-digit amount', () => {
    const s = edited((c) => {
      const description = c.businessInformation!.operationsDescription!;
      description.raw = `Remodeling; FEIN ${FEIN} per the owner`;
      const revenue = c.premises![0]!.annualRevenueAmount!;
      revenue.raw = '213000000';
      revenue.value = '213000000.00';
      c.unplaced.push({ document: acord125, page: 2, rect: [30, 20, 100, 12], field: 'Unknown_A', raw: FEIN.replace('-', ''), reason: 'no place' });
      c.unplaced.push({ document: acord125, page: 2, rect: [30, 8, 100, 12], field: 'Unknown_B', raw: 'see attached', reason: 'no place' });
    });
    const description = expected.find((f) => f.path === 'businessInformation.operationsDescription')!;
    expect(taxIdMasks(s, acord125, 2)).toEqual([description.rect, [30, 20, 100, 12]]);
    const box = pageBoxes(s, acord125, 2).find((b) => b.path === 'businessInformation.operationsDescription')!;
    expect(box).toMatchObject({ text: 'Remodeling; FEIN **-***4907 per the owner', taxId: true });
    expect(pageBoxes(s, acord125, 2).find((b) => b.path === 'premises[0].annualRevenueAmount')).toMatchObject({ text: '213000000', taxId: false });
  });
});
