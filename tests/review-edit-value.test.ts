import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyField } from '../schemas/field.js';
import type { Submission } from '../schemas/submission.js';
import { checkSubmission } from '../src/validate/check/check-submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { getAtPath } from '../src/model/model-path.js';
import { planValueEdit } from '../src/review/edit-value.js';
import { ReviewError } from '../src/review/review-operations.js';

const SAMPLE = path.resolve('samples/office-ny');
/** Before the sample's effective date. */
const TODAY = new Date('2025-06-01T00:00:00Z');

let submission: Submission;

beforeAll(async () => {
  const files = await Promise.all(['acord-125.pdf', 'acord-140-1.pdf'].map(async (fileName) => ({ fileName, bytes: new Uint8Array(await readFile(path.join(SAMPLE, fileName))) })));
  ({ submission } = await extractSubmission(files));
});

const leaf = (s: Submission, p: string) => getAtPath(s, p) as AnyField | undefined;

function refused(run: () => unknown): ReviewError {
  try {
    run();
  } catch (err) {
    if (err instanceof ReviewError) return err;
    throw err;
  }
  throw new Error('the edit was not refused');
}

describe('a reviewer edits a value of a real submission (office-ny, fillable 125 + 140)', () => {
  it('replaces a value read from the form, keeping the box it was read from', () => {
    const p = 'namedInsureds[0].mailingAddress.postalCode';
    const before = leaf(submission, p)!;
    expect(before.source.method).toBe('acroform');
    const plan = planValueEdit(submission, { path: p, text: ' 10017 4410 ' });
    expect(plan.oldText).toBe(String(before.value));
    expect(plan.newText).toBe('10017-4410');
    const edited = plan.withAudit(42);
    expect(leaf(edited, p)).toEqual({
      value: '10017-4410',
      raw: '10017 4410',
      confidence: 1,
      source: { document: before.source.document, page: before.source.page, rect: before.source.rect, method: 'reviewer', field: before.source.field, auditEvent: 42 },
    });
    // The submission given is left as it was.
    expect(leaf(submission, p)).toEqual(before);
  });

  it('normalizes the text as extraction does: a date, a state name, a yes', () => {
    const date = planValueEdit(submission, { path: 'policy.expirationDate', text: '8/1/2026' }).withAudit(1);
    expect(leaf(date, 'policy.expirationDate')?.value).toBe('2026-08-01');
    const state = planValueEdit(submission, { path: 'premises[0].physicalAddress.stateOrProvinceCode', text: 'new york' }).withAudit(1);
    expect(leaf(state, 'premises[0].physicalAddress.stateOrProvinceCode')?.value).toBe('NY');
    const box = planValueEdit(submission, { path: 'namedInsureds[0].legalEntity.corporationIndicator', text: 'no' });
    expect(box.newText).toBe('No');
    expect(leaf(box.withAudit(1), 'namedInsureds[0].legalEntity.corporationIndicator')?.value).toBe(false);
  });

  it('types in a missing value where its flag says it belongs', () => {
    const p = 'property.locations[0].improvements.heatingYear';
    expect(leaf(submission, p)).toBeUndefined();
    const flag = checkSubmission(submission, null, { today: TODAY }).flags.find((f) => f.path === p)!;
    expect(flag.code).toBe('missing');
    const plan = planValueEdit(submission, { path: p, text: '1998', flagSource: flag.source });
    expect(plan.oldText).toBeNull();
    const typed = leaf(plan.withAudit(9), p)!;
    expect(typed).toMatchObject({ value: 1998, raw: '1998', confidence: 1 });
    expect(typed.source).toMatchObject({ document: flag.source!.document, page: flag.source!.page, rect: flag.source!.rect, method: 'reviewer', auditEvent: 9 });
    // Typed in, the value is no longer missing.
    expect(checkSubmission(plan.withAudit(9), null, { today: TODAY }).flags.map((f) => f.id)).not.toContain(flag.id);
  });

  it('adds one new row, and names the reviewer as the source when no box is known', () => {
    const rows = submission.premises!.length;
    const p = `premises[${rows}].physicalAddress.cityName`;
    const edited = planValueEdit(submission, { path: p, text: 'Albany' }).withAudit(3);
    expect(edited.premises).toHaveLength(rows + 1);
    expect(leaf(edited, p)?.source).toEqual({ document: 'reviewer', page: null, rect: null, method: 'reviewer', auditEvent: 3 });
    expect(refused(() => planValueEdit(submission, { path: `premises[${rows + 1}].physicalAddress.cityName`, text: 'Albany' })).code).toBe('not-editable');
  });

  it('refuses text that is not a value of the box, saying what it should be', () => {
    const year = refused(() => planValueEdit(submission, { path: 'property.locations[0].construction.builtYear', text: 'nineteen' }));
    expect(year).toMatchObject({ code: 'invalid-value', message: '“nineteen” is not a year (YYYY); type it again.' });
    expect(refused(() => planValueEdit(submission, { path: 'premises[0].physicalAddress.postalCode', text: '1001' })).code).toBe('invalid-value');
    expect(refused(() => planValueEdit(submission, { path: 'premises[0].physicalAddress.stateOrProvinceCode', text: 'XX' })).code).toBe('invalid-value');
    expect(refused(() => planValueEdit(submission, { path: 'policy.effectiveDate', text: '02/30/2026' })).code).toBe('invalid-value');
    expect(refused(() => planValueEdit(submission, { path: 'policy.effectiveDate', text: '   ' })).code).toBe('invalid-value');
    expect(refused(() => planValueEdit(submission, { path: 'policy.effectiveDate', text: 'N/A' })).code).toBe('invalid-value');
    // The normalizer takes "123" as a code; the format rule (value-rules/formats.json) wants 5 digits.
    const classCode = refused(() => planValueEdit(submission, { path: 'namedInsureds[0].generalLiabilityCode', text: '123' }));
    expect(classCode).toMatchObject({ code: 'invalid-value', message: '“123” is not a 5-digit ISO GL class code; type it again.' });
  });

  it('refuses paths that are not a value of the model', () => {
    for (const p of ['namedInsureds[0].shoeSize', 'documents[0].fileName', 'namedInsureds[0].mailingAddress', 'conflicts[0].kept', 'generalInformation.questions.zz.answer']) {
      expect(refused(() => planValueEdit(submission, { path: p, text: 'Y' })).code, p).toBe('not-editable');
    }
  });

  it('never shows a whole tax id in the old or new text', () => {
    const p = 'namedInsureds[0].taxIdentifier';
    const before = String(leaf(submission, p)!.value);
    const plan = planValueEdit(submission, { path: p, text: '13-1234567' });
    expect(plan.oldText).toBe(`**-***${before.slice(-4)}`);
    expect(plan.newText).toBe('**-***4567');
    expect(leaf(plan.withAudit(1), p)?.value).toBe('13-1234567');
    // Nine bare digits in a box that does not say FEIN or SSN stay bare, as extraction keeps them.
    expect(planValueEdit(submission, { path: p, text: '131234567' }).newText).toBe('*****4567');
    expect(refused(() => planValueEdit(submission, { path: p, text: '1312345' })).message).not.toContain('1312345');
  });
});
