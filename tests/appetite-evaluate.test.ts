import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import type { Submission } from '../schemas/submission.js';
import { evaluateAppetite } from '../src/appetite/evaluate-appetite.js';
import { loadAppetiteRules } from '../src/appetite/load-appetite-rules.js';
import { extractSubmission } from '../src/extract/extract-submission.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/restaurant-tx');
const EXAMPLE = path.resolve(import.meta.dirname, '../samples/example-carrier-appetite.json');

let restaurant: Submission;
let carrier: AppetiteRules;

beforeAll(async () => {
  const files = readdirSync(SAMPLE)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, f))) }));
  restaurant = (await extractSubmission(files)).submission;
  carrier = await loadAppetiteRules(EXAMPLE);
});

/** The restaurant, changed in memory: each test breaks one fact of its own copy. */
function changed(edit: (s: Submission) => void): Submission {
  const copy = structuredClone(restaurant);
  edit(copy);
  return copy;
}
/** The example file with only one of its rules. */
const only = (id: string): AppetiteRules => ({ ...carrier, rules: carrier.rules.filter((r) => r.id === id) });
/** Sets a leaf's value (and raw) in place, as a reviewer's correction would. */
function set(leaf: { value: unknown; raw: string } | undefined, value: string | number | boolean) {
  if (!leaf) throw new Error('the sample has no such value: the test needs updating');
  leaf.value = value;
  leaf.raw = typeof value === 'boolean' ? (value ? '1' : '') : String(value);
}

const b = (s: Submission, i: number) => s.property!.locations![i]!;

