import { describe, expect, it } from 'vitest';
import { Submission } from '../schemas/submission.js';
import { compactLists, leafValueType, parsePath, setAtPath } from '../src/model/model-path.js';

describe('model paths', () => {
  it('parse, resolve to value types, and refuse paths the model lacks', () => {
    expect(parsePath('namedInsureds[1].mailingAddress.postalCode')).toEqual(['namedInsureds', 1, 'mailingAddress', 'postalCode']);
    expect(leafValueType(Submission, 'namedInsureds[1].mailingAddress.postalCode')).toBe('postalCode');
    expect(leafValueType(Submission, 'generalLiability.questions.AAB.answer')).toBe('yesNo');
    expect(leafValueType(Submission, 'property.locations[0].subjectsOfInsurance[3].limitAmount')).toBe('money');
    expect(() => leafValueType(Submission, 'namedInsureds[0].shoeSize')).toThrow(/no "shoeSize"/);
    expect(() => leafValueType(Submission, 'namedInsureds[0].mailingAddress')).toThrow(/group, not a value/);
    expect(() => leafValueType(Submission, 'producer[0]')).toThrow(/not a list/);
  });
  it('set values along a path and drop the holes blank rows leave', () => {
    const data: Record<string, unknown> = {};
    setAtPath(data, 'lossHistory.losses[2].paidAmount', 'x');
    expect(compactLists(data)).toEqual({ lossHistory: { losses: [{ paidAmount: 'x' }] } });
  });
});
