import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormTemplate, type TemplateField } from '../schemas/form-template.js';
import { Submission } from '../schemas/submission.js';
import { leafValueType } from '../src/model/model-path.js';
import { SECTION_HEADER_FACTS, type FormFact } from './support/section-header-facts.js';

const TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'templates');

function load(edition: string): FormTemplate {
  return FormTemplate.parse(JSON.parse(readFileSync(path.join(TEMPLATES, `acord-140-${edition}.json`), 'utf8')));
}

const EDITIONS = { '2016/03': load('2016-03'), '2014/12': load('2014-12') };

function field(t: FormTemplate, name: string): TemplateField {
  const f = t.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${name} is not on the ${t.edition} template`);
  return f;
}

/** Facts read off both real forms (page, rectangle [x, y, w, h], printed label) and where they go. */
const SHARED: FormFact[] = [
  ...SECTION_HEADER_FACTS,
  ['CommercialProperty_Summary_BlanketLimitAmount_C', 'property.blankets[2].blanketLimitAmount', 1, [338, 642, 65, 12]],
  ['CommercialProperty_Premises_LimitAmount_A', 'property.locations[0].subjectsOfInsurance[0].limitAmount', 1, [140, 582, 65, 12]],
  ['CommercialProperty_Premises_LimitAmount_G', 'property.locations[1].subjectsOfInsurance[0].limitAmount', 2, [140, 702, 65, 12]],
  ['CommercialProperty_Premises_ValuationCode_K', 'property.locations[1].subjectsOfInsurance[4].valuationCode', 2, [238, 594, 21, 24]],
  ['CommercialStructure_BuiltYear_A', 'property.locations[0].construction.builtYear', 1, [490, 312, 32, 12]],
  ['CommercialStructure_BuiltYear_B', 'property.locations[1].construction.builtYear', 2, [490, 432, 32, 12]],
  ['CommercialProperty_Premises_RemarkText_A', 'property.locations[0].remarkText', 1, [22, 336, 568, 30]],
  ['CommercialProperty_Premises_RemarkText_C', 'property.locations[1].remarkText', 2, [22, 456, 568, 30]],
  ['CommercialPropertyLineOfBusiness_RemarkText_A', 'property.remarkText', 2, [22, 36, 568, 120]],
  // Under PRIMARY HEAT / SECONDARY HEAT, "IF BOILER, IS INSURANCE PLACED ELSEWHERE?", one pair per page.
  ['CommercialStructure_HeatingBoilerInsuredElsewhereCode_A', 'property.locations[0].primaryHeat.boilerInsuredElsewhereCode', 1, [184, 228, 14, 12]],
  ['CommercialStructure_HeatingBoilerInsuredElsewhereCode_B', 'property.locations[0].secondaryHeat.boilerInsuredElsewhereCode', 1, [472, 228, 14, 12]],
  ['CommercialStructure_HeatingBoilerInsuredElsewhereCode_C', 'property.locations[1].primaryHeat.boilerInsuredElsewhereCode', 2, [184, 348, 14, 12]],
  ['CommercialStructure_HeatingBoilerInsuredElsewhereCode_D', 'property.locations[1].secondaryHeat.boilerInsuredElsewhereCode', 2, [472, 348, 14, 12]],
  ['CommercialProperty_Premises_PowerOutageIndicator_A', 'property.locations[0].spoilage.powerOutageIndicator', 1, [454, 414, 14, 12]],
  ['BuildingFireProtection_Alarm_SprinklerPercent_B', 'property.locations[1].fireProtection.sprinklerPercent', 2, [288, 252, 29, 12]],
  ['GeneralLiabilityLineOfBusiness_Attachment_AdditionalInterestIndicator_A', 'property.locations[0].attachment.additionalInterestIndicator', 1, [122, 120, 15, 12]],
  // Printed "ITEM CLASS:", whatever the name says.
  ['AdditionalInterest_Item_OtherItemDescription_A', 'property.locations[0].additionalInterests[0].item.scheduledItemClassCode', 1, [482, 84, 36, 12]],
  ['Producer_AuthorizedRepresentative_Signature_A', 'producer.authorizedRepresentative.signature', 3, [22, 60, 230, 12]],
  ['Producer_AuthorizedRepresentative_FullName_A', 'producer.authorizedRepresentative.fullName', 3, [259, 60, 231, 12]],
  ['Producer_StateLicenseIdentifier_A', 'producer.stateLicenseIdentifier', 3, [497, 60, 93, 12]],
  ['NamedInsured_Signature_A', 'namedInsureds[0].signature', 3, [22, 36, 396, 12]],
  ['NamedInsured_SignatureDate_A', 'namedInsureds[0].signatureDate', 3, [425, 36, 65, 12]],
  ['Producer_NationalIdentifier_A', 'producer.nationalIdentifier', 3, [497, 36, 93, 12]],
];

describe.each(Object.entries(EDITIONS))('ACORD 140 (%s) template', (edition, t) => {
  it('is the 140 of that edition', () => {
    expect(t.form).toBe('140');
    expect(t.edition).toBe(edition);
    expect(t.footer).toBe(`ACORD 140 (${edition})`);
    expect(t.pages).toHaveLength(3);
  });

  it.each(SHARED)('%s → %s', (name, modelPath, page, rect) => {
    const f = field(t, name);
    expect(f.path).toBe(modelPath);
    expect(f.widgets).toEqual([{ page, rect }]);
  });

  it('shows the agency customer id on every page', () => {
    const f = field(t, 'Producer_CustomerIdentifier_A');
    expect(f.path).toBe('producer.customerIdentifier');
    expect(f.widgets.map((w) => w.page)).toEqual([1, 2, 3]);
  });

  it('reads Y/N boxes as yesNo and checkboxes as booleans', () => {
    expect(field(t, 'CommercialProperty_Spoilage_YesNoCode_B').valueType).toBe('yesNo');
    expect(field(t, 'CommercialProperty_Spoilage_RefrigeratorMaintenanceCode_A').valueType).toBe('yesNo');
    for (const f of t.fields) {
      if (f.tooltip.startsWith('Enter Y for a “Yes” response')) expect(f.valueType, f.name).toBe('yesNo');
      if (f.path) expect(f.kind === 'checkbox', f.name).toBe(f.valueType === 'boolean');
    }
  });

  it('maps every field to a distinct model leaf of the type the template states', () => {
    const mapped = t.fields.filter((f) => f.path !== null);
    expect(t.fields.filter((f) => f.path === null).map((f) => f.name)).toEqual(edition === '2016/03' ? ['Form_EditionIdentifier_A'] : []);
    for (const f of mapped) expect(leafValueType(Submission, f.path!), f.name).toBe(f.valueType);
    expect(new Set(mapped.map((f) => f.path)).size).toBe(mapped.length);
  });

  it('puts location 1 on page 1 and location 2 on page 2', () => {
    const located = t.fields.filter((f) => f.path?.startsWith('property.locations['));
    expect(located.length).toBeGreaterThan(300);
    for (const f of located) {
      const index = Number(/^property\.locations\[(\d)\]/.exec(f.path!)![1]);
      expect(f.widgets.map((w) => w.page), f.name).toEqual([index + 1]);
    }
  });

  it('has five subject-of-insurance rows per location: A–E on page 1, G–K on page 2', () => {
    const limits = t.fields.filter((f) => /^CommercialProperty_Premises_LimitAmount_[A-Z]$/.test(f.name));
    expect(limits.map((f) => [f.name.slice(-1), f.widgets[0]!.page, f.path])).toEqual(
      ['A', 'B', 'C', 'D', 'E', 'G', 'H', 'I', 'J', 'K'].map((s, i) => [
        s,
        i < 5 ? 1 : 2,
        `property.locations[${i < 5 ? 0 : 1}].subjectsOfInsurance[${i % 5}].limitAmount`,
      ]),
    );
  });
});

describe('ACORD 140 editions 2016/03 and 2014/12', () => {
  const [recent, older] = [EDITIONS['2016/03'], EDITIONS['2014/12']];

  it('differ only by the lender’s loss payable boxes and the hidden edition box', () => {
    const olderNames = new Set(older.fields.map((f) => f.name));
    expect(recent.fields.map((f) => f.name).filter((n) => !olderNames.has(n))).toEqual([
      'Form_EditionIdentifier_A',
      'AdditionalInterest_Interest_LendersLossPayableIndicator_A',
      'AdditionalInterest_Interest_LendersLossPayableIndicator_B',
    ]);
    expect(older.fields.every((f) => recent.fields.some((r) => r.name === f.name && r.path === f.path))).toBe(true);
  });

  it('moves the 2014 interest boxes up one line where 2016 added lender’s loss payable', () => {
    expect(field(recent, 'AdditionalInterest_Interest_LendersLossPayableIndicator_A').widgets).toEqual([{ page: 1, rect: [18, 96, 14, 12] }]);
    expect(field(recent, 'AdditionalInterest_Interest_MortgageeIndicator_A').widgets).toEqual([{ page: 1, rect: [18, 72, 14, 12] }]);
    expect(field(older, 'AdditionalInterest_Interest_MortgageeIndicator_A').widgets).toEqual([{ page: 1, rect: [18, 84, 14, 12] }]);
  });

  it('lists different subject-of-insurance codes in the tooltip', () => {
    const tip = (t: FormTemplate) => field(t, 'CommercialProperty_Premises_SubjectOfInsuranceCode_A').tooltip;
    expect(tip(recent)).toContain('BUSEE - Business Income without Extra Expense');
    expect(tip(recent)).not.toContain('LBI');
    expect(tip(older)).toContain('LBI - Loss of Business Income');
    expect(tip(older)).not.toContain('BUSEE');
  });

  it('sets a max length on dates and Y/N boxes only in 2016/03', () => {
    expect(field(recent, 'Policy_EffectiveDate_A').maxLength).toBe(10);
    expect(field(recent, 'CommercialProperty_Spoilage_YesNoCode_A').maxLength).toBe(1);
    expect(field(older, 'Policy_EffectiveDate_A').maxLength).toBe(0);
    expect(field(older, 'CommercialProperty_Spoilage_YesNoCode_A').maxLength).toBe(0);
  });
});
