import { z } from 'zod';
import { F } from '../fields.js';
import { AdditionalInterest } from './additional-interest.js';

/** One subject-of-insurance row of the 140 (building, BPP, business income …). */
export const SubjectOfInsurance = z.object({
  subjectOfInsuranceCode: F.code,
  limitAmount: F.money,
  coinsurancePercent: F.percent,
  valuationCode: F.code,
  causeOfLossCode: F.code,
  inflationGuardPercent: F.percent,
  deductibleAmount: F.money,
  deductibleTypeCode: F.code,
  blanketNumber: F.code,
  formsAndConditions: F.text,
});

/** One location/building of the 140 with its coverages, construction and protection. */
export const PropertyLocation = z.object({
  locationProducerIdentifier: F.code,
  buildingProducerIdentifier: F.code,
  /** The street address as the 140 prints it: one line. */
  physicalAddressLine: F.text,
  sublocationDescription: F.text,
  subjectsOfInsurance: z.array(SubjectOfInsurance).optional(),
  construction: z
    .object({
      constructionCode: F.code,
      storeyCount: F.integer,
      basementCount: F.integer,
      builtYear: F.year,
      buildingArea: F.integer,
      roofMaterialCode: F.code,
    })
    .optional(),
  improvements: z
    .object({
      wiringYear: F.year,
      roofingYear: F.year,
      plumbingYear: F.year,
      heatingYear: F.year,
    })
    .optional(),
  fireProtection: z
    .object({
      protectionClassCode: F.code,
      hydrantDistanceFeetCount: F.integer,
      fireStationDistanceMileCount: F.decimal,
      sprinklerPercent: F.percent,
    })
    .optional(),
  additionalInterests: z.array(AdditionalInterest).optional(),
});

/** ACORD 140, Property Section: one 140 per building, several may be in one submission. */
export const Property = z.object({
  locations: z.array(PropertyLocation).optional(),
});
