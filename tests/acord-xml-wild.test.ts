import { describe, expect, it } from 'vitest';
import type { SubmissionData } from '../schemas/submission.js';
import { XmlReadError } from '../src/errors.js';
import { extractAcordXml } from '../src/read/extract/acord-xml-extractor.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { getAtPath } from '../src/model/model-path.js';
import { hasRealCorpus as hasCorpus, readRealCorpus } from './support/real-corpus.js';

const read = (name: string) => readRealCorpus(`xml/${name}`);
const extract = (name: string) => extractAcordXml(read(name), { id: 'e'.repeat(64), fileName: name });

type Leaf = { value: unknown; source: { field?: string } };
const leaf = (data: SubmissionData, p: string) => getAtPath(data, p) as Leaf | undefined;

function expectValues(data: SubmissionData, expected: Record<string, unknown>): void {
  expect(Object.fromEntries(Object.keys(expected).map((p) => [p, leaf(data, p)?.value]))).toEqual(expected);
}

/** The not-read warning's entries, as `place (n values)` strings. */
function notRead(warnings: string[]): string[] {
  const w = warnings.find((x) => / not read: \d+ value/.test(x));
  if (!w) return [];
  return w
    .replace(/^.*? not read: \d+ value\(s\) at \d+ place\(s\): /, '')
    .replace(/; and \d+ more places$/, '')
    .split(/, (?=InsuranceSvcRq\/)/);
}

const skippedWorkComp = (file: string) =>
  `${file}: WorkCompPolicyQuoteInqRq: workers' compensation line (WorkCompLineBusiness) not read; insured, producer, locations and policy dates read`;

