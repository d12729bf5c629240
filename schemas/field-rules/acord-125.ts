import type { LINES_OF_BUSINESS } from '../submission/policy.js';
import type { FieldRule } from './field-rule.js';

type LineOfBusinessKey = (typeof LINES_OF_BUSINESS)[number];

/**
 * The lines-of-business block (page 1): checkbox and premium box per line. Neither name is uniform
 * (some checkboxes lack "Indicator"; Business Auto's premium is "CommercialVehicle…", Umbrella's
 * "CommercialUmbrella…", CGL's a "TotalPremiumAmount"), so each pair is spelled out.
 */
const LINES: Readonly<Record<LineOfBusinessKey, { checkbox: string; premium: string }>> = {
  boilerAndMachinery: { checkbox: 'BoilerAndMachineryIndicator', premium: 'BoilerAndMachineryLineOfBusiness_PremiumAmount' },
  businessAuto: { checkbox: 'BusinessAutoIndicator', premium: 'CommercialVehicleLineOfBusiness_PremiumAmount' },
  businessOwners: { checkbox: 'BusinessOwnersIndicator', premium: 'BusinessOwnersLineOfBusiness_PremiumAmount' },
  commercialGeneralLiability: { checkbox: 'CommercialGeneralLiability', premium: 'GeneralLiabilityLineOfBusiness_TotalPremiumAmount' },
  commercialInlandMarine: { checkbox: 'CommercialInlandMarineIndicator', premium: 'CommercialInlandMarineLineOfBusiness_PremiumAmount' },
  commercialProperty: { checkbox: 'CommercialProperty', premium: 'CommercialPropertyLineOfBusiness_PremiumAmount' },
  crime: { checkbox: 'CrimeIndicator', premium: 'CrimeLineOfBusiness_PremiumAmount' },
  cyberAndPrivacy: { checkbox: 'CyberAndPrivacy', premium: 'CyberAndPrivacyLineOfBusiness_PremiumAmount' },
  fiduciaryLiability: { checkbox: 'FiduciaryLiabilityIndicator', premium: 'FiduciaryLineOfBusiness_PremiumAmount' },
  garageAndDealers: { checkbox: 'GarageAndDealersIndicator', premium: 'GarageAndDealersLineOfBusiness_PremiumAmount' },
  liquorLiability: { checkbox: 'LiquorLiabilityIndicator', premium: 'LiquorLiabilityLineOfBusiness_PremiumAmount' },
  motorCarrier: { checkbox: 'MotorCarrierIndicator', premium: 'MotorCarrierLineOfBusiness_PremiumAmount' },
  truckers: { checkbox: 'TruckersIndicator', premium: 'TruckersLineOfBusiness_PremiumAmount' },
  umbrella: { checkbox: 'UmbrellaIndicator', premium: 'CommercialUmbrellaLineOfBusiness_PremiumAmount' },
  yacht: { checkbox: 'YachtIndicator', premium: 'YachtLineOfBusiness_PremiumAmount' },
};

/**
 * General-information questions (page 3) that have a free-text explanation box. The box's name
 * does not carry the question code; each pair below is the question's Y/N box and the box printed
 * directly under it (same question number, next in field order).
 *
 *   no.  code  explanation box
 *   3    ABC   CommercialPolicy_AnyExposureToFlammableExplosivesChemicalsExplanation
 *   6    AAD   CommercialPolicy_PastLossesClaimsRelatingSexualAbuseDiscriminationNegligentHiringExplanation
 *   7    KAB   CommercialPolicy_PastFiveYearsAnyApplicantIndictedOrConvictedFraudBriberyArsonExplanation
 *   13   KAM   CommercialPolicy_ApplicantOtherBusinessVenturesCoverageNotRequestedExplanation
 *   14   KAN   CommercialPolicy_ApplicantOwnLeaseOperateDronesExplanation
 *   15   KAO   CommercialPolicy_ApplicantHireOthersOperateDronesExplanation
 *
 * The other questions take typed detail instead: 1a AAI parent company, 1b AAJ subsidiary, 2 KAA
 * safety program, 4 AAH other policies, 5 AAC cancellation reasons, 8 AAF / 9 KAK / 10 KAL dated
 * rows, 11 ABB name of trust; 12 KAC (foreign exposure) asks for ACORD 815/816 instead.
 */
