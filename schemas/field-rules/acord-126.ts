import type { FieldRule } from './field-rule.js';

/**
 * Explanation boxes do not carry their question's code. Each is paired with the Y/N box printed
 * just above it: the question's answer box sits at the right edge of the question line and its
 * explanation box spans the lines below, before the next question. [explanation words, question].
 */
const EXPLANATIONS: readonly (readonly [string, string])[] = [
  // Page 1, claims made.
  ['AnyProductWorkAccidentLocationExcludedUninsuredPreviousCoverage', 'questions.AAH'], // 3. product … excluded, uninsured, self-insured?
  ['TailCoveragePurchasedPreviousPolicy', 'questions.AAI'], // 4. tail coverage purchased?
  // Page 2, contractors.
  ['ApplicantDrawPlansForOthers', 'contractors.questions.AAB'], // 1. draws plans, designs, specifications?
  ['OperationsIncludeBlasting', 'contractors.questions.AAI'], // 2. blasting, explosives?
  ['OperationsIncludeEvacuation', 'contractors.questions.AAC'], // 3. excavation, tunneling (the name says "evacuation")
  ['SubcontractorsCarryLowerLimits', 'contractors.questions.ABB'], // 4. subcontractors carry lower limits?
  ['SubcontractorsWorksWithoutCertificatesOfInsurance', 'contractors.questions.AAD'], // 5. work without certificates?
  ['ApplicantLeaseEquipmentToOthers', 'contractors.questions.AAE'], // 6. leases equipment to others?
  // Page 2, products / completed operations (2. ABA, foreign products, has no explanation box).
  ['ApplicantInstallServiceProducts', 'questions.AAJ'], // 1. installs, services, demonstrates?
  ['ResearchDevelopmentConductedNewProductsPlanned', 'questions.ABB'], // 3. research and development?
  ['GuaranteesWarrantiesHoldHarmless', 'questions.ABC'], // 4. guarantees, warranties?
  ['ProductsRelatedToAircraftIndustry', 'questions.ABD'], // 5. aircraft/space?
  ['ProductsRecalledDiscontinued', 'questions.ABE'], // 6. recalled, discontinued?
  ['ProductsOfOthersSoldUnderApplicantLabel', 'questions.ABF'], // 7. others' products under applicant label?
  ['ProductsUnderLabelOfOthers', 'questions.ABG'], // 8. under label of others?
  ['VendorCoverageRequired', 'questions.ABH'], // 9. vendors coverage?
  ['NamedInsuredSellToOtherNamedInsured', 'questions.ABI'], // 10. sells to other named insureds? (suffix _R, not _A)
  // Page 3, general information (5. ACC, 10. KAA, 11. KAH and 13. KAB have detail rows instead).
  ['AnyMedicalFacilitiesProvidedMedicalProfessionalsEmployed', 'questions.ABJ'], // 1. medical facilities?
  ['AnyExposureRadioactiveMaterials', 'questions.ACA'], // 2. radioactive/nuclear?
  ['OperationsInvolveStoringDisposingTransportingHazardousMaterial', 'questions.ACJ'], // 3. hazardous material?
  ['AnyListedOperationsSoldAcquiredLastFiveYears', 'questions.ACB'], // 4. operations sold, acquired?
  ['WatercraftDocksFloatsOwnedHiredLeased', 'contractors.questions.AAH'], // 6. watercraft (a Contractors code)
  ['AnyParkingFacilitiesOwnedRented', 'questions.ACD'], // 7. parking facilities?
  ['FeeChargedForParking', 'questions.KAG'], // 8. fee for parking?
  ['RecreationalFacilitiesProvided', 'questions.ACE'], // 9. recreation facilities?
  ['SportingOrSocialEventsSponsored', 'questions.ACF'], // 12. social events?
  ['StructuralAlterationsContemplated', 'questions.ACG'], // 14. structural alterations?
  ['DemolitionExposureContemplated', 'questions.ACH'], // 15. demolition?
  // Page 4, general information continued (17. AAC has the leasing rows instead).
  ['ApplicantActiveJointVentures', 'questions.AAB'], // 16. joint ventures?
  ['LabourInterchangeOtherBusinessSubsidiaries', 'questions.AAD'], // 18. labor interchange?
  ['DayCareFacilitiesOperated', 'questions.AAE'], // 19. day care?
  ['CrimesOccurredOrAttemptedLastThreeYears', 'questions.AAF'], // 20. crimes on premises?
  ['FormalSafetySecurityPolicyInEffect', 'contractors.questions.AAG'], // 21. written safety policy (a Contractors code)
  ['BusinessPromotionalLiteratureSafetyRepresentations', 'questions.AAG'], // 22. literature on safety?
];

