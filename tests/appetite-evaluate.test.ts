import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppetiteRules } from '../schemas/appetite-rules.js';
import type { LossRun, LossRunClaim } from '../schemas/loss-run.js';
import type { Submission } from '../schemas/submission.js';
import { evaluateAppetite } from '../src/validate/appetite/evaluate-appetite.js';
import { loadAppetiteRules } from '../src/validate/appetite/load-appetite-rules.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { readSov } from '../src/read/sov/read-sov.js';

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
    {
      id: 'CAP-003',
      why: 'two buildings at $13 M of building value each, $27.7 M in all with their other limits',
      edit: (s) => {
        set(b(s, 0).subjectsOfInsurance![0]!.limitAmount, '13000000.00');
        set(b(s, 1).subjectsOfInsurance![0]!.limitAmount, '13000000.00');
      },
      decision: 'refer',
      path: 'property.locations',
      value: '27700000',
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
    const ended = { ...carrier, effective: { from: '2025-01-01', to: '2026-12-31' } };
    expect(evaluateAppetite(later, carrier).hits.some((h) => h.rule === 'effective-window')).toBe(false);
    expect(evaluateAppetite(later, ended)).toMatchObject({ decision: 'refer', hits: [{ rule: 'effective-window', decision: 'refer', path: 'policy.effectiveDate', value: '2027-03-01' }] });
    const undated = changed((s) => delete s.policy!.effectiveDate);
    expect(evaluateAppetite(undated, carrier, new Date('2025-06-01T12:00:00Z')).decision).toBe('in');
    expect(evaluateAppetite(undated, ended, new Date('2027-01-02T12:00:00Z')).hits).toMatchObject([{ rule: 'effective-window', value: '2027-01-02' }]);
    expect(evaluateAppetite(undated, carrier, new Date('2024-12-01T12:00:00Z')).hits).toMatchObject([{ rule: 'effective-window', value: '2024-12-01' }]);
  });
});

/** A schedule of values of the restaurant's buildings, as a CSV the reader parses. */
const sov = (rows: string[]) => readSov(new TextEncoder().encode(['Loc,Bldg,Address,City,State,Zip,Building,Contents,Business Income', ...rows].join('\n')), 'sov.csv');
const claim = (lossDate: string, incurred: number, period: { from: string; to: string }): LossRunClaim => ({
  policyNumber: 'GL-1',
  policyPeriod: period,
  claimNumber: `C-${lossDate}`,
  lossDate,
  status: 'closed',
  paid: incurred,
  reserve: 0,
  incurred,
  description: null,
  source: { file: 'runs.pdf', page: 1, y: 500 },
});
const YEAR_23 = { from: '2023-07-01', to: '2024-07-01' };
const run = (claims: LossRunClaim[]): LossRun => ({ file: 'runs.pdf', carrier: 'Old Carrier', valuationDate: '2025-05-01', periods: [{ policyNumber: 'GL-1', ...YEAR_23 }], claims });

describe('appetite rules on the schedules of values and the loss runs', () => {
  it('a schedule row judges its 140 building by the larger value; a row on no 140 is a building of its own, at the 140 location on its street', async () => {
    const s = changed(() => {});
    s.schedulesOfValues = await sov([
      '1,1,4288 Warehouse Road,Austin,TX,78745,4800000,680000,160000',
      '9,1,900 Congress Ave,Austin,TX,78701,5200000,0,0',
      '1,2,4288 Warehouse Rd,Austin,TX,78745,3000000,900000,0',
    ]);
    const perBuilding = evaluateAppetite(s, only('CAP-002'));
    expect(perBuilding.hits.map((h) => [h.path, h.value])).toEqual([
      ['property.locations[0].subjectsOfInsurance', '5640000'],
      ['schedulesOfValues[0].buildings[1]', '5200000'],
    ]);
    expect(perBuilding.hits[0]!.message).toContain('(schedule of values schedulesOfValues[0].buildings[0])');
    // Location 1: the 140 building at $5.64 M (as the schedule gives it) and the schedule's building 2 there at $3.9 M.
    expect(evaluateAppetite(s, only('CAP-001')).hits.map((h) => [h.path, h.value])).toEqual([]);
    s.schedulesOfValues[0]!.buildings[2]!.tiv = 4_500_000;
    expect(evaluateAppetite(s, only('CAP-001')).hits).toMatchObject([{ path: 'property.locations[0]', value: '10140000', message: expect.stringContaining('location 1 (property.locations[0], schedulesOfValues[0].buildings[2])') }]);
    expect(evaluateAppetite(s, only('CAP-003')).decision).toBe('in');
    expect(evaluateAppetite(s, { ...only('CAP-003'), rules: [{ id: 'CAP-003', kind: 'max-total-tiv', amount: 15_000_000, decision: 'out' }] }).hits).toMatchObject([
      { decision: 'out', path: 'property.locations', value: String(5_640_000 + 1_670_000 + 5_200_000 + 4_500_000) },
    ]);
  });

  it("loss runs replace the 125's losses within the periods they cover: no loss counted twice; their claims are judged one by one", () => {
    // The 125's GL loss of 2024-01-24 is the run's first claim; its property loss of 2022-09-12 is outside the run's period.
    const s = changed((x) => (x.lossRuns = [run([claim('2024-01-24', 7000, YEAR_23), claim('2023-09-01', 60_000, YEAR_23)])]));
    expect(evaluateAppetite(s, only('LOSS-001')).decision).toBe('in');
    expect(evaluateAppetite(s, only('LOSS-002')).hits).toEqual([
      { rule: 'LOSS-002', decision: 'refer', message: expect.stringContaining('$60,000 incurred'), path: 'lossRuns[0].claims[1].incurred', value: '60000' },
    ]);
    s.lossRuns![0]!.claims.push(claim('2023-10-01', 100, YEAR_23), claim('2024-02-01', 100, YEAR_23));
    expect(evaluateAppetite(s, only('LOSS-001')).hits).toEqual([
      { rule: 'LOSS-001', decision: 'out', message: expect.stringContaining('5 losses since 2020-07-01 (4 from the loss runs, 1 from the 125)'), path: 'lossHistory.losses', value: '5' },
    ]);
  });

  it('loss runs alone are a loss history: no need-info for a 125 without losses', () => {
    const s = changed((x) => {
      delete x.lossHistory;
      x.lossRuns = [run([])];
    });
    expect(evaluateAppetite(s, only('LOSS-001'))).toMatchObject({ decision: 'in', hits: [] });
    delete s.lossRuns;
    expect(evaluateAppetite(s, only('LOSS-001')).decision).toBe('need-info');
  });
});