const EXPLANATIONS: Readonly<Record<string, string>> = {
  ABC: 'AnyExposureToFlammableExplosivesChemicals',
  AAD: 'PastLossesClaimsRelatingSexualAbuseDiscriminationNegligentHiring',
  KAB: 'PastFiveYearsAnyApplicantIndictedOrConvictedFraudBriberyArson',
  KAM: 'ApplicantOtherBusinessVenturesCoverageNotRequested',
  KAN: 'ApplicantOwnLeaseOperateDrones',
  KAO: 'ApplicantHireOthersOperateDrones',
};

/** Questions 8–10: rows A and B of occurrence date, explanation, resolution and resolve date. */
const DISCLOSED_EVENTS: Readonly<Record<string, string>> = {
  UncorrectedFireCodeViolation: 'uncorrectedFireCodeViolations',
  ForeclosureRepossessionBankruptcy: 'foreclosureRepossessionBankruptcies',
  JudgementOrLien: 'judgementsOrLiens',
};

const row = (suffix: string) => suffix.charCodeAt(0) - 65;

/** ACORD 125 field names → model paths. Order matters: the first match wins. */
export const ACORD_125_RULES: readonly FieldRule[] = [
  { match: /^Form_EditionIdentifier$/, path: null, why: "the form's own edition stamp (hidden, zero-size), not applicant data" },
  { match: /^Form_CompletionDate$/, path: 'policy.formCompletionDate' },

  // Page 1: agency, carrier, transaction.
  { match: /^Producer_(.+)$/, path: 'producer.$1' },
  { match: /^Insurer_(.+)$/, path: 'carrier.$1' },

  // Lines of business; "other" lines A–F keep their premium in a box named Policy_SectionAttached_….
  ...Object.entries(LINES).flatMap(([key, { checkbox, premium }]): FieldRule[] => [
    { match: new RegExp(`^Policy_LineOfBusiness_${checkbox}$`), path: `policy.linesOfBusiness.${key}.requested` },
    { match: new RegExp(`^${premium}$`), path: `policy.linesOfBusiness.${key}.premiumAmount` },
  ]),
  { match: /^Policy_LineOfBusiness_OtherIndicator$/, path: 'policy.otherLinesOfBusiness[#].requested' },
  { match: /^Policy_LineOfBusiness_OtherLineOfBusinessDescription$/, path: 'policy.otherLinesOfBusiness[#].description' },
  { match: /^Policy_SectionAttached_OtherPremiumAmount$/, path: 'policy.otherLinesOfBusiness[#].premiumAmount' },

  // Attachments: two name families share one block; "other" rows A–F.
  { match: /^CommercialPolicy_Attachment_OtherIndicator$/, path: 'policy.otherAttachments[#].attached' },
  { match: /^CommercialPolicy_Attachment_OtherDescription$/, path: 'policy.otherAttachments[#].description' },
  { match: /^(?:CommercialPolicy_Attachment|Policy_SectionAttached)_(\w+Indicator)$/, path: 'policy.attachments.$1' },

  { match: /^Policy_(.+)$/, path: 'policy.$1' },
  { match: /^CommercialPolicy_RemarkText$/, path: 'policy.remarkText' },

  // Applicant information (page 1) and contacts (page 2). Business start date is NamedInsured_…_A on page 2.
  { match: /^NamedInsured_Contact_(.+)$/, path: 'contacts[#].$1' },
  { match: /^NamedInsured_(.+)$/, path: 'namedInsureds[#].$1' },

  // Premises A–D (page 2): one row per location/building, whatever the name's prefix says.
  { match: /^CommercialStructure_Location_ProducerIdentifier$/, path: 'premises[#].locationProducerIdentifier' },
  { match: /^CommercialStructure_Building_ProducerIdentifier$/, path: 'premises[#].buildingProducerIdentifier' },
  { match: /^CommercialStructure_Question_([A-Z]{3})Code$/, path: (m, s) => `premises[${row(s)}].questions.${m[1]}.answer` },
  { match: /^CommercialStructure_(PhysicalAddress_.+|RiskLocation_.+|InsuredInterest_.+|AnnualRevenueAmount)$/, path: 'premises[#].$1' },
  { match: /^BusinessInformation_(FullTimeEmployeeCount|PartTimeEmployeeCount)$/, path: 'premises[#].$1' },
  { match: /^BuildingOccupancy_(.+)$/, path: 'premises[#].$1' },
  { match: /^Construction_BuildingArea$/, path: 'premises[#].buildingArea' },

  // Nature of business (page 2). The two operations boxes are different questions: A is printed
  // "description of primary operations", B "description of operations of other named insureds".
  { match: /^BusinessInformation_BusinessType_(.+)$/, path: 'businessInformation.businessType.$1' },
  {
    match: /^CommercialPolicy_OperationsDescription$/,
    path: (_m, s) => (s === 'A' ? 'businessInformation.operationsDescription' : 'businessInformation.otherNamedInsuredsOperationsDescription'),
  },
  // Named CommercialStructure_… but printed once, in the nature-of-business block (retail/service % of total sales).
  { match: /^CommercialStructure_(InstallationRepairWorkPercent|InstallationRepairWorkOffPremisesPercent)$/, path: 'businessInformation.$1' },

  // General information (page 3).
  { match: /^CommercialPolicy_Question_([A-Z]{3})Code$/, path: (m) => `generalInformation.questions.${m[1]}.answer` },
  ...Object.entries(EXPLANATIONS).map(
    ([code, words]): FieldRule => ({ match: new RegExp(`^CommercialPolicy_${words}Explanation$`), path: `generalInformation.questions.${code}.explanation` }),
  ),
  // 1a / 1b: suffix A of the relationship and percent boxes sits on the parent row, B on the subsidiary row.
  { match: /^BusinessInformation_ParentOrganizationName$/, path: 'generalInformation.parentOrganization.organizationName' },
  { match: /^Subsidiary_OrganizationName$/, path: 'generalInformation.subsidiaries[0].organizationName' },
  {
    match: /^Subsidiary_Parent(SubsidiaryRelationshipDescription|OwnershipPercent)$/,
    path: (m, s) =>
      `generalInformation.${s === 'A' ? 'parentOrganization' : 'subsidiaries[0]'}.${m[1] === 'OwnershipPercent' ? 'ownershipPercent' : 'relationshipDescription'}`,
  },
  // Safety manual is suffix A, the other program boxes B: all one question, one program.
  { match: /^CommercialPolicy_FormalSafetyProgram_(.+)$/, path: 'generalInformation.formalSafetyProgram.$1' },
  { match: /^OtherPolicy_(.+)$/, path: 'generalInformation.otherPolicies[#].$1' },
  { match: /^CancelNonRenew_(.+)$/, path: 'generalInformation.cancelNonRenew.$1' },
  {
    match: new RegExp(`^CommercialPolicy_(${Object.keys(DISCLOSED_EVENTS).join('|')})_?(OccurrenceDate|Explanation|ResolutionDescription|ResolutionDate)$`),
    path: (m, s) => `generalInformation.${DISCLOSED_EVENTS[m[1]!]}[${row(s)}].${m[2]![0]!.toLowerCase()}${m[2]!.slice(1)}`,
  },
  // AdditionalInterest_FullName_B is not a second interest: it is question 11's "name of trust" box on page 3.
  {
    match: /^AdditionalInterest_FullName$/,
    path: (_m, s) => (s === 'B' ? 'generalInformation.trustName' : `additionalInterests[${row(s)}].fullName`),
  },
  { match: /^AdditionalInterest_(.+)$/, path: 'additionalInterests[#].$1' },

  // Prior carriers: year A on page 3, B and C on page 4. The "OTHER:" line-of-business box heads the
  // column on both pages but is one field (suffix A): it lands on the first year row.
  { match: /^PriorCoverage_PolicyYear$/, path: 'priorCoverage[#].policyYear' },
  { match: /^PriorCoverage_(GeneralLiability|Automobile|Property|OtherLine)_(.+)$/, path: 'priorCoverage[#].$1.$2' },

  // Loss history (page 4).
  { match: /^LossHistory_(NoPriorLossesIndicator|InformationYearCount|TotalAmount)$/, path: 'lossHistory.$1' },
  { match: /^LossHistory_ClaimStatus_SubrogationCode$/, path: 'lossHistory.losses[#].subrogation' },
  { match: /^LossHistory_ClaimStatus_OpenCode$/, path: 'lossHistory.losses[#].open' },
  { match: /^LossHistory_(.+)$/, path: 'lossHistory.losses[#].$1' },
];
