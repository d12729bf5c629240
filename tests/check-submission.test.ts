import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckReport, type AppetiteVerdict } from '../schemas/check-report.js';
import type { ExtractionOutcome } from '../schemas/extraction-outcome.js';
import type { AnyField } from '../schemas/field.js';
import type { Flag } from '../schemas/flag.js';
import type { Submission } from '../schemas/submission.js';
import { checkSubmission } from '../src/validate/check/check-submission.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { getAtPath, setAtPath } from '../src/model/model-path.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/restaurant-tx');
const FILES = ['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf', 'acord-140-2.pdf'];
/** Before the sample's effective date (2025-07-01), within 180 days of it. */
const TODAY = new Date('2025-06-15T00:00:00Z');

let clean: Submission;
let outcome: ExtractionOutcome;

beforeAll(async () => {
  const inputs = await Promise.all(FILES.map(async (f) => ({ fileName: f, bytes: new Uint8Array(await readFile(path.join(SAMPLE, f))) })));
  ({ submission: clean, outcome } = await extractSubmission(inputs));
}, 120_000);

/** The clean sample with `edit` applied to a copy. */
function broken(edit: (s: Submission) => void): Submission {
  const s = structuredClone(clean);
  edit(s);
  return s;
}
const leaf = (s: Submission, p: string) => getAtPath(s, p) as AnyField;
const setValue = (s: Submission, p: string, value: unknown, raw = String(value)) => setAtPath(s as never, p, { ...leaf(s, p), value, raw });
const remove = (s: Submission, p: string) => setAtPath(s as never, p, undefined);
const check = (s: Submission, options: { today?: Date; appetite?: AppetiteVerdict; outcome?: ExtractionOutcome | null } = {}) =>
  CheckReport.parse(checkSubmission(s, options.outcome === undefined ? outcome : options.outcome, { today: options.today ?? TODAY, appetite: options.appetite ?? null }));
const flag = (r: CheckReport, id: string) => r.flags.find((f) => f.id === id);
const docOf = (s: Submission, file: string) => s.documents.find((d) => d.fileName === file)!.id;
/** The flags the clean sample raises, as `id severity/when`. */
const summary = (flags: Flag[]) => flags.map((f) => `${f.id} ${f.severity}/${f.when}`).sort();

/** What the shipped sample lacks: its generator leaves % sprinklered empty on an unsprinklered building, and heating and plumbing years on its old buildings; no loss runs come with it. */
const SAMPLE_GAPS = [
  'loss-runs:lossRuns warning/bind',
  'property-heating-year:property.locations[0].improvements.heatingYear blocking/bind',
  'property-heating-year:property.locations[1].improvements.heatingYear blocking/bind',
  'property-plumbing-year:property.locations[0].improvements.plumbingYear blocking/bind',
  'property-plumbing-year:property.locations[1].improvements.plumbingYear blocking/bind',
  'property-sprinklered:property.locations[0].fireProtection.sprinklerPercent blocking/quote',
];