/** Fixed-label boxes of the coverage, limit and premium blocks on page 1 (field base → path). */
const PAGE_ONE_BOXES: Readonly<Record<string, string>> = {
  GeneralLiability_CoverageIndicator: 'coverage.commercialGeneralLiabilityIndicator',
  GeneralLiability_ClaimsMadeIndicator: 'coverage.claimsMadeIndicator',
  GeneralLiability_OccurrenceIndicator: 'coverage.occurrenceIndicator',
  GeneralLiability_OwnersAndContractorsProtectiveIndicator: 'coverage.ownersAndContractorsProtectiveIndicator',
  GeneralLiability_OtherCoverageIndicator: 'coverage.otherIndicator',
  GeneralLiability_OtherCoverageDescription: 'coverage.otherDescription',
  GeneralLiability_PropertyDamage_DeductibleIndicator: 'deductibles.propertyDamageIndicator',
  GeneralLiability_PropertyDamage_DeductibleAmount: 'deductibles.propertyDamageAmount',
  GeneralLiability_BodilyInjury_DeductibleIndicator: 'deductibles.bodilyInjuryIndicator',
  GeneralLiability_BodilyInjury_DeductibleAmount: 'deductibles.bodilyInjuryAmount',
  GeneralLiability_OtherDeductibleIndicator: 'deductibles.otherIndicator',
  GeneralLiability_OtherDeductibleDescription: 'deductibles.otherDescription',
  GeneralLiability_OtherDeductibleAmount: 'deductibles.otherAmount',
  GeneralLiability_DeductiblePerClaimIndicator: 'deductibles.perClaimIndicator',
  GeneralLiability_DeductiblePerOccurrenceIndicator: 'deductibles.perOccurrenceIndicator',
  GeneralLiability_GeneralAggregate_LimitAmount: 'limits.generalAggregate',
  GeneralLiability_GeneralAggregate_LimitAppliesPerPolicyIndicator: 'limits.generalAggregateAppliesPer.policyIndicator',
  GeneralLiability_GeneralAggregate_LimitAppliesPerProjectIndicator: 'limits.generalAggregateAppliesPer.projectIndicator',
  GeneralLiability_GeneralAggregate_LimitAppliesPerLocationIndicator: 'limits.generalAggregateAppliesPer.locationIndicator',
  GeneralLiability_GeneralAggregate_LimitAppliesToOtherIndicator: 'limits.generalAggregateAppliesPer.otherIndicator',
  // Named a code, but printed "OTHER: ____" and described as free text.
  GeneralLiability_GeneralAggregate_LimitAppliesToCode: 'limits.generalAggregateAppliesPer.otherDescription',
  GeneralLiability_ProductsAndCompletedOperations_AggregateLimitAmount: 'limits.productsAndCompletedOperationsAggregate',
  GeneralLiability_PersonalAndAdvertisingInjury_LimitAmount: 'limits.personalAndAdvertisingInjury',
  GeneralLiability_EachOccurrence_LimitAmount: 'limits.eachOccurrence',
  GeneralLiability_FireDamageRentedPremises_EachOccurrenceLimitAmount: 'limits.fireDamageRentedPremises',
  GeneralLiability_MedicalExpense_EachPersonLimitAmount: 'limits.medicalExpense',
  GeneralLiability_EmployeeBenefits_LimitAmount: 'limits.employeeBenefits',
  GeneralLiability_OtherCoverageLimitDescription: 'limits.otherCoverageDescription',
  GeneralLiability_OtherCoverageLimitAmount: 'limits.otherCoverage',
  GeneralLiability_PremisesOperations_PremiumAmount: 'premiums.premisesOperationsAmount',
  GeneralLiability_Products_PremiumAmount: 'premiums.productsAmount',
  GeneralLiability_OtherCoveragePremiumAmount: 'premiums.otherCoverageAmount',
  GeneralLiabilityLineOfBusiness_TotalPremiumAmount: 'premiums.totalAmount',
};

/**
 * Question 17 (lease employees): four name boxes misnamed AdditionalInterest_FullName_B–E, each with
 * the Y/N box on its own line, whose suffixes run one letter behind (A–D). Left column "lease to",
 * right column "lease from"; rows paired by rectangle.
 */
const LEASED_NAME_ROWS: Readonly<Record<string, string>> = { B: 'leaseTo[0]', C: 'leaseTo[1]', D: 'leaseFrom[0]', E: 'leaseFrom[1]' };
const LEASED_WC_ROWS: Readonly<Record<string, string>> = { A: 'leaseTo[0]', B: 'leaseTo[1]', C: 'leaseFrom[0]', D: 'leaseFrom[1]' };

// A suffix a table lacks (another edition with more rows) yields a path the model lacks, which
// derive-templates reports.
const leasingRow = (rows: Readonly<Record<string, string>>, suffix: string) => rows[suffix] ?? `row${suffix}`;

