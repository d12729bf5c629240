import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyField } from '../schemas/field.js';
import { RenewalDiff } from '../schemas/renewal-diff.js';
import type { Submission } from '../schemas/submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { getAtPath, setAtPath } from '../src/model/model-path.js';
import { renewalDiff } from '../src/validate/renewal/renewal-diff.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/manufacturing-oh/submission.xml');
let lastYear: Submission;
beforeAll(async () => {
  ({ submission: lastYear } = await extractSubmission([{ fileName: 'submission.xml', bytes: new Uint8Array(await readFile(SAMPLE)) }]));
});

/** A copy with the values at these paths replaced, as next year's application would give them. */
function edited(s: Submission, changes: Record<string, string | number>): Submission {
  const copy = structuredClone(s);
  for (const [at, value] of Object.entries(changes)) {
    const leaf = getAtPath(copy, at) as AnyField | undefined;
    if (!leaf) throw new Error(`the sample has no value at ${at}`);
    setAtPath(copy as never, at, { ...leaf, value, raw: String(value) });
  }
  return copy;
}

describe('renewal diff between two years of one insured', () => {
  it('names every change of a renewal built with known changes, value by value', () => {
    const next = edited(lastYear, {
      'generalLiability.limits.generalAggregate': '5000000.00',
      'generalLiability.hazards[0].exposure': 5412000,
      'property.locations[0].subjectsOfInsurance[0].limitAmount': '5290000.00',
      'property.locations[2].construction.constructionCode': 'Masonry Non-Combustible',
      'property.locations[2].construction.roofMaterialCode': 'Metal',
      'namedInsureds[0].signatureDate': '2025-11-02',
      // The same building, written another way: not a change.
      'property.locations[1].physicalAddressLine': '6732 INDUSTRIAL BOULEVARD, Columbus, OH 43215',
    });
    next.property!.locations = next.property!.locations!.slice(0, 3);
    next.generalLiability!.hazards!.push({ ...structuredClone(next.generalLiability!.hazards![1]!), classCode: { ...next.generalLiability!.hazards![1]!.classCode!, value: '91342', raw: '91342' } });
    next.premises!.push(edited(lastYear, { 'premises[0].physicalAddress.lineOne': '40 Harbor Way' }).premises![0]!);
    next.lossHistory = { ...next.lossHistory!, losses: [lossOf(next)] };

    const diff = RenewalDiff.parse(renewalDiff({ id: 'last-year', receivedAt: '2025-12-08T15:00:00.000Z', submission: lastYear }, next));

    expect(diff.values).toEqual([{ path: 'generalLiability.limits.generalAggregate', old: '4000000.00', new: '5000000.00' }]);
    expect(diff.premises).toEqual({ added: ['40 Harbor Way, Columbus, OH 43201'], removed: [] });
    expect(diff.buildings).toEqual([
      { address: '9255 Industrial Blvd, Columbus, OH 43201', building: '1', status: 'kept', tivOld: 6195000, tivNew: 6675000, tivChangePercent: 7.7, construction: [] },
      {
        address: '3562 Oak Ave, Columbus, OH 43229',
        building: '1',
        status: 'kept',
        tivOld: 3330000,
        tivNew: 3330000,
        tivChangePercent: 0,
        construction: [
          { path: 'construction.constructionCode', old: 'Joisted Masonry', new: 'Masonry Non-Combustible' },
          { path: 'construction.roofMaterialCode', old: 'Composition', new: 'Metal' },
        ],
      },
      { address: '7889 Lincoln Ave, Westerville, OH 43081', building: '1', status: 'removed', tivOld: 5755000, tivNew: null, tivChangePercent: null, construction: [] },
    ]);
    expect(diff.classCodes).toEqual([
      { code: '57410', status: 'kept', exposureOld: 4920000, exposureNew: 5412000, exposureChangePercent: 10 },
      { code: '91342', status: 'added', exposureOld: null, exposureNew: 42900, exposureChangePercent: null },
    ]);
    expect(diff.lossesAdded).toEqual([{ occurrenceDate: '2025-03-14', lineOfBusiness: 'Property', description: 'Roof leak, water damage to stock', incurred: 18500 }]);
    expect(diff.olderSignature).toEqual({ old: '2025-12-06', new: '2025-11-02' });
  });

  it('finds nothing changed between a submission and itself', () => {
    const diff = renewalDiff({ id: 'same', receivedAt: '2025-12-08T15:00:00.000Z', submission: lastYear }, structuredClone(lastYear));
    expect(diff).toMatchObject({ values: [], premises: { added: [], removed: [] }, buildings: [], classCodes: [], lossesAdded: [], olderSignature: null });
  });
});

/** One property loss written as the 125's loss history holds it. */
function lossOf(s: Submission) {
  const leaf = (value: string) => ({ ...s.namedInsureds![0]!.fullName!, value, raw: value });
  return { occurrenceDate: leaf('2025-03-14'), lineOfBusiness: leaf('Property'), occurrenceDescription: leaf('Roof leak, water damage to stock'), paidAmount: leaf('12000.00'), reservedAmount: leaf('6500.00') };
}
