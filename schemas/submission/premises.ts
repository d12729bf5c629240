import { z } from 'zod';
import { Address, F, Questions } from '../fields.js';

/** A location/building on the 125's premises block (rows A–D). */
export const Premises = z.object({
  locationProducerIdentifier: F.code,
  buildingProducerIdentifier: F.code,
  physicalAddress: Address.optional(),
  riskLocation: z
    .object({ insideCityLimitsIndicator: F.boolean, outsideCityLimitsIndicator: F.boolean, otherIndicator: F.boolean, otherDescription: F.text })
    .optional(),
  insuredInterest: z
    .object({ ownerIndicator: F.boolean, tenantIndicator: F.boolean, otherIndicator: F.boolean, otherDescription: F.text })
    .optional(),
  fullTimeEmployeeCount: F.integer,
  partTimeEmployeeCount: F.integer,
  annualRevenueAmount: F.money,
  occupiedArea: F.integer,
  openToPublicArea: F.integer,
  buildingArea: F.integer,
  operationsDescription: F.text,
  /** ABB: "any area leased to others?" */
  questions: Questions,
});