/** ACORD 126 field names → model paths. Order matters: the first match wins. */
export const ACORD_126_RULES: readonly FieldRule[] = [
  { match: /^Form_EditionIdentifier$/, path: null, why: 'hidden zero-size box naming the form edition; the footer identifies the form' },

  // Header and signature block: the same paths as the 125's, so a merged submission compares them.
  { match: /^Form_CompletionDate$/, path: 'policy.formCompletionDate' },
  { match: /^Producer_(.+)$/, path: 'producer.$1' },
  { match: /^Policy_(PolicyNumberIdentifier|EffectiveDate)$/, path: 'policy.$1' },
  { match: /^Insurer_(FullName|NAICCode)$/, path: 'carrier.$1' },
  { match: /^NamedInsured_(FullName|Signature|SignatureDate)$/, path: 'namedInsureds[0].$1' },

  ...Object.entries(PAGE_ONE_BOXES).map(([base, key]) => ({ match: new RegExp(`^${base}$`), path: `generalLiability.${key}` })),
  { match: /^GeneralLiability_(UninsuredUnderinsuredMotorists|MedicalPayments)_(CoverageAvailable(?:No)?Indicator)$/, path: 'generalLiability.wisconsinNonOwnedAuto.$1.$2' },
  { match: /^GeneralLiability_Hazard_(.+)$/, path: 'generalLiability.hazards[#].$1' },
  { match: /^GeneralLiability_ClaimsMade_(.+)$/, path: 'generalLiability.claimsMade.$1' },
  { match: /^GeneralLiability_EmployeeBenefits_(.+)$/, path: 'generalLiability.employeeBenefits.$1' },
  // A on page 1 under "Other coverages, restrictions and/or endorsements"; B is page 4's "Remarks".
  {
    match: /^GeneralLiabilityLineOfBusiness_RemarkText$/,
    path: (_m, suffix) => (suffix === 'A' ? 'generalLiability.otherCoveragesRestrictionsEndorsementsText' : 'generalLiability.remarkText'),
  },

  // Y/N questions: ACORD question codes stay upper case as record keys.
  { match: /^GeneralLiabilityLineOfBusiness_Question_([A-Z]{3})Code$/, path: (m) => `generalLiability.questions.${m[1]}.answer` },
  { match: /^Contractors_Question_([A-Z]{3})Code$/, path: (m) => `generalLiability.contractors.questions.${m[1]}.answer` },
  ...EXPLANATIONS.map(([words, question]) => ({
    match: new RegExp(`^GeneralLiabilityLineOfBusiness_${words}Explanation$`),
    path: `generalLiability.${question}.explanation`,
  })),

  { match: /^Contractors_(.+)$/, path: 'generalLiability.contractors.$1' },
  { match: /^GeneralLiabilityLineOfBusiness_TypeOfWorkSubcontractedDescription$/, path: 'generalLiability.contractors.typeOfWorkSubcontractedDescription' },
  { match: /^ProductAndCompletedOperations_(.+)$/, path: 'generalLiability.productAndCompletedOperations[#].$1' },

  // Question 5 (rent or loan equipment): two rows of equipment, type and instruction given.
  { match: /^GeneralLiabilityLineOfBusiness_MachineryOrEquipmentLoanedRentedOthersExplanation$/, path: 'generalLiability.rentedEquipment[#].description' },
  { match: /^CommercialInlandMarineProperty_PropertySubClass_(SmallTools|LargeEquipment)Indicator$/, path: 'generalLiability.rentedEquipment[#].$1Indicator' },
  { match: /^PropertyItem_ItemDetail_InstructionGivenCode$/, path: 'generalLiability.rentedEquipment[#].instructionGivenCode' },
  // Question 10 (lodging operations).
  { match: /^BuildingOccupancy_(ApartmentCount|ApartmentArea)$/, path: 'generalLiability.lodging.$1' },
  { match: /^GeneralLiability_Otherlodgingoperationsdescription$/, path: 'generalLiability.lodging.otherLodgingOperationsDescription' },
  { match: /^SwimmingPool_(.+)$/, path: 'generalLiability.swimmingPool.$1' },
  { match: /^AthleticTeam_(.+)$/, path: 'generalLiability.athleticTeams[#].$1' },

  {
    match: /^AdditionalInterest_FullName$/,
    path: (_m, suffix) =>
      suffix === 'A'
        ? 'generalLiability.additionalInterests[0].fullName'
        : `generalLiability.employeeLeasing.${leasingRow(LEASED_NAME_ROWS, suffix)}.fullName`,
  },
  {
    match: /^AdditionalInterest_WorkersCompensationCarriedCode$/,
    path: (_m, suffix) => `generalLiability.employeeLeasing.${leasingRow(LEASED_WC_ROWS, suffix)}.workersCompensationCarriedCode`,
  },
  { match: /^AdditionalInterest_(.+)$/, path: 'generalLiability.additionalInterests[#].$1' },
  { match: /^GeneralLiabilityLineOfBusiness_Attachment_AdditionalInterestIndicator$/, path: 'generalLiability.attachment.additionalInterestIndicator' },
];
