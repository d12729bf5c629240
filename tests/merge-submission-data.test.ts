import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractionMethod } from '../schemas/field.js';
import type { SubmissionData } from '../schemas/submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { mergeSubmissionData } from '../src/read/extract/merge-submission-data.js';

type Reading = { doc?: string; method?: ExtractionMethod; confidence?: number; raw?: string; page?: number };
const leaf = <T>(value: T | null, { doc = 'a', method = 'acroform', confidence = 1, raw, page = 1 }: Reading = {}) => ({
  value,
  raw: raw ?? String(value),
  confidence,
  source: { document: doc, page: method === 'acord-xml' ? null : page, rect: null, method },
});
const merged = (...parts: unknown[]) => mergeSubmissionData(parts as SubmissionData[]);
const insured = (name: string, taxId: string | null, r: Reading = {}) => ({ fullName: leaf(name, r), ...(taxId ? { taxIdentifier: leaf(taxId, r) } : {}) });
const building = (loc: string, bldg: string, address: string, doc: string, limit?: string) => ({
  locationProducerIdentifier: leaf(loc, { doc }),
  buildingProducerIdentifier: leaf(bldg, { doc }),
  physicalAddressLine: leaf(address, { doc }),
  ...(limit ? { subjectsOfInsurance: [{ subjectOfInsuranceCode: leaf('B', { doc }), limitAmount: leaf(limit, { doc }) }] } : {}),
});
const locations = (...buildings: ReturnType<typeof building>[]) => ({ property: { locations: buildings } });

describe('mergeSubmissionData: which reading of a value stands', () => {
  it('keeps a value over a null one, even from a weaker method read later', () => {
    const unreadXml = { namedInsureds: [{ fullName: leaf('ACME LLC', { doc: 'x', method: 'acord-xml' }), taxIdentifier: leaf(null, { doc: 'x', method: 'acord-xml', raw: 'TBD' }) }] };
    const ocr = { namedInsureds: [{ fullName: leaf('ACME LLC', { doc: 's', method: 'ocr', confidence: 0.8 }), taxIdentifier: leaf('12-3456789', { doc: 's', method: 'ocr', confidence: 0.7 }) }] };
    const { data, conflicts } = merged(unreadXml, ocr);
    expect(data.namedInsureds?.[0]?.taxIdentifier).toMatchObject({ value: '12-3456789', source: { document: 's' } });
    expect(conflicts).toEqual([expect.objectContaining({ path: 'namedInsureds[0].taxIdentifier', kept: expect.objectContaining({ value: '12-3456789' }), other: expect.objectContaining({ raw: 'TBD' }) })]);
  });

  it("prefers the XML's valid tax id over a null OCR reading of it that came first", () => {
    const ocr = { namedInsureds: [insured('ACME LLC', null, { doc: 's', method: 'ocr' })] };
    ocr.namedInsureds[0]!.taxIdentifier = leaf(null, { doc: 's', method: 'ocr', confidence: 0.4, raw: '12-34S6789' });
    const xml = { namedInsureds: [insured('ACME LLC', '12-3456789', { doc: 'x', method: 'acord-xml' })] };
    const { data, conflicts } = merged(ocr, xml);
    expect(data.namedInsureds).toHaveLength(1);
    expect(data.namedInsureds?.[0]?.taxIdentifier).toMatchObject({ value: '12-3456789', source: { method: 'acord-xml' } });
    expect(conflicts.map((c) => [c.path, c.kept.source.method, c.other.source.method])).toEqual([['namedInsureds[0].taxIdentifier', 'acord-xml', 'ocr']]);
  });

  it('prefers the stronger method when both have a value: XML over OCR read first, a reviewer over the XML', () => {
    const ocr = { policy: { effectiveDate: leaf('2026-07-01', { doc: 's', method: 'ocr', confidence: 0.99 }), expirationDate: leaf('2027-07-01', { doc: 's', method: 'ocr' }) } };
    const xml = { policy: { effectiveDate: leaf('2026-01-07', { doc: 'x', method: 'acord-xml' }), expirationDate: leaf('2027-01-07', { doc: 'x', method: 'acord-xml' }) } };
    const reviewer = { policy: { expirationDate: leaf('2027-07-01', { doc: 'r', method: 'reviewer' }) } };
    const { data, conflicts } = merged(ocr, xml, reviewer);
    expect(data.policy?.effectiveDate).toMatchObject({ value: '2026-01-07', source: { method: 'acord-xml' } });
    expect(data.policy?.expirationDate).toMatchObject({ value: '2027-07-01', source: { method: 'reviewer' } });
    expect(conflicts.find((c) => c.path === 'policy.effectiveDate')).toMatchObject({ kept: { source: { method: 'acord-xml' } }, other: { value: '2026-07-01', source: { method: 'ocr' } } });
    // The reviewer's value is the OCR's: the XML's is overruled, the OCR's confirms the reviewer's.
    expect(conflicts.filter((c) => c.path === 'policy.expirationDate').map((c) => c.other.source.method)).toEqual(['acord-xml']);
    expect(data.policy?.expirationDate?.confirmedBy?.map((s) => s.document)).toEqual(['s']);
  });

  it('between two readings of one method, keeps the surer one; on a tie, the first', () => {
    const first = { producer: { fullName: leaf('Brokers Inc', { doc: 's1', method: 'ocr', confidence: 0.6 }), faxNumber: leaf('+15550100', { doc: 's1', method: 'ocr', confidence: 0.8 }) } };
    const second = { producer: { fullName: leaf('Brokers Ind', { doc: 's2', method: 'ocr', confidence: 0.9 }), faxNumber: leaf('+15550199', { doc: 's2', method: 'ocr', confidence: 0.8 }) } };
    const { data } = merged(first, second);
    expect(data.producer?.fullName?.source.document).toBe('s2');
    expect(data.producer?.faxNumber?.source.document).toBe('s1');
  });

  it('keeps every source of a value two parts agree on (case and spacing aside), and lists no conflict', () => {
    const form125 = { namedInsureds: [{ fullName: leaf('ACME LLC', { doc: 'a' }) }] };
    const form126 = { namedInsureds: [{ fullName: leaf('ACME LLC', { doc: 'b', page: 4 }) }] };
    const xml = { namedInsureds: [{ fullName: leaf('Acme  LLC', { doc: 'x', method: 'acord-xml' }) }] };
    const scan = { namedInsureds: [{ fullName: leaf('ACME L.L.C.', { doc: 's', method: 'ocr' }) }] };
    const { data, conflicts } = merged(form125, form126);
    expect(conflicts).toEqual([]);
    expect(data.namedInsureds?.[0]?.fullName).toMatchObject({ source: { document: 'a' }, confirmedBy: [{ document: 'b', page: 4 }] });
    // The stronger source stands and carries both forms that agree with it; a different spelling is a conflict.
    const all = merged(form125, form126, scan, xml);
    expect(all.data.namedInsureds?.[0]?.fullName).toMatchObject({ value: 'Acme  LLC', source: { document: 'x' } });
    expect(all.data.namedInsureds?.[0]?.fullName?.confirmedBy?.map((s) => s.document)).toEqual(['a', 'b']);
    expect(all.conflicts.map((c) => [c.path, c.kept.source.document, c.other.source.document])).toEqual([['namedInsureds[0].fullName', 'x', 's']]);
  });
});

