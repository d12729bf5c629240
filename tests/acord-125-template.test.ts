import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACORD_125_RULES } from '../schemas/field-rules/acord-125.js';
import { FormTemplate, type TemplateField } from '../schemas/form-template.js';
import { Submission } from '../schemas/submission.js';
import { LINES_OF_BUSINESS, POLICY_ATTACHMENTS } from '../schemas/submission/policy.js';
import { leafValueType } from '../src/model/model-path.js';
import { applyFieldRules } from '../src/read/templates/apply-field-rules.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const template = FormTemplate.parse(JSON.parse(readFileSync(path.join(ROOT, 'schemas/templates/acord-125-2016-03.json'), 'utf8')));
const byName = new Map(template.fields.map((f) => [f.name, f]));
const byPath = new Map(template.fields.filter((f) => f.path).map((f) => [f.path!, f]));

function field(name: string): TemplateField {
  const f = byName.get(name);
  if (!f) throw new Error(`${name} is not in the template`);
  return f;
}

/** Top edge of a widget in PDF user space (y grows upwards). */
const top = (f: TemplateField) => f.widgets[0]!.rect[1] + f.widgets[0]!.rect[3];
const bottom = (f: TemplateField) => f.widgets[0]!.rect[1];

describe('ACORD 125 (2016/03) template', () => {
  it('comes from both real copies and maps every field but the hidden edition stamp', () => {
    expect(template.footer).toBe('ACORD 125 (2016/03)');
    expect(template.derivedFrom.map((d) => d.file)).toEqual(['acord-125.pdf', 'acord-125-2016-03r1-encrypted-xfa.pdf']);
    expect(template.pages).toHaveLength(4);
    expect(template.fields).toHaveLength(548);
    const unmapped = template.fields.filter((f) => f.path === null);
    expect(unmapped.map((f) => f.name)).toEqual(['Form_EditionIdentifier_A']);
    expect(unmapped[0]!.why).toBeTruthy();
  });

  it('gives every path one field, a model leaf of the recorded type, and checkboxes only boolean leaves', () => {
    expect(byPath.size).toBe(547);
    for (const f of template.fields) {
      if (f.path === null) continue;
      expect(leafValueType(Submission, f.path), f.name).toBe(f.valueType);
      expect(f.kind === 'checkbox', f.name).toBe(f.valueType === 'boolean');
    }
  });

  it('matches what the current rules say (re-derive after editing the rules)', () => {
    for (const f of template.fields) expect(applyFieldRules(ACORD_125_RULES, f.name)?.path ?? null, f.name).toBe(f.path);
  });

  it('places named insureds, the repeated customer id and the continued prior-carrier header where the form prints them', () => {
    expect(field('NamedInsured_FullName_B')).toMatchObject({ path: 'namedInsureds[1].fullName', widgets: [{ page: 1, rect: [22, 192, 280, 12] }] });
    expect(field('NamedInsured_TaxIdentifier_A')).toMatchObject({ path: 'namedInsureds[0].taxIdentifier', valueType: 'taxId' });
    // Printed under "nature of business" on page 2, but it is the first named insured's start date.
    expect(field('NamedInsured_BusinessStartDate_A')).toMatchObject({ path: 'namedInsureds[0].businessStartDate', widgets: [{ page: 2 }] });

    const customerId = field('Producer_CustomerIdentifier_A');
    expect(customerId.path).toBe('producer.customerIdentifier');
    expect(customerId.widgets.map((w) => w.page)).toEqual([1, 2, 3, 4]);

    const otherLine = field('PriorCoverage_OtherLine_LineOfBusinessCode_A');
    expect(otherLine.path).toBe('priorCoverage[0].otherLine.lineOfBusinessCode');
    expect(otherLine.widgets.map((w) => w.page)).toEqual([3, 4]);
    expect(field('PriorCoverage_PolicyYear_A').widgets[0]!.page).toBe(3);
    expect(field('PriorCoverage_PolicyYear_C')).toMatchObject({ path: 'priorCoverage[2].policyYear', valueType: 'year', widgets: [{ page: 4 }] });
  });

  it('sends the page-3 "name of trust" box to question 11, not to an additional interest', () => {
    const trust = field('AdditionalInterest_FullName_B');
    expect(trust).toMatchObject({ path: 'generalInformation.trustName', widgets: [{ page: 3 }] });
    expect(trust.tooltip).toContain('name of the trust');
    // Same row as question 11's Y/N box (ABB).
    expect(top(trust)).toBe(top(field('CommercialPolicy_Question_ABBCode_A')));
    expect(field('AdditionalInterest_FullName_A')).toMatchObject({ path: 'additionalInterests[0].fullName', widgets: [{ page: 2 }] });
    expect(template.fields.filter((f) => f.path?.startsWith('additionalInterests[')).every((f) => f.path!.startsWith('additionalInterests[0].'))).toBe(true);
  });

  it('reads every "Enter Y / N" box as yesNo and nothing else', () => {
    const yn = template.fields.filter((f) => f.tooltip.startsWith('Enter Y for a'));
    expect(yn).toHaveLength(26); // 16 general-information questions, 4 premises, 3 × 2 loss-status boxes
    for (const f of yn) expect(f, f.name).toMatchObject({ valueType: 'yesNo', maxLength: 1 });
    expect(template.fields.filter((f) => f.valueType === 'yesNo')).toHaveLength(26);
    expect(field('LossHistory_ClaimStatus_SubrogationCode_B').path).toBe('lossHistory.losses[1].subrogation');
    expect(field('LossHistory_ClaimStatus_OpenCode_C').path).toBe('lossHistory.losses[2].open');
    expect(field('CommercialStructure_Question_ABBCode_D')).toMatchObject({ path: 'premises[3].questions.ABB.answer', widgets: [{ page: 2 }] });
  });

  it('pairs the six explanation boxes with the question printed directly above them', () => {
    const questions = template.fields
      .filter((f) => /^CommercialPolicy_Question_[A-Z]{3}Code_A$/.test(f.name))
      .sort((a, b) => top(b) - top(a));
    expect(questions).toHaveLength(16);
    for (const q of questions) expect(q.path).toBe(`generalInformation.questions.${q.name.slice(26, 29)}.answer`);

    const explained = template.fields.filter((f) => /^generalInformation\.questions\.[A-Z]{3}\.explanation$/.test(f.path ?? ''));
    expect(explained.map((f) => f.path!.slice(29, 32)).sort()).toEqual(['AAD', 'ABC', 'KAB', 'KAM', 'KAN', 'KAO']);
    for (const e of explained) {
      const code = e.path!.slice(29, 32);
      const i = questions.findIndex((q) => q.name === `CommercialPolicy_Question_${code}Code_A`);
      // The last question's box has the remarks box below it instead of a next question.
      const next = questions[i + 1] ?? field('CommercialPolicy_RemarkText_A');
      expect(e.widgets[0]!.page).toBe(3);
      expect(e.multiline, e.name).toBe(true);
      // Below its own question's Y/N box, above the next question's (or the remarks).
      expect(top(e), e.name).toBeLessThanOrEqual(bottom(questions[i]!));
      expect(top(e), e.name).toBeGreaterThan(top(next));
    }
  });

  it('keeps the detail rows of questions 1a–10 in typed places', () => {
    expect(field('Subsidiary_ParentOwnershipPercent_A').path).toBe('generalInformation.parentOrganization.ownershipPercent');
    expect(field('Subsidiary_ParentOwnershipPercent_B').path).toBe('generalInformation.subsidiaries[0].ownershipPercent');
    expect(field('Subsidiary_ParentSubsidiaryRelationshipDescription_B').path).toBe('generalInformation.subsidiaries[0].relationshipDescription');
    expect(field('CommercialPolicy_FormalSafetyProgram_SafetyManualIndicator_A').path).toBe('generalInformation.formalSafetyProgram.safetyManualIndicator');
    expect(field('CommercialPolicy_FormalSafetyProgram_OSHAIndicator_B').path).toBe('generalInformation.formalSafetyProgram.oshaIndicator');
    expect(field('OtherPolicy_PolicyNumberIdentifier_D').path).toBe('generalInformation.otherPolicies[3].policyNumberIdentifier');
    expect(field('CancelNonRenew_UnderwritingConditionCorrectedDescription_A').path).toBe('generalInformation.cancelNonRenew.underwritingConditionCorrectedDescription');
    for (const [prefix, list] of [
      ['UncorrectedFireCodeViolation', 'uncorrectedFireCodeViolations'],
      ['ForeclosureRepossessionBankruptcy', 'foreclosureRepossessionBankruptcies'],
      ['JudgementOrLien', 'judgementsOrLiens'],
    ]) {
      for (const [suffix, row] of [['A', 0], ['B', 1]] as const) {
        expect(field(`CommercialPolicy_${prefix}_OccurrenceDate_${suffix}`)).toMatchObject({ path: `generalInformation.${list}[${row}].occurrenceDate`, valueType: 'date' });
        expect(field(`CommercialPolicy_${prefix}Explanation_${suffix}`).path).toBe(`generalInformation.${list}[${row}].explanation`);
        expect(field(`CommercialPolicy_${prefix}_ResolutionDate_${suffix}`).path).toBe(`generalInformation.${list}[${row}].resolutionDate`);
      }
    }
  });

  it('maps each line of business to its checkbox and premium box on one printed row', () => {
    for (const key of LINES_OF_BUSINESS) {
      const requested = byPath.get(`policy.linesOfBusiness.${key}.requested`);
      const premium = byPath.get(`policy.linesOfBusiness.${key}.premiumAmount`);
      expect(requested?.kind, key).toBe('checkbox');
      expect(premium?.valueType, key).toBe('money');
      expect(requested!.widgets[0]!.page).toBe(1);
      expect(top(premium!), key).toBe(top(requested!));
    }
    expect(field('Policy_LineOfBusiness_CommercialGeneralLiability_A').path).toBe('policy.linesOfBusiness.commercialGeneralLiability.requested');
    expect(field('GeneralLiabilityLineOfBusiness_TotalPremiumAmount_A').path).toBe('policy.linesOfBusiness.commercialGeneralLiability.premiumAmount');
    expect(field('CommercialVehicleLineOfBusiness_PremiumAmount_A').path).toBe('policy.linesOfBusiness.businessAuto.premiumAmount');
    expect(field('Policy_SectionAttached_OtherPremiumAmount_F').path).toBe('policy.otherLinesOfBusiness[5].premiumAmount');
  });

  it('maps every attachment checkbox, both name families, and six "other" rows', () => {
    for (const key of POLICY_ATTACHMENTS) expect(byPath.get(`policy.attachments.${key}`)?.kind, key).toBe('checkbox');
    expect(template.fields.filter((f) => f.path?.startsWith('policy.attachments.'))).toHaveLength(POLICY_ATTACHMENTS.length);
    expect(field('Policy_SectionAttached_DealerIndicator_A').path).toBe('policy.attachments.dealerIndicator');
    expect(field('CommercialPolicy_Attachment_OtherDescription_F').path).toBe('policy.otherAttachments[5].description');
  });

  it('puts premises rows A–D and the nature of business where page 2 prints them', () => {
    expect(field('CommercialStructure_PhysicalAddress_LineOne_D')).toMatchObject({ path: 'premises[3].physicalAddress.lineOne', widgets: [{ page: 2 }] });
    expect(field('BusinessInformation_FullTimeEmployeeCount_C').path).toBe('premises[2].fullTimeEmployeeCount');
    expect(field('Construction_BuildingArea_B')).toMatchObject({ path: 'premises[1].buildingArea', valueType: 'integer' });
    expect(field('BusinessInformation_BusinessType_WholesaleIndicator_A').path).toBe('businessInformation.businessType.wholesaleIndicator');
    expect(field('CommercialStructure_InstallationRepairWorkOffPremisesPercent_A')).toMatchObject({
      path: 'businessInformation.installationRepairWorkOffPremisesPercent',
      valueType: 'percent',
    });
    expect(field('CommercialPolicy_OperationsDescription_A')).toMatchObject({ path: 'businessInformation.operationsDescription', multiline: true });
    expect(field('CommercialPolicy_OperationsDescription_B')).toMatchObject({
      path: 'businessInformation.otherNamedInsuredsOperationsDescription',
      multiline: true,
    });
  });
});
