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

/** One row of "Products / Completed Operations" (126 page 2, rows A–C). */
export const ProductAndCompletedOperations = z.object({
  productName: F.text,
  annualGrossSalesAmount: F.money,
  unitCount: F.integer,
  inMarketMonthCount: F.integer,
  expectedLifeMonthCount: F.integer,
  intendedUse: F.text,
  principalComponents: F.text,
});

/** Equipment rented or loaned to others (General Information question ACC, two rows). */
export const RentedEquipment = z.object({
  description: F.text,
  smallToolsIndicator: F.boolean,
  largeEquipmentIndicator: F.boolean,
  instructionGivenCode: F.yesNo,
});

/** A sponsored athletic team (General Information question KAB, teams A and B). */
export const AthleticTeam = z.object({
  sportDescription: F.text,
  contactSportCode: F.yesNo,
  ageGroup: z
    .object({ twelveAndUnderIndicator: F.boolean, thirteenThroughEighteenIndicator: F.boolean, overEighteenIndicator: F.boolean })
    .optional(),
  sponsorshipExtentDescription: F.text,
});

/**
 * An employer the applicant leases employees to or from (General Information question AAC). Not an
 * AdditionalInterest although the form names the box so: it only has a name and the
 * "workers compensation coverage carried" answer.
 */
export const LeasingEmployer = z.object({ fullName: F.text, workersCompensationCarriedCode: F.yesNo });

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
      generalAggregateAppliesPer: z
        .object({
          policyIndicator: F.boolean,
          projectIndicator: F.boolean,
          locationIndicator: F.boolean,
          otherIndicator: F.boolean,
          otherDescription: F.text,
        })
        .optional(),
      productsAndCompletedOperationsAggregate: F.money,
      personalAndAdvertisingInjury: F.money,
      eachOccurrence: F.money,
      fireDamageRentedPremises: F.money,
      medicalExpense: F.money,
      employeeBenefits: F.money,
      /** The unlabelled last limit row: what the limit is for, and its amount. */
      otherCoverageDescription: F.text,
      otherCoverage: F.money,
    })
    .optional(),
  premiums: z
    .object({
      premisesOperationsAmount: F.money,
      productsAmount: F.money,
      otherCoverageAmount: F.money,
      totalAmount: F.money,
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
  /** "Other coverages, restrictions and/or endorsements" (page 1). */
  otherCoveragesRestrictionsEndorsementsText: F.text,
  /** Wisconsin only, when non-owned-only auto coverage is provided: UM/UIM and medical payments available or not. */
  wisconsinNonOwnedAuto: z
    .object({
      uninsuredUnderinsuredMotorists: z.object({ coverageAvailableIndicator: F.boolean, coverageAvailableNoIndicator: F.boolean }).optional(),
      medicalPayments: z.object({ coverageAvailableIndicator: F.boolean, coverageAvailableNoIndicator: F.boolean }).optional(),
    })
    .optional(),
  hazards: z.array(Hazard).optional(),
  claimsMade: z.object({ proposedRetroactiveDate: F.date, uninterruptedCoverageEntryDate: F.date }).optional(),
  employeeBenefits: z
    .object({ perClaimDeductibleAmount: F.money, employeeCount: F.integer, employeeCoveredCount: F.integer, retroactiveDate: F.date })
    .optional(),
  /**
   * ACORD's Contractors question codes overlap the general-liability ones (both have AAB, AAC …),
   * so they keep their own record; so do the other contractor facts of page 2.
   */
  contractors: z
    .object({
      questions: Questions,
      typeOfWorkSubcontractedDescription: F.text,
      subcontractorsPaidAmount: F.money,
      workSubcontractedPercent: F.percent,
      fullTimeEmployeeCount: F.integer,
      partTimeEmployeeCount: F.integer,
    })
    .optional(),
  productAndCompletedOperations: z.array(ProductAndCompletedOperations).optional(),
  questions: Questions,
  rentedEquipment: z.array(RentedEquipment).optional(),
  lodging: z.object({ apartmentCount: F.integer, apartmentArea: F.integer, otherLodgingOperationsDescription: F.text }).optional(),
  swimmingPool: z
    .object({
      approvedFenceIndicator: F.boolean,
      limitedAccessIndicator: F.boolean,
      divingBoardIndicator: F.boolean,
      slideIndicator: F.boolean,
      aboveGroundIndicator: F.boolean,
      inGroundIndicator: F.boolean,
      lifeGuardIndicator: F.boolean,
    })
    .optional(),
  athleticTeams: z.array(AthleticTeam).optional(),
  employeeLeasing: z.object({ leaseTo: z.array(LeasingEmployer).optional(), leaseFrom: z.array(LeasingEmployer).optional() }).optional(),
  additionalInterests: z.array(AdditionalInterest).optional(),
  /** "ACORD 45 attached for additional names". */
  attachment: z.object({ additionalInterestIndicator: F.boolean }).optional(),
  /** The "Remarks" box on the last page. */
  remarkText: F.text,
});