describe('mergeSubmissionData: list entries matched by what they are', () => {
  it('two different "Loc 1 / Bldg 1" buildings from two 140s stay two, each with its own limit', () => {
    const { data, conflicts } = merged(locations(building('1', '1', '1 Main St', 'c', '1000000.00')), locations(building('1', '1', '900 Elm Ave', 'd', '2000000.00')));
    expect(data.property?.locations?.map((l) => [l.physicalAddressLine?.value, l.subjectsOfInsurance?.[0]?.limitAmount?.value])).toEqual([
      ['1 Main St', '1000000.00'],
      ['900 Elm Ave', '2000000.00'],
    ]);
    expect(conflicts).toEqual([]);
  });

  it('one building told twice ("01" and "Loc 1", the same street spelled two ways) is one building', () => {
    const { data, conflicts } = merged(
      locations(building('01', '1', '1 Main Street, Springfield, IL 62701', 'c', '1000000.00'), building('2', '1', '5 Oak Ave', 'c')),
      locations(building('Loc 1', 'Bldg 1', '1 MAIN ST.', 'x', '1000000.00')),
    );
    expect(data.property?.locations).toHaveLength(2);
    expect(data.property?.locations?.[0]?.subjectsOfInsurance?.[0]?.limitAmount?.confirmedBy?.map((s) => s.document)).toEqual(['x']);
    expect(conflicts.map((c) => c.path)).toEqual(['property.locations[0].locationProducerIdentifier', 'property.locations[0].buildingProducerIdentifier', 'property.locations[0].physicalAddressLine']);
  });

  it("matches one building's coverages by subject code, not by row", () => {
    const subjects = (doc: string, ...rows: [string, string][]) => ({
      property: { locations: [{ ...building('1', '1', '1 Main St', doc), subjectsOfInsurance: rows.map(([code, limit]) => ({ subjectOfInsuranceCode: leaf(code, { doc }), limitAmount: leaf(limit, { doc }) })) }] },
    });
    const { data, conflicts } = merged(subjects('c', ['B', '1000000.00'], ['BPP', '250000.00']), subjects('x', ['BPP', '250000.00'], ['BI', '50000.00']));
    expect(data.property?.locations?.[0]?.subjectsOfInsurance?.map((s) => [s.subjectOfInsuranceCode?.value, s.limitAmount?.value])).toEqual([
      ['B', '1000000.00'],
      ['BPP', '250000.00'],
      ['BI', '50000.00'],
    ]);
    expect(conflicts).toEqual([]);
  });

  it('matches premises by location number, else by street address', () => {
    const premises = (doc: string, ...rows: [string | null, string][]) => ({
      premises: rows.map(([loc, street]) => ({ ...(loc ? { locationProducerIdentifier: leaf(loc, { doc }) } : {}), physicalAddress: { lineOne: leaf(street, { doc }) } })),
    });
    const form125 = premises('a', ['1', '10 First St'], ['2', '20 Second Avenue']);
    const xml = { premises: [{ locationProducerIdentifier: leaf('2', { doc: 'x', method: 'acord-xml' }), annualRevenueAmount: leaf('500000.00', { doc: 'x', method: 'acord-xml' }) }] };
    const other = premises('b', [null, '20 SECOND AVE'], [null, '30 Third St']);
    const { data, conflicts } = merged(form125, xml, other);
    expect(data.premises?.map((p) => [p.locationProducerIdentifier?.value, p.physicalAddress?.lineOne?.value, p.annualRevenueAmount?.value])).toEqual([
      ['1', '10 First St', undefined],
      ['2', '20 Second Avenue', '500000.00'],
      [undefined, '30 Third St', undefined],
    ]);
    expect(conflicts.map((c) => c.path)).toEqual(['premises[1].physicalAddress.lineOne']);
  });

  it('matches named insureds by tax id, else by name without case, punctuation or entity suffix', () => {
    const form125 = { namedInsureds: [insured('Acme Holdings LLC', '12-3456789'), insured('Acme Realty Co', null)] };
    const form126 = { namedInsureds: [insured('ACME REALTY', null, { doc: 'b' })] };
    const xml = { namedInsureds: [insured('Acme Holding', '12-3456789', { doc: 'x', method: 'acord-xml' }), insured('Acme Holdings', '98-7654321', { doc: 'x', method: 'acord-xml' })] };
    const { data, conflicts } = merged(form125, form126, xml);
    expect(data.namedInsureds?.map((n) => [n.fullName?.value, n.taxIdentifier?.value])).toEqual([
      ['Acme Holding', '12-3456789'],
      ['Acme Realty Co', undefined],
      // Same name, another tax id: another insured.
      ['Acme Holdings', '98-7654321'],
    ]);
    expect(data.namedInsureds?.[0]?.taxIdentifier?.confirmedBy?.map((s) => s.document)).toEqual(['a']);
    expect(conflicts.map((c) => c.path)).toEqual(['namedInsureds[0].fullName', 'namedInsureds[1].fullName']);
  });

  it('does not take an OCR slip in a name or a tax id for another insured, but does not forgive a typed difference', () => {
    const form125 = { namedInsureds: [insured('Sunport Cycle & Sport LLC', '26-1191447'), insured('Smith Holdings 1 LLC', null)] };
    const scan126 = { namedInsureds: [insured('SUNP0RT CYCLE AND SPORT', null, { doc: 's', method: 'ocr', confidence: 0.7 })] };
    const scan140 = { namedInsureds: [insured('Sunport Cycle & Sport LLC', '26-1191441', { doc: 't', method: 'ocr', confidence: 0.8 })] };
    const form140 = { namedInsureds: [insured('Smith Holdings 2 LLC', null, { doc: 'c' })] };
    const { data, conflicts } = merged(form125, scan126, scan140, form140);
    expect(data.namedInsureds?.map((n) => n.fullName?.value)).toEqual(['Sunport Cycle & Sport LLC', 'Smith Holdings 1 LLC', 'Smith Holdings 2 LLC']);
    expect(conflicts.map((c) => [c.path, c.other.source.document])).toEqual([
      ['namedInsureds[0].fullName', 's'],
      ['namedInsureds[0].taxIdentifier', 't'],
    ]);
  });

  it('matches GL hazards by class code and location', () => {
    const hazard = (loc: string, code: string, doc: string, premium?: string) => ({
      locationProducerIdentifier: leaf(loc, { doc }),
      classCode: leaf(code, { doc }),
      ...(premium ? { premisesOperationsPremiumAmount: leaf(premium, { doc }) } : {}),
    });
    const form126 = { generalLiability: { hazards: [hazard('1', '91111', 'b'), hazard('1', '92222', 'b')] } };
    const xml = { generalLiability: { hazards: [hazard('01', '92222', 'x', '1200.00'), hazard('2', '91111', 'x', '300.00')] } };
    const { data, conflicts } = merged(form126, xml);
    expect(data.generalLiability?.hazards?.map((h) => [h.locationProducerIdentifier?.value, h.classCode?.value, h.premisesOperationsPremiumAmount?.value])).toEqual([
      ['1', '91111', undefined],
      ['1', '92222', '1200.00'],
      ['2', '91111', '300.00'],
    ]);
    expect(conflicts.map((c) => c.path)).toEqual(['generalLiability.hazards[1].locationProducerIdentifier']);
  });

  it('matches losses by date and amount; a loss without a date is appended, never merged by position', () => {
    const loss = (date: string | null, paid: string, doc: string, description?: string) => ({
      ...(date ? { occurrenceDate: leaf(date, { doc }) } : {}),
      paidAmount: leaf(paid, { doc }),
      ...(description ? { occurrenceDescription: leaf(description, { doc }) } : {}),
    });
    const form125 = { lossHistory: { losses: [loss('2023-01-05', '1000.00', 'a'), loss('2024-02-01', '500.00', 'a')] } };
    const other = { lossHistory: { losses: [loss('2024-02-01', '500.00', 'b', 'slip and fall'), loss('2023-01-05', '2000.00', 'b'), loss(null, '750.00', 'b')] } };
    const { data, conflicts } = merged(form125, other);
    expect(data.lossHistory?.losses?.map((l) => [l.occurrenceDate?.value, l.paidAmount?.value, l.occurrenceDescription?.value])).toEqual([
      ['2023-01-05', '1000.00', undefined],
      ['2024-02-01', '500.00', 'slip and fall'],
      ['2023-01-05', '2000.00', undefined],
      [undefined, '750.00', undefined],
    ]);
    expect(conflicts).toEqual([]);
  });

  it("joins the halves of one row read apart from one document's pages, but not rows of two documents", () => {
    const page1 = { namedInsureds: [insured('ACME LLC', '12-3456789', { doc: 'a' })] };
    const page2 = { namedInsureds: [{ businessStartDate: leaf('2001-05-01', { doc: 'a', method: 'ocr', page: 2 }) }] };
    expect(merged(page1, page2).data.namedInsureds).toEqual([{ ...page1.namedInsureds[0], ...page2.namedInsureds[0] }]);
    const otherDocument = { namedInsureds: [{ businessStartDate: leaf('2001-05-01', { doc: 'b', page: 2 }) }] };
    expect(merged(page1, otherDocument).data.namedInsureds).toHaveLength(2);
  });
});

