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
  controllingStateCode: F.state,
  formCompletionDate: F.date,
});
