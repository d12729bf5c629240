import { z } from 'zod';
import { F } from '../fields.js';
import { AdditionalInterest } from './additional-interest.js';

/** One subject-of-insurance row of the 140 (building, BPP, business income …). */
export const SubjectOfInsurance = z.object({
  /**
   * Codes the 140's tooltip gives as examples (not a closed list): B, BPP, BUSEE (2016/03 only),
   * BUSIN, BUSER, BUSRN, EE, FF, LBI (2014/12 only), MACEQ, PP, POTOP, STK.
   */
  subjectOfInsuranceCode: F.code,
  limitAmount: F.money,
  coinsurancePercent: F.percent,
  /** Tooltip examples: A actual cash value, R replacement cost, V agreed amount, M market value. */
  valuationCode: F.code,
  /** Free words on the form (basic, broad, special excluding theft, earthquake), not ACORD codes. */
  causeOfLossCode: F.code,
  inflationGuardPercent: F.percent,
  deductibleAmount: F.money,
  deductibleTypeCode: F.code,
  blanketNumber: F.code,
  formsAndConditions: F.text,
});

/** State-required coverages (sinkhole, mine subsidence): accept and reject are two checkboxes, not a Y/N box. */
const AcceptOrReject = z.object({ yesIndicator: F.boolean, noIndicator: F.boolean, limitAmount: F.money });

/** Which heat sources the building uses, and whether a boiler is insured on another policy. */
const Heat = z.object({
  boilerIndicator: F.boolean,
  solidFuelIndicator: F.boolean,
  otherIndicator: F.boolean,
  otherDescription: F.text,
  boilerInsuredElsewhereCode: F.yesNo,
});

/** One location/building of the 140 with its coverages, construction and protection. */
export const PropertyLocation = z.object({
  locationProducerIdentifier: F.code,
  buildingProducerIdentifier: F.code,
  /** The street address as the 140 prints it: one line. */
  physicalAddressLine: F.text,
  sublocationDescription: F.text,
  subjectsOfInsurance: z.array(SubjectOfInsurance).optional(),
  /** Supplements attached for this location: ACORD 810, ACORD 811, ACORD 45 (more additional interests). */
  attachment: z
    .object({ businessIncomeExtraExpenseIndicator: F.boolean, valueReportingIndicator: F.boolean, additionalInterestIndicator: F.boolean })
    .optional(),
  spoilage: z
    .object({
      yesNoCode: F.yesNo,
      propertyDescription: F.text,
      limitAmount: F.money,
      deductibleAmount: F.money,
      refrigeratorMaintenanceCode: F.yesNo,
      breakdownOrContaminationIndicator: F.boolean,
      powerOutageIndicator: F.boolean,
      sellingPriceIndicator: F.boolean,
      otherIndicator: F.boolean,
      optionsDescription: F.text,
    })
    .optional(),
  sinkHoleCollapse: AcceptOrReject.optional(),
  mineSubsidence: AcceptOrReject.optional(),
  buildingFeatures: z
    .object({
      historicalPropertyIndicator: F.boolean,
      solidFuelHeaterIndicator: F.boolean,
      solidFuelHeaterInstallationDate: F.date,
      solidFuelHeaterManufacturerName: F.text,
    })
    .optional(),
  remarkText: F.text,
  construction: z
    .object({
      constructionCode: F.code,
      storeyCount: F.integer,
      basementCount: F.integer,
      builtYear: F.year,
      buildingArea: F.integer,
      roofMaterialCode: F.code,
      openSidesCount: F.integer,
      buildingCodeEffectivenessGradeCode: F.code,
    })
    .optional(),
  taxCode: F.code,
  windClass: z
    .object({ resistiveIndicator: F.boolean, semiResistiveIndicator: F.boolean, otherIndicator: F.boolean, otherDescription: F.text })
    .optional(),
  buildingOccupancy: z.object({ otherOccupanciesDescription: F.text }).optional(),
  improvements: z
    .object({
      wiringIndicator: F.boolean,
      wiringYear: F.year,
      roofingIndicator: F.boolean,
      roofingYear: F.year,
      plumbingIndicator: F.boolean,
      plumbingYear: F.year,
      heatingIndicator: F.boolean,
      heatingYear: F.year,
      otherIndicator: F.boolean,
      otherDescription: F.text,
      otherYear: F.year,
    })
    .optional(),
  primaryHeat: Heat.optional(),
  secondaryHeat: Heat.optional(),
  /** Adjacent exposures: what is there, and how far away in feet. */
  buildingExposure: z
    .object({
      rightDescription: F.text,
      rightDistance: F.integer,
      leftDescription: F.text,
      leftDistance: F.integer,
      frontDescription: F.text,
      frontDistance: F.integer,
      rearDescription: F.text,
      rearDistance: F.integer,
    })
    .optional(),
  burglarAlarm: z
    .object({
      alarmDescription: F.text,
      certificateIdentifier: F.code,
      certificateExpirationDate: F.date,
      centralStationIndicator: F.boolean,
      withKeysIndicator: F.boolean,
      localGongIndicator: F.boolean,
      installedAndServicedByName: F.text,
      protectionExtentCode: F.code,
      gradeCode: F.code,
    })
    .optional(),
  buildingSecurity: z
    .object({
      guardWatchmenCount: F.integer,
      guardWatchmenClockHourlyIndicator: F.boolean,
      guardWatchmenOtherIndicator: F.boolean,
      guardWatchmenOtherDescription: F.text,
    })
    .optional(),
  fireProtection: z
    .object({
      protectionClassCode: F.code,
      hydrantDistanceFeetCount: F.integer,
      fireStationDistanceMileCount: F.decimal,
      sprinklerPercent: F.percent,
      fireDistrictName: F.text,
      fireDistrictCode: F.code,
      /** Sprinklers, standpipes, CO2 / chemical systems. */
      protectionDescription: F.text,
      alarm: z.object({ manufacturerName: F.text, centralStationIndicator: F.boolean, localGongIndicator: F.boolean }).optional(),
    })
    .optional(),
  additionalInterests: z.array(AdditionalInterest).optional(),
});

/** One line of the 140's blanket summary (blankets A–D, shared by every location of the form). */
export const Blanket = z.object({ blanketNumberIdentifier: F.code, blanketLimitAmount: F.money, blanketTypeDescription: F.text });

/** ACORD 140, Property Section: one 140 per building, several may be in one submission. */
export const Property = z.object({
  blankets: z.array(Blanket).optional(),
  locations: z.array(PropertyLocation).optional(),
  /** The line-of-business remarks at the foot of page 2 (per-location remarks sit in each location). */
  remarkText: F.text,
});