describe('extractSubmission on a shipped sample: a 125, a 126, four 140s and the XML of one insured', () => {
  it('yields four buildings, four premises and one insured, the XML standing with the forms confirming it', async () => {
    const dir = path.resolve(import.meta.dirname, '../samples/manufacturing-oh');
    const files = readdirSync(dir).filter((f) => !f.endsWith('.json')).sort();
    const { submission: s, outcome } = await extractSubmission(files.map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(dir, f))) })));
    expect(s.property?.locations?.map((l) => [l.locationProducerIdentifier?.value, l.buildingProducerIdentifier?.value])).toEqual([['1', '1'], ['2', '1'], ['3', '1'], ['4', '1']]);
    expect(s.premises).toHaveLength(4);
    expect(s.namedInsureds).toHaveLength(1);
    expect(outcome.differentInsureds).toEqual([]);
    expect(s.conflicts).toEqual([]);
    const fileOf = (id: string) => s.documents.find((d) => d.id === id)?.fileName;
    const limit = s.property?.locations?.[2]?.subjectsOfInsurance?.[0]?.limitAmount;
    expect(limit?.source.method).toBe('acord-xml');
    expect(limit?.confirmedBy?.map((c) => [c.method, fileOf(c.document)])).toEqual([['acroform', 'acord-140-3.pdf']]);
  });
});
