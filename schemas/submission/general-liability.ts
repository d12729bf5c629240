import { z } from 'zod';
import { F, Questions } from '../fields.js';
import { AdditionalInterest } from './additional-interest.js';

/** One hazard/classification row of the 126 (rows A–C). */
export const Hazard = z.object({
  locationProducerIdentifier: F.code,
  hazardProducerIdentifier: F.code,
  classCode: F.code,
  classification: F.text,
  premiumBasisCode: F.code,
  exposure: F.integer,
  territoryCode: F.code,
  premisesOperationsRate: F.decimal,
  productsRate: F.decimal,
  premisesOperationsPremiumAmount: F.money,
  productsPremiumAmount: F.money,
});

/** ACORD 126, Commercial General Liability Section. */
export const GeneralLiability = z.object({
  coverage: z
    .object({
      commercialGeneralLiabilityIndicator: F.boolean,
      claimsMadeIndicator: F.boolean,
      occurrenceIndicator: F.boolean,
      ownersAndContractorsProtectiveIndicator: F.boolean,
      otherIndicator: F.boolean,
      otherDescription: F.text,
    })
    .optional(),
  limits: z
    .object({
      generalAggregate: F.money,
      productsAndCompletedOperationsAggregate: F.money,
      personalAndAdvertisingInjury: F.money,
      eachOccurrence: F.money,
      fireDamageRentedPremises: F.money,
      medicalExpense: F.money,
    })
    .optional(),
  deductibles: z
    .object({
      propertyDamageIndicator: F.boolean,
      propertyDamageAmount: F.money,
      bodilyInjuryIndicator: F.boolean,
      bodilyInjuryAmount: F.money,
      otherIndicator: F.boolean,
      otherDescription: F.text,
      otherAmount: F.money,
      perClaimIndicator: F.boolean,
      perOccurrenceIndicator: F.boolean,
    })
    .optional(),
  hazards: z.array(Hazard).optional(),
  questions: Questions,
  additionalInterests: z.array(AdditionalInterest).optional(),
});
