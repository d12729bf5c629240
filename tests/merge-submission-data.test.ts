import { describe, expect, it } from 'vitest';
import type { SubmissionData } from '../schemas/submission.js';
import { mergeSubmissionData } from '../src/extract/merge-submission-data.js';

const leaf = (value: string, doc: string, page: number) => ({ value, raw: value, confidence: 1, source: { document: doc, page, rect: null, method: 'acroform' as const } });

describe('mergeSubmissionData', () => {
  it('keeps the first value, records a differing later one as a conflict, and appends each 140 location', () => {
    const form125 = { namedInsureds: [{ fullName: leaf('ACME LLC', 'a', 1) }] } as SubmissionData;
    const form126 = { namedInsureds: [{ fullName: leaf('ACME L.L.C.', 'b', 1) }], producer: { fullName: leaf('Broker', 'b', 1) } } as SubmissionData;
    const building = (loc: string, bldg: string, address: string, doc: string) =>
      ({ property: { locations: [{ locationProducerIdentifier: leaf(loc, doc, 1), buildingProducerIdentifier: leaf(bldg, doc, 1), physicalAddressLine: leaf(address, doc, 1) }] } }) as SubmissionData;
    // The same building told by the XML and by its 140 is one location, not two.
    const { data, conflicts } = mergeSubmissionData([form125, form126, building('1', '1', '1 Main St', 'c'), building('2', '1', '2 Oak Ave', 'd'), building('1', '1', '1 Main St', 'xml')]);
    expect(data.namedInsureds?.[0]?.fullName?.value).toBe('ACME LLC');
    expect(data.producer?.fullName?.value).toBe('Broker');
    expect(data.property?.locations?.map((l) => l.physicalAddressLine?.value)).toEqual(['1 Main St', '2 Oak Ave']);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ path: 'namedInsureds[0].fullName', kept: { value: 'ACME LLC' }, other: { value: 'ACME L.L.C.', source: { document: 'b' } } });
  });
});
