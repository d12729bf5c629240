import { acordWordsToKeys } from './acord-words.js';
import type { FieldRule } from './field-rule.js';

const LOCATION = 'property.locations[#]';

/**
 * ACORD 140 field names → model paths. Order matters: the first match wins.
 *
 * The form holds two locations: suffix A on page 1, suffix B on page 2. Where a name repeats more
 * often than that, the suffix runs on across both pages (subject rows A–E then G–K, remarks A/C,
 * boiler boxes A–D) and the rule says which location each suffix belongs to.
 */
export const ACORD_140_RULES: readonly FieldRule[] = [
  { match: /^Form_EditionIdentifier$/, path: null, why: "hidden box holding the form's edition, which the footer prints; the edition belongs to the form instance, not the submission" },

  // Header (page 1) and signatures (page 3): the same paths as the 125.
  { match: /^Producer_CustomerIdentifier$/, path: 'producer.customerIdentifier' },
  { match: /^Form_CompletionDate$/, path: 'policy.formCompletionDate' },
  { match: /^Insurer_(FullName|NAICCode)$/, path: 'carrier.$1' },
  { match: /^Policy_(PolicyNumberIdentifier|EffectiveDate)$/, path: 'policy.$1' },
  { match: /^NamedInsured_(FullName|Signature|SignatureDate)$/, path: 'namedInsureds[0].$1' },
  { match: /^Producer_(.+)$/, path: 'producer.$1' },

  { match: /^Commercial(?:Property|Coverage)_Summary_(Blanket\w+)$/, path: 'property.blankets[#].$1' },
  { match: /^CommercialPropertyLineOfBusiness_RemarkText$/, path: 'property.remarkText' },

  { match: /^CommercialStructure_(Location|Building)_ProducerIdentifier$/, path: `${LOCATION}.$1ProducerIdentifier` },
  { match: /^CommercialStructure_PhysicalAddress_LineOne$/, path: `${LOCATION}.physicalAddressLine` },
  { match: /^CommercialStructure_Building_SublocationDescription$/, path: `${LOCATION}.sublocationDescription` },

  // Rows A–E are location 1's (page 1), G–K location 2's (page 2); F is not on the form.
  {
    match: /^CommercialProperty_Premises_(SubjectOfInsuranceCode|LimitAmount|CoinsurancePercent|ValuationCode|CauseOfLossCode|InflationGuardPercent|DeductibleAmount|DeductibleTypeCode|BlanketNumber|FormsAndConditions)$/,
    path: (m, suffix) => {
      const n = suffix.charCodeAt(0) - 65;
      return `property.locations[${Math.floor(n / 6)}].subjectsOfInsurance[${n % 6}].${acordWordsToKeys(m[1]!)}`;
    },
  },
  { match: /^CommercialProperty_Premises_RemarkText$/, path: `${LOCATION}.remarkText`, rows: { A: 0, C: 1 } },
  // Named "Premises", printed as the spoilage block's OPTIONS (refrigeration equipment).
  {
    match: /^CommercialProperty_Premises_(BreakdownOrContaminationIndicator|PowerOutageIndicator|SellingPriceIndicator|OtherIndicator|OptionsDescription)$/,
    path: `${LOCATION}.spoilage.$1`,
  },
  { match: /^CommercialProperty_(Attachment|Spoilage)_(.+)$/, path: `${LOCATION}.$1.$2` },
  // Printed as "ACORD 45 attached for additional names" in this location's additional-interest block.
  { match: /^GeneralLiabilityLineOfBusiness_Attachment_AdditionalInterestIndicator$/, path: `${LOCATION}.attachment.additionalInterestIndicator` },
  { match: /^CommercialPropertyCoverage_(SinkHoleCollapse|MineSubsidence)(?:Option)?_(.+)$/, path: `${LOCATION}.$1.$2` },

  { match: /^(?:Construction|CommercialStructure)_(ConstructionCode|StoreyCount|BasementCount|BuiltYear|BuildingArea|RoofMaterialCode|OpenSidesCount|BuildingCodeEffectivenessGradeCode)$/, path: `${LOCATION}.construction.$1` },
  { match: /^CommercialStructure_TaxCode$/, path: `${LOCATION}.taxCode` },
  // A and B are page 1's primary and secondary heat, C and D page 2's.
  {
    match: /^CommercialStructure_HeatingBoilerInsuredElsewhereCode$/,
    path: (_, suffix) => {
      const n = suffix.charCodeAt(0) - 65;
      return `property.locations[${Math.floor(n / 2)}].${n % 2 ? 'secondaryHeat' : 'primaryHeat'}.boilerInsuredElsewhereCode`;
    },
  },
  { match: /^CommercialStructure_(PrimaryHeat|SecondaryHeat|WindClass)_(.+)$/, path: `${LOCATION}.$1.$2` },
  { match: /^BuildingImprovement_(.+)$/, path: `${LOCATION}.improvements.$1` },
  { match: /^(BuildingFeatures|BuildingOccupancy|BuildingExposure|BuildingSecurity)_(.+)$/, path: `${LOCATION}.$1.$2` },
  { match: /^(?:Alarm_)?Burglar_(.+)$/, path: `${LOCATION}.burglarAlarm.$1` },
  // "Alarm_" in these names is wrong: the boxes sit under PREMISES FIRE PROTECTION and % SPRNK.
  { match: /^BuildingFireProtection_Alarm_(ProtectionDescription|SprinklerPercent)$/, path: `${LOCATION}.fireProtection.$1` },
  { match: /^BuildingFireProtection_Alarm_(.+)$/, path: `${LOCATION}.fireProtection.alarm.$1` },
  { match: /^BuildingFireProtection_(.+)$/, path: `${LOCATION}.fireProtection.$1` },

  // One additional interest per location. The box printed "ITEM CLASS:" is named Item_OtherItemDescription.
  { match: /^AdditionalInterest_Item_OtherItemDescription$/, path: `${LOCATION}.additionalInterests[0].item.scheduledItemClassCode` },
  { match: /^AdditionalInterest_(.+)$/, path: `${LOCATION}.additionalInterests[0].$1` },
];
