import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormTemplate, type TemplateField } from '../schemas/form-template.js';
import { Submission } from '../schemas/submission.js';
import { leafValueType } from '../src/model/model-path.js';
import { SECTION_HEADER_FACTS, type FormFact } from './support/section-header-facts.js';

const TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'templates', 'acord-126-2016-09.json');
const t = FormTemplate.parse(JSON.parse(readFileSync(TEMPLATE, 'utf8')));

function field(name: string): TemplateField {
  const f = t.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${name} is not on the 126 template`);
  return f;
}

const byPath = (p: string) => t.fields.find((f) => f.path === p);

/** Facts read off the real form (page, rectangle [x, y, w, h], printed label) and where they go. */
const FACTS: FormFact[] = [
  // Header and signature block: the 125's paths.
  ...SECTION_HEADER_FACTS,
  ['Producer_AuthorizedRepresentative_Signature_A', 'producer.authorizedRepresentative.signature', 4, [22, 60, 230, 12]],
  ['Producer_AuthorizedRepresentative_FullName_A', 'producer.authorizedRepresentative.fullName', 4, [259, 60, 231, 12]],
  ['Producer_StateLicenseIdentifier_A', 'producer.stateLicenseIdentifier', 4, [497, 60, 93, 12]],
  ['NamedInsured_Signature_A', 'namedInsureds[0].signature', 4, [22, 36, 396, 12]],
  ['NamedInsured_SignatureDate_A', 'namedInsureds[0].signatureDate', 4, [425, 36, 65, 12]],
  ['Producer_NationalIdentifier_A', 'producer.nationalIdentifier', 4, [497, 36, 93, 12]],
  // Coverages and limits, page 1.
  ['GeneralLiability_ClaimsMadeIndicator_A', 'generalLiability.coverage.claimsMadeIndicator', 1, [32, 612, 15, 12]],
  ['GeneralLiability_GeneralAggregate_LimitAmount_A', 'generalLiability.limits.generalAggregate', 1, [410, 624, 80, 12]],
  ['GeneralLiability_EachOccurrence_LimitAmount_A', 'generalLiability.limits.eachOccurrence', 1, [410, 564, 80, 12]],
  ['GeneralLiability_MedicalExpense_EachPersonLimitAmount_A', 'generalLiability.limits.medicalExpense', 1, [410, 540, 80, 12]],
  ['GeneralLiability_EmployeeBenefits_LimitAmount_A', 'generalLiability.limits.employeeBenefits', 1, [410, 528, 80, 12]],
  // Printed "OTHER: ____" beside LIMIT APPLIES PER; named a code.
  ['GeneralLiability_GeneralAggregate_LimitAppliesToCode_A', 'generalLiability.limits.generalAggregateAppliesPer.otherDescription', 1, [400, 600, 90, 12]],
  // Hazard rows A–C.
  ['GeneralLiability_Hazard_ClassCode_B', 'generalLiability.hazards[1].classCode', 1, [90, 336, 47, 12]],
  ['GeneralLiability_Hazard_Classification_A', 'generalLiability.hazards[0].classification', 1, [22, 372, 568, 24]],
  ['GeneralLiability_Hazard_Exposure_C', 'generalLiability.hazards[2].exposure', 1, [194, 264, 94, 12]],
  // Page 1 "OTHER COVERAGES, RESTRICTIONS AND/OR ENDORSEMENTS" and page 4 "REMARKS".
  ['GeneralLiabilityLineOfBusiness_RemarkText_A', 'generalLiability.otherCoveragesRestrictionsEndorsementsText', 1, [22, 480, 568, 24]],
  ['GeneralLiabilityLineOfBusiness_RemarkText_B', 'generalLiability.remarkText', 4, [22, 432, 568, 18]],
  ['ProductAndCompletedOperations_AnnualGrossSalesAmount_C', 'generalLiability.productAndCompletedOperations[2].annualGrossSalesAmount', 2, [126, 396, 72, 12]],
  ['PropertyItem_ItemDetail_InstructionGivenCode_B', 'generalLiability.rentedEquipment[1].instructionGivenCode', 3, [508, 408, 14, 12]],
  ['AthleticTeam_ContactSportCode_B', 'generalLiability.athleticTeams[1].contactSportCode', 3, [416, 126, 14, 12]],
  ['AdditionalInterest_FullName_A', 'generalLiability.additionalInterests[0].fullName', 3, [126, 708, 320, 12]],
  // Question 17, "LEASE FROM" column: a name box misnamed AdditionalInterest_FullName_D and its Y/N box one letter behind.
  ['AdditionalInterest_FullName_D', 'generalLiability.employeeLeasing.leaseFrom[0].fullName', 4, [302, 654, 162, 12]],
  ['AdditionalInterest_WorkersCompensationCarriedCode_C', 'generalLiability.employeeLeasing.leaseFrom[0].workersCompensationCarriedCode', 4, [504, 654, 14, 12]],
];

/** Question → explanation box, as printed (explanation box directly under the question line). */
const PAIRS: [question: string, explanation: string, page: number][] = [
  ['GeneralLiabilityLineOfBusiness_Question_AAHCode_A', 'GeneralLiabilityLineOfBusiness_AnyProductWorkAccidentLocationExcludedUninsuredPreviousCoverageExplanation_A', 1],
  ['Contractors_Question_AACCode_A', 'GeneralLiabilityLineOfBusiness_OperationsIncludeEvacuationExplanation_A', 2],
  ['GeneralLiabilityLineOfBusiness_Question_ABICode_A', 'GeneralLiabilityLineOfBusiness_NamedInsuredSellToOtherNamedInsuredExplanation_R', 2],
  ['GeneralLiabilityLineOfBusiness_Question_ACJCode_A', 'GeneralLiabilityLineOfBusiness_OperationsInvolveStoringDisposingTransportingHazardousMaterialExplanation_A', 3],
  ['Contractors_Question_AAHCode_A', 'GeneralLiabilityLineOfBusiness_WatercraftDocksFloatsOwnedHiredLeasedExplanation_A', 3],
  ['Contractors_Question_AAGCode_A', 'GeneralLiabilityLineOfBusiness_FormalSafetySecurityPolicyInEffectExplanation_A', 4],
  ['GeneralLiabilityLineOfBusiness_Question_AAGCode_A', 'GeneralLiabilityLineOfBusiness_BusinessPromotionalLiteratureSafetyRepresentationsExplanation_A', 4],
];

describe('ACORD 126 (2016/09) template', () => {
  it('is the 126 of that edition with every field of the form', () => {
    expect(t.form).toBe('126');
    expect(t.edition).toBe('2016/09');
    expect(t.footer).toBe('ACORD 126 (2016/09)');
    expect(t.pages).toHaveLength(4);
    expect(t.fields).toHaveLength(255);
  });

  it.each(FACTS)('%s → %s on page %i', (name, p, page, rect) => {
    const f = field(name);
    expect(f.path).toBe(p);
    expect(f.widgets[0]!.page).toBe(page);
    f.widgets[0]!.rect.forEach((v, i) => expect(v).toBeCloseTo(rect[i]!, 0));
  });

  it('repeats the agency customer id on every page', () => {
    expect(field('Producer_CustomerIdentifier_A').path).toBe('producer.customerIdentifier');
    expect(field('Producer_CustomerIdentifier_A').widgets.map((w) => w.page)).toEqual([1, 2, 3, 4]);
  });

  it('maps every field but the hidden edition box, each to its own path', () => {
    const unmapped = t.fields.filter((f) => f.path === null);
    expect(unmapped.map((f) => f.name)).toEqual(['Form_EditionIdentifier_A']);
    expect(unmapped[0]!.why).toMatch(/edition/);
    const paths = t.fields.flatMap((f) => (f.path ? [f.path] : []));
    expect(new Set(paths).size).toBe(254);
  });

  it('names model leaves whose value type the template repeats', () => {
    for (const f of t.fields.filter((x) => x.path)) {
      expect(leafValueType(Submission, f.path!), f.name).toBe(f.valueType);
      expect(f.kind === 'checkbox', f.name).toBe(f.valueType === 'boolean');
    }
  });

  it('reads every "Enter Y for a Yes response" box, and only those, as yesNo', () => {
    const marked = t.fields.filter((f) => f.tooltip.startsWith('Enter Y for a “Yes” response'));
    expect(marked).toHaveLength(48);
    expect(t.fields.filter((f) => f.valueType === 'yesNo').map((f) => f.name).sort()).toEqual(marked.map((f) => f.name).sort());
  });

  it('keeps Contractors questions apart from the general-liability ones with the same code', () => {
    expect(field('Contractors_Question_AABCode_A').path).toBe('generalLiability.contractors.questions.AAB.answer');
    expect(field('GeneralLiabilityLineOfBusiness_Question_AABCode_A').path).toBe('generalLiability.questions.AAB.answer');
    expect(field('GeneralLiabilityLineOfBusiness_ApplicantDrawPlansForOthersExplanation_A').path).toBe('generalLiability.contractors.questions.AAB.explanation');
    expect(field('GeneralLiabilityLineOfBusiness_ApplicantActiveJointVenturesExplanation_A').path).toBe('generalLiability.questions.AAB.explanation');
  });

  it.each(PAIRS)('pairs %s with %s', (question, explanation, page) => {
    const q = field(question);
    const e = field(explanation);
    expect(e.path).toBe(q.path!.replace(/\.answer$/, '.explanation'));
    expect([q.widgets[0]!.page, e.widgets[0]!.page]).toEqual([page, page]);
  });

  it('places every explanation box below its own question, with no other question in between', () => {
    const explanations = t.fields.filter((f) => f.path?.endsWith('.explanation'));
    expect(explanations).toHaveLength(34);
    const answers = t.fields.filter((f) => f.path?.endsWith('.answer'));
    for (const e of explanations) {
      const q = byPath(e.path!.replace(/\.explanation$/, '.answer'));
      expect(q, e.name).toBeDefined();
      const [ew] = e.widgets;
      const [qw] = q!.widgets;
      expect(qw!.page, e.name).toBe(ew!.page);
      const top = ew!.rect[1] + ew!.rect[3];
      expect(qw!.rect[1], e.name).toBeGreaterThanOrEqual(top - 0.5);
      const between = answers.filter((a) => a !== q && a.widgets[0]!.page === ew!.page && a.widgets[0]!.rect[1] >= top - 0.5 && a.widgets[0]!.rect[1] < qw!.rect[1]);
      expect(between.map((a) => a.name), e.name).toEqual([]);
    }
  });
});
