import { z } from 'zod';
import { F } from '../fields.js';

/** One line of business on the 125's "lines of business" block: requested or not, and its premium. */
export const LineOfBusiness = z.object({ requested: F.boolean, premiumAmount: F.money });

/** Keys follow the 125's checkboxes; XML LOBCd values map onto the same keys. */
export const LINES_OF_BUSINESS = [
  'boilerAndMachinery',
  'businessAuto',
  'businessOwners',
  'commercialGeneralLiability',
  'commercialInlandMarine',
  'commercialProperty',
  'crime',
  'cyberAndPrivacy',
  'fiduciaryLiability',
  'garageAndDealers',
  'liquorLiability',
  'motorCarrier',
  'truckers',
  'umbrella',
  'yacht',
] as const;

/** Sections, schedules and supplements the 125's "attachments" block can say are attached (ACORD words, lowerCamel). */
export const POLICY_ATTACHMENTS = [
  'accountsReceivableValuablePapersIndicator',
  'additionalInterestScheduleIndicator',
  'additionalPremisesScheduleIndicator',
  'apartmentBuildingSupplementIndicator',
  'condominiumAssociationByLawsIndicator',
  'contractorsSupplementIndicator',
  'coveragesScheduleIndicator',
  'dealerIndicator',
  'driverInformationScheduleIndicator',
  'electronicDataProcessingIndicator',
  'glassAndSignIndicator',
  'hotelMotelSupplementIndicator',
  'installationBuildersRiskIndicator',
  'internationalLiabilityExposureSupplementIndicator',
  'internationalPropertyExposureSupplementIndicator',
  'lossSummaryIndicator',
  'openCargoIndicator',
  'premiumPaymentSupplementIndicator',
  'professionalLiabilitySupplementIndicator',
  'restaurantTavernSupplementIndicator',
  'stateSupplementIndicator',
  'statementOfValuesIndicator',
  'vacantBuildingSupplementIndicator',
  'vehicleScheduleIndicator',
] as const;

export const Policy = z.object({
  policyNumberIdentifier: F.code,
  effectiveDate: F.date,
  expirationDate: F.date,
  status: z
    .object({
      quoteIndicator: F.boolean,
      issueIndicator: F.boolean,
      renewIndicator: F.boolean,
      boundIndicator: F.boolean,
      changeIndicator: F.boolean,
      cancelIndicator: F.boolean,
      effectiveDate: F.date,
      effectiveTime: F.time,
      effectiveTimeAMIndicator: F.boolean,
      effectiveTimePMIndicator: F.boolean,
    })
    .optional(),
  linesOfBusiness: z.object(Object.fromEntries(LINES_OF_BUSINESS.map((k) => [k, LineOfBusiness.optional()])) as {
    [K in (typeof LINES_OF_BUSINESS)[number]]: z.ZodOptional<typeof LineOfBusiness>;
  }).optional(),
  otherLinesOfBusiness: z.array(z.object({ requested: F.boolean, description: F.text, premiumAmount: F.money })).optional(),
  attachments: z.object(Object.fromEntries(POLICY_ATTACHMENTS.map((k) => [k, F.boolean])) as {
    [K in (typeof POLICY_ATTACHMENTS)[number]]: typeof F.boolean;
  }).optional(),
  otherAttachments: z.array(z.object({ attached: F.boolean, description: F.text })).optional(),
  /** Billing plan (direct / agency), payment plan, deposit, minimum premium and the policy premium. */
  payment: z
    .object({
      directBillIndicator: F.boolean,
      producerBillIndicator: F.boolean,
      /** AN annual, MO monthly, QT quarterly … */
      paymentScheduleCode: F.code,
      depositAmount: F.money,
      minimumPremiumAmount: F.money,
      /** Printed "POLICY PREMIUM". */
      estimatedTotalAmount: F.money,
    })
    .optional(),
  paymentMethod: z.object({ methodDescription: F.text }).optional(),
  /** A annual, S semi-annual, Q quarterly, M monthly … */
  audit: z.object({ frequencyCode: F.code }).optional(),
  /** "Remarks / processing instructions". */
  remarkText: F.text,
  /** The applicant was given the Notice of Information Practices (ACORD 38). */
  informationPracticesNoticeIndicator: F.boolean,
  controllingStateCode: F.state,
  formCompletionDate: F.date,
});