describe('evaluateAppetite on the restaurant-tx sample with the example carrier', () => {
  it('reads the facts the rules need from the sample (two TX premises, two 140 buildings, two losses)', () => {
    expect(restaurant.premises?.map((p) => p.physicalAddress?.stateOrProvinceCode?.value)).toEqual(['TX', 'TX']);
    expect(restaurant.property?.locations?.map((l) => [l.construction?.storeyCount?.value, l.construction?.builtYear?.value, l.fireProtection?.protectionClassCode?.value])).toEqual([
      [2, 1987, '5'],
      [1, 1982, '4'],
    ]);
    expect(restaurant.lossHistory?.losses).toHaveLength(2);
  });

  it('takes the restaurant: decision in, no hit', () => {
    expect(evaluateAppetite(restaurant, carrier)).toEqual({ carrier: carrier.carrier, version: '2025.2', decision: 'in', hits: [] });
  });

  const cases: { id: string; why: string; edit: (s: Submission) => void; decision: 'out' | 'refer'; path: string; value: string }[] = [
    { id: 'TERR-001', why: 'a premises in California', edit: (s) => set(s.premises![1]!.physicalAddress!.stateOrProvinceCode, 'CA'), decision: 'out', path: 'premises[1].physicalAddress.stateOrProvinceCode', value: 'CA' },
    { id: 'CLASS-001', why: 'a contracting class not among the classes written', edit: (s) => set(s.generalLiability!.hazards![1]!.classCode, '91342'), decision: 'refer', path: 'generalLiability.hazards[1].classCode', value: '91342' },
    { id: 'CLASS-002', why: 'a subcontracted-work class inside the excluded range 91580-91589', edit: (s) => set(s.generalLiability!.hazards![1]!.classCode, '91585'), decision: 'out', path: 'generalLiability.hazards[1].classCode', value: '91585' },
    { id: 'CLASS-003', why: 'a NAICS mining code under the excluded prefix 212', edit: (s) => set(s.namedInsureds![1]!.naicsCode, '212114'), decision: 'out', path: 'namedInsureds[1].naicsCode', value: '212114' },
    {
      id: 'CAP-001',
      why: 'both buildings at location 1, together $11.1 M, each under $10 M',
      edit: (s) => {
        set(b(s, 1).locationProducerIdentifier, '1');
        set(b(s, 0).subjectsOfInsurance![0]!.limitAmount, '4900000.00');
        set(b(s, 1).subjectsOfInsurance![0]!.limitAmount, '4500000.00');
      },
      decision: 'refer',
      path: 'property.locations[0]',
      value: '11100000',
    },
    { id: 'CAP-002', why: 'a building of $5.74 M', edit: (s) => set(b(s, 0).subjectsOfInsurance![0]!.limitAmount, '4900000.00'), decision: 'refer', path: 'property.locations[0].subjectsOfInsurance', value: '5740000' },
    {
      id: 'PROP-001',
      why: 'a 4-storey building 50 % sprinklered',
      edit: (s) => {
        set(b(s, 1).construction!.storeyCount, 4);
        set(b(s, 1).fireProtection!.sprinklerPercent, 50);
      },
      decision: 'refer',
      path: 'property.locations[1].construction.storeyCount',
      value: '4',
    },
    { id: 'PROP-002', why: 'a building built in 1975, 50 years old on the policy date', edit: (s) => set(b(s, 1).construction!.builtYear, 1975), decision: 'refer', path: 'property.locations[1].construction.builtYear', value: '1975' },
    { id: 'PROP-003', why: 'a split protection class 4/9', edit: (s) => set(b(s, 0).fireProtection!.protectionClassCode, '4/9'), decision: 'refer', path: 'property.locations[0].fireProtection.protectionClassCode', value: '4/9' },
    {
      id: 'LOSS-001',
      why: 'two more losses in the five years, four in all',
      edit: (s) => {
        const losses = s.lossHistory!.losses!;
        for (const date of ['2021-03-02', '2023-11-20']) {
          const loss = structuredClone(losses[0]!);
          set(loss.occurrenceDate, date);
          losses.push(loss);
        }
      },
      decision: 'out',
      path: 'lossHistory.losses',
      value: '4',
    },
    { id: 'LOSS-002', why: 'a loss of $34,250 paid and $20,000 reserved', edit: (s) => set(s.lossHistory!.losses![1]!.reservedAmount, '20000.00'), decision: 'refer', path: 'lossHistory.losses[1].paidAmount', value: '54250' },
  ];

  for (const c of cases) {
    it(`${c.id}: in as sent; ${c.decision} for ${c.why}`, () => {
      expect(evaluateAppetite(restaurant, only(c.id))).toMatchObject({ decision: 'in', hits: [] });
      const verdict = evaluateAppetite(changed(c.edit), only(c.id));
      expect(verdict.decision).toBe(c.decision);
      expect(verdict.hits).toEqual([{ rule: c.id, decision: c.decision, message: expect.any(String), path: c.path, value: c.value }]);
    });
  }

  it('every kind of rule of the example file has its case above', () => {
    expect(carrier.rules.map((r) => r.id).sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('PROP-001: a 4-storey building without its sprinklered share needs info, naming it; fully sprinklered it is in', () => {
    const unknown = changed((s) => {
      set(b(s, 0).construction!.storeyCount, 4);
    });
    expect(b(unknown, 0).fireProtection?.sprinklerPercent).toBeUndefined();
    expect(evaluateAppetite(unknown, only('PROP-001'))).toMatchObject({
      decision: 'need-info',
      hits: [{ rule: 'PROP-001', decision: 'need-info', path: 'property.locations[0].fireProtection.sprinklerPercent' }],
    });
    const sprinklered = changed((s) => {
      set(b(s, 1).construction!.storeyCount, 4);
    });
    expect(b(sprinklered, 1).fireProtection?.sprinklerPercent?.value).toBe(100);
    expect(evaluateAppetite(sprinklered, only('PROP-001')).decision).toBe('in');
  });

  it('LOSS-001: a loss older than five years before the policy date is not counted', () => {
    const old = changed((s) => {
      const loss = structuredClone(s.lossHistory!.losses![0]!);
      set(loss.occurrenceDate, '2019-06-30');
      s.lossHistory!.losses!.push(loss, structuredClone(loss));
    });
    expect(evaluateAppetite(old, only('LOSS-001')).decision).toBe('in');
  });

  it('a missing value yields need-info naming what is missing: year built, NAICS code, loss history', () => {
    const noYear = changed((s) => delete b(s, 1).construction!.builtYear);
    expect(evaluateAppetite(noYear, only('PROP-002'))).toMatchObject({
      decision: 'need-info',
      hits: [{ rule: 'PROP-002', decision: 'need-info', message: 'property.locations[1]: year built not given', path: 'property.locations[1].construction.builtYear' }],
    });
    const noNaics = changed((s) => s.namedInsureds!.forEach((n) => delete n.naicsCode));
    expect(evaluateAppetite(noNaics, only('CLASS-003')).hits).toMatchObject([{ rule: 'CLASS-003', decision: 'need-info', path: 'namedInsureds[0].naicsCode' }]);
    const noLosses = changed((s) => delete s.lossHistory);
    const verdict = evaluateAppetite(noLosses, carrier);
    expect(verdict.decision).toBe('need-info');
    expect(verdict.hits.map((h) => [h.rule, h.decision, h.path])).toEqual([
      ['LOSS-001', 'need-info', 'lossHistory.losses'],
      ['LOSS-002', 'need-info', 'lossHistory.losses'],
    ]);
  });

  it('the decision is the worst hit: out over refer over need-info, every hit listed', () => {
    const s = changed((x) => {
      delete b(x, 1).construction!.builtYear;
      set(b(x, 0).fireProtection!.protectionClassCode, '10');
      set(x.premises![0]!.physicalAddress!.stateOrProvinceCode, 'NY');
    });
    const verdict = evaluateAppetite(s, carrier);
    expect(verdict.decision).toBe('out');
    expect(verdict.hits.map((h) => [h.rule, h.decision])).toEqual([
      ['TERR-001', 'out'],
      ['PROP-002', 'need-info'],
      ['PROP-003', 'refer'],
    ]);
    expect(evaluateAppetite(s, { ...carrier, rules: carrier.rules.filter((r) => r.id !== 'TERR-001') }).decision).toBe('refer');
  });

  it('a line the carrier does not write is out; property rules do not apply to a submission without property', () => {
    const glOnly = { ...carrier, lines: ['general-liability' as const] };
    expect(evaluateAppetite(restaurant, glOnly)).toMatchObject({
      decision: 'out',
      hits: [{ rule: 'lines', decision: 'out', path: 'policy.linesOfBusiness.commercialProperty.requested', value: 'property' }],
    });
    const glSubmission = changed((s) => {
      set(s.policy!.linesOfBusiness!.commercialProperty!.requested, false);
      delete s.property;
      s.documents = s.documents.filter((d) => !d.forms.some((f) => f.form === '140'));
    });
    expect(evaluateAppetite(glSubmission, glOnly)).toMatchObject({ decision: 'in', hits: [] });
    const propertyWithout140 = changed((s) => delete s.property);
    expect(evaluateAppetite(propertyWithout140, only('CAP-002')).hits).toMatchObject([{ rule: 'CAP-002', decision: 'need-info', path: 'property.locations' }]);
  });

  it('rules out of force for the policy date refer; without a policy date, today is the date', () => {
    const later = changed((s) => set(s.policy!.effectiveDate, '2027-03-01'));
    expect(evaluateAppetite(later, carrier)).toMatchObject({ decision: 'refer', hits: [{ rule: 'effective-window', decision: 'refer', path: 'policy.effectiveDate', value: '2027-03-01' }] });
    const undated = changed((s) => delete s.policy!.effectiveDate);
    expect(evaluateAppetite(undated, carrier, new Date('2025-06-01T12:00:00Z')).decision).toBe('in');
    expect(evaluateAppetite(undated, carrier, new Date('2024-12-01T12:00:00Z')).hits).toMatchObject([{ rule: 'effective-window', value: '2024-12-01' }]);
  });
});
