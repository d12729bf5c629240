import { Submission } from '../../schemas/submission.js';

/** An insured as clearance sees it: name, tax id, mailing address, broker, premises streets. */
export type InsuredFacts = { name: string; taxId?: string; street?: string; city?: string; state?: string; zip?: string; broker?: string; premises?: string[] };

const leaf = (value: string) => ({ value, raw: value, confidence: 1, source: { document: 'test', page: null, rect: null, method: 'acord-xml' as const } });

/** A submission holding only what clearance reads, parsed by the real schema. */
export function insuredSubmission(i: InsuredFacts): Submission {
  const address = (street: string) => ({ lineOne: leaf(street), ...(i.city ? { cityName: leaf(i.city) } : {}), ...(i.state ? { stateOrProvinceCode: leaf(i.state) } : {}), ...(i.zip ? { postalCode: leaf(i.zip) } : {}) });
  return Submission.parse({
    documents: [],
    conflicts: [],
    unplaced: [],
    ...(i.broker ? { producer: { fullName: leaf(i.broker) } } : {}),
    namedInsureds: [{ fullName: leaf(i.name), ...(i.taxId ? { taxIdentifier: leaf(i.taxId) } : {}), ...(i.street ? { mailingAddress: address(i.street) } : {}) }],
    ...(i.premises ? { premises: i.premises.map((street) => ({ physicalAddress: address(street) })) } : {}),
  });
}