describe.skipIf(!hasCorpus)('real ACORD XML from the wild', () => {
  describe('talage: a carrier sample PolicyRq with BOPLineBusiness', async () => {
    const file = 'talage-liberty-bop-policyrq-from-comment.xml';
    const { data, forms, warnings } = hasCorpus ? await extract(file) : ({} as Awaited<ReturnType<typeof extract>>);

    it('is read as a BOP: 125 + 126 (its liability) + 140 (its property)', () => {
      expect(forms.map((f) => f.form)).toEqual(['125', '126', '140']);
      expectValues(data, {
        'policy.linesOfBusiness.businessOwners.requested': true,
        'policy.status.quoteIndicator': true,
        // A BOP's liability is on the businessowners form, not the CGL coverage form.
        'generalLiability.coverage.commercialGeneralLiabilityIndicator': undefined,
      });
    });

    it('reads the insured, policy dates, head count and the primary contact', () => {
      expectValues(data, {
        'namedInsureds[0].fullName': 'BOP SAMPLE XML',
        'namedInsureds[0].taxIdentifier': '43-5839454',
        'namedInsureds[0].legalEntity.corporationIndicator': true,
        'namedInsureds[0].mailingAddress.cityName': 'Bountiful',
        'namedInsureds[0].mailingAddress.postalCode': '84010',
        'namedInsureds[0].primary.phoneNumber': '+15306616044',
        'businessInformation.operationsDescription': 'Operations Desc',
        'businessInformation.employeeCount': 5,
        'policy.effectiveDate': '2021-04-01',
        'policy.status.effectiveDate': '2021-04-01',
        'policy.controllingStateCode': 'UT',
        'carrier.producerIdentifier': '4689905',
        'contacts[0].fullName': 'Test Commercial Name',
        'contacts[0].contactDescription': 'PrimaryContact',
        'contacts[0].primaryPhoneNumber': '+13154568453',
      });
      expect(leaf(data, 'businessInformation.employeeCount')?.source.field).toBe('Policy/PolicySupplement/NumEmployees');
    });

    it('maps the GL classification, the BPP and BLDG items and the LocationUWInfo building facts', () => {
      expectValues(data, {
        'generalLiability.hazards[0].classCode': '88573',
        'generalLiability.hazards[0].locationProducerIdentifier': '1',
        'property.locations[0].locationProducerIdentifier': '1',
        'property.locations[0].physicalAddressLine': '1 Penman Lane, Bountiful, UT 84010',
        'property.locations[0].subjectsOfInsurance[0].subjectOfInsuranceCode': 'BPP',
        'property.locations[0].subjectsOfInsurance[0].limitAmount': '250000.00',
        'property.locations[0].subjectsOfInsurance[1].subjectOfInsuranceCode': 'BLDG',
        'property.locations[0].subjectsOfInsurance[1].limitAmount': '160000.00',
        'property.locations[0].construction.constructionCode': 'MNC',
        'property.locations[0].construction.builtYear': 2015,
        'property.locations[0].construction.storeyCount': 1,
        'property.locations[0].construction.roofMaterialCode': 'ASPHS',
        'premises[0].insuredInterest.tenantIndicator': true,
        'premises[0].buildingArea': 1000,
        'premises[0].occupiedArea': 1000,
        'premises[0].annualRevenueAmount': '250000.00',
      });
      expect(leaf(data, 'generalLiability.hazards[0].classCode')?.source.field).toBe('BOPLineBusiness/LiabilityInfo/GeneralLiabilityClassification/ClassCd');
      expect(data.generalLiability?.hazards).toHaveLength(1);
    });

    it('skips no line, and lists the carrier question sets and coverage options it has no place for', () => {
      expect(warnings.some((w) => /line \(\w+\) not read/.test(w))).toBe(false);
      expect(notRead(warnings)).toEqual(
        expect.arrayContaining([
          'InsuranceSvcRq/PolicyRq/Policy/QuestionAnswer/… (85 values)',
          'InsuranceSvcRq/PolicyRq/BOPLineBusiness/LiabilityInfo/GeneralLiabilityClassification/Coverage/… (18 values)',
          'InsuranceSvcRq/PolicyRq/BOPLineBusiness/PropertyInfo/CommlPropertyInfo/ClassCd (2 values)',
        ]),
      );
      // What was read is not listed.
      expect(warnings.join('\n')).not.toMatch(/CommercialName|SubjectInsuranceCd|YearBuilt|NumEmployees\b/);
    });
  });

  it('talage as a BOPPolicyQuoteInqRq and as a CommlPkgPolicyAddRq carrying BOPLineBusiness: read the same, status from the request name', async () => {
    const file = 'talage-liberty-bop-policyrq-from-comment.xml';
    const text = Buffer.from(read(file)).toString('utf8').replace('<BusinessPurposeTypeCd>NBQ</BusinessPurposeTypeCd>', '');
    for (const [request, status] of [
      ['BOPPolicyQuoteInqRq', 'quoteIndicator'],
      ['CommlPkgPolicyAddRq', 'issueIndicator'],
    ]) {
      const renamed = text.replaceAll('PolicyRq>', `${request}>`);
      const { data, forms } = await extractAcordXml(new TextEncoder().encode(renamed), { id: 'f'.repeat(64), fileName: file });
      expect(forms.map((f) => f.form)).toEqual(['125', '126', '140']);
      expectValues(data, {
        [`policy.status.${status}`]: true,
        'policy.linesOfBusiness.businessOwners.requested': true,
        'generalLiability.hazards[0].classCode': '88573',
        'property.locations[0].subjectsOfInsurance[1].limitAmount': '160000.00',
      });
    }
  });

  describe('appulate: WorkCompPolicyQuoteInqRq, ACORD 2.2, <Policy id="CommlPolicy">, two locations', async () => {
    const file = 'appulate-case1-workcomp-quoteinqrq.xml';
    const { data, forms, warnings } = hasCorpus ? await extract(file) : ({} as Awaited<ReturnType<typeof extract>>);

    it('reads the 125 parts and says the workers’ compensation line was skipped', () => {
      expect(forms.map((f) => f.form)).toEqual(['125']);
      expect(warnings[0]).toBe(skippedWorkComp(file));
    });

    it('reads insured, producer and policy', () => {
      expectValues(data, {
        'namedInsureds[0].fullName': 'Gold Apple Tree',
        'namedInsureds[0].taxIdentifier': '31-4233466',
        'namedInsureds[0].naicsCode': '123456',
        'namedInsureds[0].businessStartDate': '2018-01-01',
        'namedInsureds[0].primary.websiteAddress': 'www.goldapple.com',
        'namedInsureds[0].signatureDate': '2023-11-27',
        'producer.fullName': 'Sherwood Lake Insurance',
        'producer.contactPerson.fullName': 'Tom Harris',
        'producer.faxNumber': '+18187177301',
        'carrier.producerIdentifier': 'AGCODE123',
        'policy.effectiveDate': '2024-03-01',
        'policy.expirationDate': '2025-03-01',
        'policy.status.quoteIndicator': true,
        'policy.status.effectiveDate': '2023-12-04',
        'policy.payment.paymentScheduleCode': 'QT',
        'policy.otherLinesOfBusiness[0].description': 'WORK',
        'priorCoverage[0].otherLine.policyNumberIdentifier': '024444-17',
        'priorCoverage[0].otherLine.totalPremiumAmount': '40995.00',
        'priorCoverage[3].otherLine.insurerFullName': 'REPUBLIC',
      });
    });

    it('gives each building with facts its own premises row, and reads the policy’s other parties as contacts', () => {
      expectValues(data, {
        'premises[0].locationProducerIdentifier': '1',
        'premises[0].buildingProducerIdentifier': '1',
        'premises[0].occupiedArea': 3800,
        'premises[0].fullTimeEmployeeCount': 18,
        'premises[0].annualRevenueAmount': '320000.00',
        'premises[0].riskLocation.insideCityLimitsIndicator': true,
        'premises[1].locationProducerIdentifier': '1',
        'premises[1].buildingProducerIdentifier': '2',
        'premises[1].occupiedArea': 1800,
        'premises[1].fullTimeEmployeeCount': 6,
        'premises[2].locationProducerIdentifier': '2',
        'premises[2].physicalAddress.cityName': 'Thousand Oaks',
        'premises[2].occupiedArea': 500,
        'contacts[0].fullName': 'Bill Blocher',
        'contacts[0].contactDescription': 'AC, CC, InspectionContact',
        'contacts[1].fullName': 'Insured contact',
      });
      expect(data.premises).toHaveLength(3);
    });

    it('lists what it did not read, largest first, capped', () => {
      const listed = notRead(warnings);
      expect(listed[0]).toBe('InsuranceSvcRq/WorkCompPolicyQuoteInqRq/WorkCompLineBusiness/… (141 values)');
      expect(listed).toContain('InsuranceSvcRq/WorkCompPolicyQuoteInqRq/InsuredOrPrincipal/GeneralPartyInfo/NameInfo/NonTaxIdentity/… (4 values)');
      // The producer's cell phone has no box: its PhoneInfo is listed, the phone and fax that were read are not.
      expect(listed).toContain('InsuranceSvcRq/WorkCompPolicyQuoteInqRq/Producer/GeneralPartyInfo/Communications/PhoneInfo/… (2 values)');
      expect(listed).toHaveLength(15);
      expect(warnings.at(-1)).toMatch(/; and \d+ more places$/);
    });
  });

  describe('dais: WorkCompPolicyQuoteInqRq without namespace, two locations', async () => {
    const file = 'dais-expectedXml-workcomp-quoteinqrq.xml';
    const { data, warnings } = hasCorpus ? await extract(file) : ({} as Awaited<ReturnType<typeof extract>>);

    it('reads insured, producer contact, policy dates and both locations', () => {
      expectValues(data, {
        'namedInsureds[0].fullName': 'WTest',
        'namedInsureds[0].taxIdentifier': '654979854', // no TaxIdTypeCd: nine bare digits of unknown kind
        'namedInsureds[0].legalEntity.corporationIndicator': true,
        'namedInsureds[0].mailingAddress.postalCode': '94301',
        'namedInsureds[0].primary.phoneNumber': '+12014497192',
        'namedInsureds[0].primary.emailAddress': 'testops@webomates.com',
        'producer.contactPerson.fullName': 'Haala ch',
        'policy.effectiveDate': '2022-12-30',
        'policy.expirationDate': '2023-12-30',
        'policy.controllingStateCode': 'CA',
        'policy.formCompletionDate': '2022-10-27',
        'premises[0].physicalAddress.lineOne': '435 Tasso Street',
        'premises[1].locationProducerIdentifier': '2',
        'premises[1].physicalAddress.lineOne': '144 Melrose Street',
      });
      expect(leaf(data, 'businessInformation.operationsDescription')?.value).toMatch(/^WTest is a\(n\) Continuing Care Retirement Community/);
    });

    it('says the line was skipped and lists every unread value by path', () => {
      expect(warnings[0]).toBe(skippedWorkComp(file));
      expect(notRead(warnings)).toEqual([
        'InsuranceSvcRq/WorkCompPolicyQuoteInqRq/WorkCompLineBusiness/… (24 values)',
        'InsuranceSvcRq/WorkCompPolicyQuoteInqRq/Producer/ItemIdInfo/…',
        'InsuranceSvcRq/WorkCompPolicyQuoteInqRq/CommlPolicy/com.afg_TotalEmployees',
        'InsuranceSvcRq/WorkCompPolicyQuoteInqRq/CommlPolicy/CommlPolicySupplement/LengthTimeInBusiness/…',
        'InsuranceSvcRq/WorkCompPolicyQuoteInqRq/CommlPolicy/CommlPolicySupplement/LossDataAvailable',
      ]);
    });

    it('passes the warnings through extractDocument', async () => {
      const doc = await extractDocument(read(file), file);
      expect(doc.warnings).toEqual(warnings);
    });
  });

  describe('openinsure: a simplified CommlPkgPolicyQuoteInqRq, NameInfo without GeneralPartyInfo', async () => {
    const file = 'openinsure-acord125-full-from-test-string.xml';
    const { data, forms, warnings } = hasCorpus ? await extract(file) : ({} as Awaited<ReturnType<typeof extract>>);

    it('reads the insured placed straight in InsuredOrPrincipal', () => {
      expect(forms.map((f) => f.form)).toEqual(['125']);
      expectValues(data, {
        'namedInsureds[0].fullName': 'Meridian Healthcare Group',
        'namedInsureds[0].taxIdentifier': '12-3456789',
        'namedInsureds[0].mailingAddress.lineOne': '123 Medical Drive',
        'namedInsureds[0].mailingAddress.cityName': 'Boston',
        'namedInsureds[0].mailingAddress.stateOrProvinceCode': 'MA',
        'namedInsureds[0].mailingAddress.postalCode': '02101',
        'namedInsureds[0].primary.phoneNumber': '+16175550100',
        'namedInsureds[0].primary.emailAddress': 'risk@meridianhg.com',
        'namedInsureds[0].primary.websiteAddress': 'https://meridianhg.com',
        'policy.effectiveDate': '2026-01-01',
        'policy.expirationDate': '2027-01-01',
        'policy.linesOfBusiness.cyberAndPrivacy.requested': true,
      });
      expect(leaf(data, 'namedInsureds[0].fullName')?.source.field).toBe('InsuredOrPrincipal/NameInfo/CommlName/CommercialName');
    });

    it('lists its non-standard parts as not read', () => {
      expect(notRead(warnings)).toEqual([
        'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/CommlSubLocation/… (6 values)',
        'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/PriorPolicy/… (5 values)',
        'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/LossInfo/… (4 values)',
        'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/Coverage/… (3 values)',
        'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/CommlPolicy/Limit/…',
        'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/CommlPolicy/Deductible/…',
      ]);
    });

    it('with two NameInfo straight in the party, which one is the insured is ambiguous: nothing is guessed, all is listed', async () => {
      const text = Buffer.from(read(file)).toString('utf8').replace(
        '<Addr>',
        '<NameInfo><CommlName><CommercialName>Meridian Holdings</CommercialName></CommlName></NameInfo><Addr>',
      );
      const { data: ambiguous, warnings: listed } = await extractAcordXml(new TextEncoder().encode(text), { id: 'f'.repeat(64), fileName: file });
      expect(ambiguous.namedInsureds).toBeUndefined();
      expect(notRead(listed)[0]).toBe('InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/InsuredOrPrincipal/… (11 values)');
    });
  });

  it('coforge: an <ACORD> root with an invented body is refused as no ACORD request', async () => {
    const err = await extract('coforge-complete_submission_001-nonstandard.xml').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(XmlReadError);
    expect((err as XmlReadError).code).toBe('xml-unsupported-request');
    expect((err as XmlReadError).message).toMatch(/no P&C policy request: it holds no request \(ACORD contains <CommercialSubmission>\)/);
  });
});
