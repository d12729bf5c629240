import { z } from 'zod';
import { F } from '../fields.js';

export const PriorPolicy = z.object({
  lineOfBusinessCode: F.code,
  insurerFullName: F.text,
  policyNumberIdentifier: F.code,
  totalPremiumAmount: F.money,
  effectiveDate: F.date,
  expirationDate: F.date,
});

/** One year row of the 125's prior-carrier table. */
export const PriorCoverage = z.object({
  policyYear: F.year,
  generalLiability: PriorPolicy.optional(),
  automobile: PriorPolicy.optional(),
  property: PriorPolicy.optional(),
  otherLine: PriorPolicy.optional(),
});

export const Loss = z.object({
  occurrenceDate: F.date,
  lineOfBusiness: F.text,
  occurrenceDescription: F.text,
  claimDate: F.date,
  paidAmount: F.money,
  reservedAmount: F.money,
  subrogation: F.yesNo,
  open: F.yesNo,
});

export const LossHistory = z.object({
  noPriorLossesIndicator: F.boolean,
  informationYearCount: F.integer,
  totalAmount: F.money,
  losses: z.array(Loss).optional(),
});