describe('checkSubmission on the restaurant sample (125 + 126 + two 140s)', () => {
  it('checks the package the 125 requests; only the gaps the sample really has are flagged, each at its box', () => {
    const report = check(clean);
    expect(report.lines).toEqual(['package']);
    expect(summary(report.flags)).toEqual(SAMPLE_GAPS);
    expect(report.readyToQuote).toBe(false);
    expect(flag(report, 'property-sprinklered:property.locations[0].fireProtection.sprinklerPercent')?.source).toEqual({
      document: docOf(clean, 'acord-140-1.pdf'),
      fileName: 'acord-140-1.pdf',
      form: '140',
      page: 1,
      rect: expect.any(Array),
      label: '% SPRNK',
      field: 'BuildingFireProtection_Alarm_SprinklerPercent_A',
    });
    // The second building is the first location of the second 140: its own box A, on that file.
    expect(flag(report, 'property-heating-year:property.locations[1].improvements.heatingYear')?.source).toMatchObject({
      document: docOf(clean, 'acord-140-2.pdf'),
      page: 1,
      field: 'BuildingImprovement_HeatingYear_A',
      label: 'HEATING, YR:',
    });
    const items = Object.fromEntries(report.checklist.map((c) => [c.id, c.status]));
    expect(items).toMatchObject({ fein: 'met', 'gl-hazard-class-code': 'met', 'property-sprinklered': 'missing', 'property-heating-year': 'missing' });
  });

  it('is ready to quote once the sprinkler box says 0; the update years stay needed to bind', () => {
    const report = check(broken((s) => setAtPath(s as never, 'property.locations[0].fireProtection.sprinklerPercent', { ...leaf(s, 'property.locations[1].fireProtection.sprinklerPercent'), value: 0, raw: '0' })));
    expect(report.readyToQuote).toBe(true);
    expect(report.flags.every((f) => f.when === 'bind')).toBe(true);
  });

  it('asks update years only of buildings 20+ years old at the effective date', () => {
    const report = check(broken((s) => setValue(s, 'property.locations[0].construction.builtYear', 2010)));
    expect(flag(report, 'property-heating-year:property.locations[0].improvements.heatingYear')).toBeUndefined();
    expect(flag(report, 'property-heating-year:property.locations[1].improvements.heatingYear')).toBeDefined();
  });

  it('asks valuation and coinsurance of building and contents rows only', () => {
    const report = check(
      broken((s) => {
        remove(s, 'property.locations[0].subjectsOfInsurance[2].valuationCode'); // BUSIN
        remove(s, 'property.locations[1].subjectsOfInsurance[0].valuationCode'); // B
      }),
    );
    expect(flag(report, 'property-valuation:property.locations[0].subjectsOfInsurance[2].valuationCode')).toBeUndefined();
    expect(flag(report, 'property-valuation:property.locations[1].subjectsOfInsurance[0].valuationCode')).toMatchObject({ code: 'missing', when: 'quote' });
  });

  it('a missing FEIN points at the 125 box "FEIN OR SOC SEC #"', () => {
    const report = check(broken((s) => remove(s, 'namedInsureds[0].taxIdentifier')));
    expect(flag(report, 'fein:namedInsureds[0].taxIdentifier')).toMatchObject({
      code: 'missing',
      severity: 'blocking',
      when: 'quote',
      source: { document: docOf(clean, 'acord-125.pdf'), form: '125', page: 1, label: 'FEIN OR SOC SEC #', field: 'NamedInsured_TaxIdentifier_A' },
    });
    expect(report.readyToQuote).toBe(false);
  });

  it('without a 126, the GL items point at the 126 template with no document', () => {
    const report = check(
      broken((s) => {
        s.documents = s.documents.filter((d) => d.fileName !== 'acord-126.pdf');
        delete s.generalLiability;
      }),
    );
    expect(flag(report, 'gl-hazard-class-code:generalLiability.hazards[0].classCode')).toMatchObject({
      code: 'missing',
      source: { document: null, form: '126', page: null, rect: null, label: 'CLASS CODE', field: 'GeneralLiability_Hazard_ClassCode_A' },
    });
    expect(flag(report, 'gl-coverage-form:generalLiability.coverage.occurrenceIndicator')).toBeDefined();
  });

  it('a one-word description of operations is too general', () => {
    const report = check(broken((s) => setValue(s, 'businessInformation.operationsDescription', 'Restaurant')));
    expect(flag(report, 'operations-description:businessInformation.operationsDescription')).toMatchObject({ code: 'invalid', value: 'Restaurant' });
  });

  it('an unanswered general-information question, no loss history, no prior carrier, no entity type are missing', () => {
    const report = check(
      broken((s) => {
        remove(s, 'generalInformation.questions.KAC');
        delete s.lossHistory;
        delete s.priorCoverage;
        delete s.namedInsureds![0]!.legalEntity;
      }),
    );
    expect(flag(report, 'general-information-answered:generalInformation.questions.KAC.answer')?.source).toMatchObject({ page: 3, label: expect.stringContaining('12. ANY FOREIGN OPERATIONS') });
    expect(flag(report, 'loss-history:lossHistory.noPriorLossesIndicator')).toBeDefined();
    expect(flag(report, 'prior-carrier:priorCoverage[0].generalLiability.insurerFullName')).toBeDefined();
    expect(flag(report, 'entity-type:namedInsureds[0].legalEntity.corporationIndicator')).toBeDefined();
    expect(check(broken((s) => (s.lossHistory = { noPriorLossesIndicator: leaf(s, 'policy.status.quoteIndicator') }))).flags.some((f) => f.rule === 'loss-history')).toBe(false);
  });

  it('a missing signature date is needed to bind, not to quote', () => {
    const report = check(broken((s) => remove(s, 'namedInsureds[0].signatureDate')));
    expect(flag(report, 'applicant-signature-date:namedInsureds[0].signatureDate')).toMatchObject({ when: 'bind', severity: 'blocking' });
  });

  it('policy dates: expiration after effective; effective neither past nor more than 180 days out', () => {
    expect(flag(check(broken((s) => setValue(s, 'policy.expirationDate', '2025-06-30'))), 'expiration-after-effective:policy.expirationDate')).toMatchObject({ code: 'invalid', severity: 'blocking' });
    expect(flag(check(clean, { today: new Date('2025-07-02T00:00:00Z') }), 'effective-date-past:policy.effectiveDate')).toMatchObject({ severity: 'blocking', when: 'quote' });
    expect(flag(check(clean, { today: new Date('2024-12-31T00:00:00Z') }), 'effective-date-too-far:policy.effectiveDate')?.message).toContain('182 days');
    expect(check(clean, { today: new Date('2025-01-02T00:00:00Z') }).flags.some((f) => f.rule.startsWith('effective-date'))).toBe(false);
  });

  it('names, FEIN and dates that differ between forms are inconsistent; the FEIN shows only its last 4', () => {
    const report = check(
      broken((s) => {
        const kept = leaf(s, 'namedInsureds[0].taxIdentifier');
        const on126 = { ...kept, value: '11-2223333', raw: '11-2223333', source: { ...kept.source, document: docOf(s, 'acord-126.pdf') } };
        s.conflicts.push({ path: 'namedInsureds[0].taxIdentifier', kept, other: on126 });
        const web = leaf(s, 'namedInsureds[0].primary.websiteAddress');
        s.conflicts.push({ path: 'namedInsureds[0].primary.websiteAddress', kept: web, other: { ...web, value: 'harbor.example' } });
      }),
    );
    const fein = flag(report, 'forms-disagree:namedInsureds[0].taxIdentifier')!;
    expect(fein).toMatchObject({ code: 'inconsistent', severity: 'blocking', value: '**-***6802' });
    expect(fein.message).toContain('**-***3333');
    expect(JSON.stringify(report)).not.toMatch(/87-2796802|11-2223333/);
    expect(flag(report, 'forms-disagree:namedInsureds[0].primary.websiteAddress')?.severity).toBe('warning');
  });

  it('formats: FEIN, ZIP, state, NAICS, class code', () => {
    const report = check(
      broken((s) => {
        setValue(s, 'namedInsureds[0].taxIdentifier', null, '87-27968');
        setValue(s, 'premises[0].physicalAddress.postalCode', null, '7874');
        setValue(s, 'premises[1].physicalAddress.stateOrProvinceCode', 'XX');
        setValue(s, 'namedInsureds[0].naicsCode', '7225');
        setValue(s, 'generalLiability.hazards[0].classCode', '1691');
      }),
    );
    expect(flag(report, 'tax-id-format:namedInsureds[0].taxIdentifier')).toMatchObject({ code: 'invalid', value: '**-*7968' }); // the shape as written (8 digits), all but the last 4 starred
    expect(flag(report, 'fein:namedInsureds[0].taxIdentifier')).toMatchObject({ code: 'invalid' });
    expect(flag(report, 'zip-format:premises[0].physicalAddress.postalCode')?.source).toMatchObject({ form: '125', page: 2 });
    expect(flag(report, 'state-code:premises[1].physicalAddress.stateOrProvinceCode')).toBeDefined();
    expect(flag(report, 'naics-format:namedInsureds[0].naicsCode')?.severity).toBe('warning');
    expect(flag(report, 'class-code-format:generalLiability.hazards[0].classCode')?.source).toMatchObject({ form: '126', label: 'CLASS CODE' });
  });

  it('a hazard or building at a location the 125 does not list', () => {
    const report = check(
      broken((s) => {
        setValue(s, 'generalLiability.hazards[1].locationProducerIdentifier', '9');
        setValue(s, 'property.locations[1].buildingProducerIdentifier', '4');
      }),
    );
    expect(flag(report, 'location-not-on-125:generalLiability.hazards[1].locationProducerIdentifier')?.message).toContain('location 9');
    expect(flag(report, 'location-not-on-125:property.locations[1].locationProducerIdentifier')?.message).toContain('location 2, building 4');
    expect(check(broken((s) => setValue(s, 'generalLiability.hazards[1].locationProducerIdentifier', '02'))).flags.some((f) => f.rule === 'location-not-on-125')).toBe(false);
  });

  it('totals that do not add up', () => {
    const report = check(
      broken((s) => {
        setValue(s, 'generalLiability.premiums.totalAmount', '9999.00');
        setValue(s, 'lossHistory.losses[0].paidAmount', '8000.00');
        setValue(s, 'policy.payment.estimatedTotalAmount', '21000.00');
      }),
    );
    expect(flag(report, 'gl-premium-total:generalLiability.premiums.totalAmount')?.message).toContain('2403.04');
    expect(flag(report, 'loss-total:lossHistory.totalAmount')?.message).toContain('42250.00');
    expect(flag(report, 'policy-premium-total:policy.payment.estimatedTotalAmount')).toMatchObject({ code: 'inconsistent', severity: 'warning' });
  });

  it('a Yes without its explanation, where the form has an explanation box', () => {
    const report = check(
      broken((s) => {
        remove(s, 'generalInformation.questions.KAM.explanation');
        remove(s, 'generalLiability.questions.ACD.explanation');
      }),
    );
    expect(flag(report, 'yes-needs-explanation:generalInformation.questions.KAM.explanation')).toMatchObject({
      code: 'missing',
      source: { form: '125', page: 3, field: 'CommercialPolicy_ApplicantOtherBusinessVenturesCoverageNotRequestedExplanation_A' },
    });
    expect(flag(report, 'yes-needs-explanation:generalLiability.questions.ACD.explanation')?.source).toMatchObject({ form: '126', document: docOf(clean, 'acord-126.pdf') });
    // KAB (athletic teams) on the 126 is explained by its team rows: the form has no box for words.
    expect(report.flags.some((f) => f.path.includes('questions.KAB'))).toBe(false);
  });

  it('a GL class code rated on another premium basis than its group', () => {
    const report = check(broken((s) => setValue(s, 'generalLiability.hazards[0].premiumBasisCode', 'P')));
    expect(flag(report, 'class-code-premium-basis:generalLiability.hazards[0].premiumBasisCode')?.message).toBe(
      'Class code 16910 (mercantile) is rated on gross sales, but the premium basis is "P" (payroll).',
    );
    expect(check(broken((s) => setValue(s, 'generalLiability.hazards[0].premiumBasisCode', 'GrSales'))).flags.some((f) => f.rule === 'class-code-premium-basis')).toBe(false);
  });

  it('a value read with doubt, and boxes and pages that could not be read', () => {
    const doc125 = docOf(clean, 'acord-125.pdf');
    const unread: ExtractionOutcome = structuredClone(outcome);
    const file = unread.files.find((f) => f.document === doc125)!;
    file.fieldsNotRead.push({ page: 2, rect: [40, 500, 100, 12], field: 'CommercialStructure_PhysicalAddress_CityName_A', path: 'premises[0].physicalAddress.cityName', reason: 'ocr-timeout', detail: 'no answer in 30 s' });
    file.pagesNotRead.push({ page: 5, reason: 'unidentified', detail: 'not a page of a form we know' });
    const report = check(broken((s) => (leaf(s, 'policy.effectiveDate').confidence = 0.35)), { outcome: unread });
    expect(flag(report, 'low-confidence:policy.effectiveDate')).toMatchObject({ code: 'low-confidence', severity: 'warning', source: { document: doc125, page: 1, label: 'PROPOSED EFF DATE' } });
    expect(flag(report, 'field-not-read:premises[0].physicalAddress.cityName')).toMatchObject({ code: 'unreadable', source: { document: doc125, page: 2, field: 'CommercialStructure_PhysicalAddress_CityName_A' } });
    expect(report.flags.find((f) => f.rule === 'page-not-read')?.message).toContain('Page 5 of acord-125.pdf');
    expect(report.checklist.find((c) => c.id === 'effective-date')?.status).toBe('flagged');
  });

  it('appetite hits become appetite flags; forms found but not read are listed', () => {
    const appetite: AppetiteVerdict = {
      carrier: 'Granite Ridge',
      version: '2025-1',
      decision: 'out',
      hits: [
        { rule: 'no-frame-restaurants', decision: 'out', message: 'Frame restaurants are outside appetite.', path: 'property.locations[0].construction.constructionCode', value: 'Frame' },
        { rule: 'fein-watch', decision: 'refer', message: 'Insured on the watch list.', path: 'namedInsureds[0].taxIdentifier', value: '87-2796802' },
      ],
    };
    const s = broken((x) => (x.documents[0]!.formsNotRead = [{ form: '160', edition: '2016/03', pages: [5, 6] }]));
    const report = check(s, { appetite });
    expect(flag(report, 'no-frame-restaurants:property.locations[0].construction.constructionCode')).toMatchObject({ code: 'appetite', severity: 'blocking', source: { form: '140', page: 1 } });
    expect(flag(report, 'fein-watch:namedInsureds[0].taxIdentifier')).toMatchObject({ severity: 'warning', value: '**-***6802' });
    expect(report.appetite).toEqual(appetite);
    expect(report.formsNotRead).toEqual([{ document: s.documents[0]!.id, fileName: s.documents[0]!.fileName, form: '160', edition: '2016/03', pages: [5, 6] }]);
  });

  it('without requested lines, the lines come from the forms present', () => {
    const noLines = (s: Submission) => {
      delete s.policy!.linesOfBusiness;
      delete s.policy!.otherLinesOfBusiness;
    };
    expect(check(broken(noLines)).lines).toEqual(['package']);
    const glOnly = broken((s) => {
      noLines(s);
      s.documents = s.documents.filter((d) => !d.fileName.startsWith('acord-140'));
      delete s.property;
    });
    const report = check(glOnly);
    expect(report.lines).toEqual(['general-liability']);
    expect(report.flags.some((f) => f.rule.startsWith('property-'))).toBe(false);
    expect(flag(report, 'requested-lines:policy.linesOfBusiness.commercialGeneralLiability.requested')).toBeDefined();
  });

  it('fewer years of losses than asked, files naming another insured, a file not read', () => {
    expect(flag(check(broken((s) => setValue(s, 'lossHistory.informationYearCount', 3))), 'loss-history-years:lossHistory.informationYearCount')?.message).toBe('Losses are given for 3 years; 5 are needed.');
    const other: ExtractionOutcome = structuredClone(outcome);
    other.differentInsureds = [
      { name: 'Harbor Lights Seafood Grill LLC', taxIdLast4: '6802', documents: FILES, merged: true },
      { name: 'Gulf Coast Oyster Bar Inc', taxIdLast4: '1234', documents: ['oyster-125.pdf'], merged: false },
    ];
    other.files.push({ fileName: 'loss-runs.docx', document: null, status: 'failed', forms: [], valuesRead: 0, valuesUnplaced: 0, pagesNotRead: [], fieldsNotRead: [], warnings: [], error: { code: 'unsupported', message: 'a Word file, not a form', retryable: false } });
    const report = check(clean, { outcome: other });
    expect(flag(report, 'different-insureds:namedInsureds[0].fullName')).toMatchObject({ code: 'inconsistent', severity: 'blocking' });
    expect(flag(report, 'different-insureds:namedInsureds[0].fullName')?.message).toContain('Gulf Coast Oyster Bar Inc (**-***1234) in oyster-125.pdf');
    expect(flag(report, 'file-not-read:documents#loss-runs.docx')).toMatchObject({ code: 'unreadable', source: null });
  });

  it('a value of an ACORD XML request is shown on the form whose box holds it, with no page', async () => {
    const fileName = path.join(SAMPLE, 'submission.xml');
    const { submission } = await extractSubmission([{ fileName, bytes: new Uint8Array(await readFile(fileName)) }]);
    leaf(submission, 'property.locations[1].construction.builtYear').confidence = 0.2;
    const report = check(submission, { outcome: null });
    expect(flag(report, 'low-confidence:property.locations[1].construction.builtYear')?.source).toMatchObject({ form: '140', page: null, rect: null, label: 'YR BUILT' });
  });

  it('gives the same flag ids on a re-check', () => {
    const s = broken((x) => remove(x, 'namedInsureds[0].taxIdentifier'));
    expect(check(s).flags.map((f) => f.id)).toEqual(check(structuredClone(s)).flags.map((f) => f.id));
  });
});
