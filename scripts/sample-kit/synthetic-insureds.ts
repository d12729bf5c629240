import { Rng } from './rng.js';
import {
  AGENCY_KINDS,
  AGENCY_WORDS,
  CARRIERS,
  CITIES,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  LENDERS,
  PRIOR_CARRIERS,
  REMARKS,
  STATE_EXTRAS,
  STREETS,
  type City,
  type Industry,
} from './synthetic-data.js';
import type { Truth, TruthValue } from './truth.js';

/** What one synthetic submission should look like; the rest is drawn from the seeded PRNG. */
export interface SampleSpec {
  /** Folder name under samples/. */
  name: string;
  industry: Industry;
  state: keyof typeof CITIES;
  /** Premises on the 125 (1–4); with property, one 140 per location. */
  locations: number;
  generalLiability: boolean;
  property: boolean;
  losses: 0 | 1 | 2 | 3;
  namedInsureds: 1 | 2;
  effectiveDate: string;
  /** Edition of the 140 to draw (default: the newest template). */
  edition140?: string;
  /** Also write all forms as one PDF. */
  combined?: boolean;
  /** Forms (by file, e.g. `acord-125.pdf`) to also write as scans, per resolution. */
  scans?: { dpi: 200 | 300; files: string[] }[];
  /**
   * Also a schedule of values and carriers' loss runs (scripts/sample-kit/attachment-samples.ts): the fillable
   * folder gets the schedule as .xlsx and a printed loss run, the flattened folder the schedule as .csv
   * and a scanned loss run.
   */
  attachments?: boolean;
  /** One line for samples/README.md. */
  summary: string;
}

export interface SyntheticSubmission {
  spec: SampleSpec;
  truth: Truth;
  /** Property locations, in order: location k is drawn on acord-140-(k+1).pdf. */
  buildings: number;
  /** Broker habits that decide how values are written on the forms. */
  style: { moneySign: boolean };
  /** Where the insured is: what other boxes of the forms are filled with. */
  context: { state: string; home: City; domain: string; effectiveDate: string };
}

const money = (n: number): string => n.toFixed(2);

/** The legal-entity box and ACORD LegalEntityCd a business name implies. */
function legalEntityOf(name: string): [string, string] {
  if (/\bInc$/.test(name)) return ['corporationIndicator', 'CP'];
  if (/\bPC$/.test(name)) return ['subchapterSCorporationIndicator', 'SC'];
  if (/\bCo$/.test(name)) return ['partnershipIndicator', 'PT'];
  return ['limitedLiabilityCorporationIndicator', 'LL'];
}

function addYears(iso: string, years: number): string {
  return `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A FEIN with a prefix the IRS actually assigns. */
function fein(rng: Rng): string {
  return `${rng.pick(['20', '26', '27', '45', '46', '47', '81', '82', '83', '84', '85', '86', '87', '88', '92', '93'])}-${rng.digits(7)}`;
}

const phone = (rng: Rng, city: City): string => `+1${city.areaCode}55501${rng.digits(2)}`;

function person(rng: Rng): { first: string; last: string; full: string } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { first, last, full: `${first} ${last}` };
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(llc|inc|co|pc|pllc)\b|[^a-z0-9 ]/g, '')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .join('');
}

/**
 * Builds the truth of one synthetic submission: the core facts every form shows (parties, policy,
 * premises, hazards, buildings, losses), coherent with each other. Boxes these facts do not decide
 * are filled later from the templates (complete-truth.ts).
 */
export function syntheticSubmission(spec: SampleSpec): SyntheticSubmission {
  const rng = new Rng(spec.name);
  const profile = INDUSTRIES[spec.industry];
  const cities = CITIES[spec.state]!;
  const home = cities[0]!;
  const truth: Truth = {};
  const set = (path: string, value: TruthValue | undefined) => {
    if (value !== undefined && value !== '') truth[path] = value;
  };
  const street = () => `${rng.int(100, 9899)} ${rng.pick(STREETS)}`;
  const address = (prefix: string, city: City, withCounty = false) => {
    set(`${prefix}.lineOne`, street());
    set(`${prefix}.cityName`, city.name);
    if (withCounty) set(`${prefix}.countyName`, city.county);
    set(`${prefix}.stateOrProvinceCode`, spec.state);
    set(`${prefix}.postalCode`, rng.pick(city.zips));
  };

  // Producer and carrier.
  const agency = `${rng.pick(AGENCY_WORDS)} ${rng.pick(AGENCY_KINDS)}`;
  const agencyCity = rng.pick(cities);
  const agent = person(rng);
  const agencyDomain = `${slug(agency)}.com`;
  set('producer.fullName', agency);
  address('producer.mailingAddress', agencyCity);
  set('producer.mailingAddress.lineTwo', `Suite ${rng.int(1, 4)}${rng.digits(2)}`);
  set('producer.contactPerson.fullName', agent.full);
  set('producer.contactPerson.phoneNumber', phone(rng, agencyCity));
  set('producer.contactPerson.emailAddress', `${agent.first[0]}${agent.last}@${agencyDomain}`.toLowerCase());
  set('producer.faxNumber', phone(rng, agencyCity));
  set('producer.customerIdentifier', `C${rng.digits(6)}`);
  set('producer.stateLicenseIdentifier', `${spec.state}${rng.digits(7)}`);
  set('producer.nationalIdentifier', rng.digits(8));
  set('producer.authorizedRepresentative.fullName', agent.full);
  set('producer.authorizedRepresentative.signature', agent.full);

  const carrier = rng.pick(CARRIERS);
  const underwriter = person(rng);
  set('carrier.fullName', carrier.name);
  set('carrier.naicCode', carrier.naic);
  set('carrier.producerIdentifier', `${rng.digits(5)}`);
  set('carrier.subProducerIdentifier', `${rng.pick(['AA', 'BK', 'MT', 'JR'])}${rng.digits(2)}`);
  set('carrier.underwriter.fullName', underwriter.full);
  set('carrier.underwriter.officeIdentifier', `${spec.state}-${rng.digits(3)}`);
  set('carrier.productDescription', spec.property && spec.generalLiability ? 'Commercial Package' : spec.property ? 'Commercial Property' : 'Commercial General Liability');
  set('carrier.productCode', spec.property && spec.generalLiability ? 'CPKG' : spec.property ? 'CPROP' : 'CGL');

  // Policy.
  const effective = spec.effectiveDate;
  const completed = addDays(effective, -rng.int(20, 45));
  set('policy.formCompletionDate', completed);
  set('policy.effectiveDate', effective);
  set('policy.expirationDate', addYears(effective, 1));
  set('policy.status.quoteIndicator', true);
  set('policy.status.effectiveDate', effective);
  set('policy.status.effectiveTime', '12:01');
  set('policy.status.effectiveTimeAMIndicator', true);
  set('policy.controllingStateCode', spec.state);
  let glPremium = 0;
  let propertyPremium = 0;
  let blanketLimit = 0;

  // Named insureds.
  const insuredName = rng.pick(profile.names);
  const domain = `${slug(insuredName)}.com`;
  const owner = person(rng);
  const hazard0 = profile.hazards[0]!;
  for (let i = 0; i < spec.namedInsureds; i++) {
    const p = `namedInsureds[${i}]`;
    const name = i === 0 ? insuredName : `${owner.last} Property Holdings LLC`;
    set(`${p}.fullName`, name);
    address(`${p}.mailingAddress`, home);
    set(`${p}.generalLiabilityCode`, hazard0.classCode);
    set(`${p}.sicCode`, i === 0 ? profile.sic : '6512');
    set(`${p}.naicsCode`, i === 0 ? profile.naics : '531120');
    set(`${p}.taxIdentifier`, fein(rng));
    set(`${p}.primary.phoneNumber`, phone(rng, home));
    if (i === 0) set(`${p}.primary.websiteAddress`, `www.${domain}`);
    const [entity, code] = legalEntityOf(name);
    set(`${p}.legalEntity.${entity}`, true);
    set(`${p}.legalEntity.code`, code);
    if (entity === 'limitedLiabilityCorporationIndicator') set(`${p}.legalEntity.memberManagerCount`, rng.int(1, 3));
  }
  set('namedInsureds[0].businessStartDate', `${rng.int(1996, 2018)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`);
  set('namedInsureds[0].initials', `${owner.first[0]}${owner.last[0]}`);
  set('namedInsureds[0].signature', owner.full);
  set('namedInsureds[0].signatureDate', completed);

  // Contacts.
  const contacts = rng.int(1, 2);
  for (let i = 0; i < contacts; i++) {
    const c = i === 0 ? owner : person(rng);
    const p = `contacts[${i}]`;
    set(`${p}.contactDescription`, i === 0 ? 'Owner - accounting and inspection' : 'Office manager - claims');
    set(`${p}.fullName`, c.full);
    set(`${p}.primaryPhoneNumber`, phone(rng, home));
    set(`${p}.${i === 0 ? 'primaryBusinessPhoneIndicator' : 'primaryCellPhoneIndicator'}`, true);
    if (i === 0) {
      set(`${p}.secondaryPhoneNumber`, phone(rng, home));
      set(`${p}.secondaryCellPhoneIndicator`, true);
    }
    set(`${p}.primaryEmailAddress`, `${c.first}.${c.last}@${domain}`.toLowerCase());
  }

  // Nature of business.
  set(`businessInformation.businessType.${profile.businessType}`, true);
  set('businessInformation.operationsDescription', profile.operations);
  if (spec.namedInsureds > 1) set('businessInformation.otherNamedInsuredsOperationsDescription', 'Real estate holding company; owns and leases the premises to the applicant');

  // General-information answers that bring rows or boxes of their own.
  const otherPolicy = rng.chance(0.5);
  set('generalInformation.questions.AAH.answer', otherPolicy);
  if (otherPolicy) {
    set('generalInformation.otherPolicies[0].lineOfBusinessCode', 'AUTOB');
    set('generalInformation.otherPolicies[0].policyNumberIdentifier', `BA${rng.digits(7)}`);
  }
  const safetyProgram = spec.industry === 'manufacturing' || spec.industry === 'contractor';
  set('generalInformation.questions.KAA.answer', safetyProgram);
  if (safetyProgram) {
    set('generalInformation.formalSafetyProgram.safetyManualIndicator', true);
    set('generalInformation.formalSafetyProgram.oshaIndicator', true);
  }

  // Premises, and for property a building per premises.
  const ownsBuilding: boolean[] = [];
  let totalEmployees = 0;
  for (let i = 0; i < spec.locations; i++) {
    const p = `premises[${i}]`;
    const city = i === 0 ? home : rng.pick(cities);
    const owned = spec.property ? i === 0 || rng.chance(0.5) : false;
    ownsBuilding.push(owned);
    set(`${p}.locationProducerIdentifier`, String(i + 1));
    set(`${p}.buildingProducerIdentifier`, '1');
    address(`${p}.physicalAddress`, city, true);
    set(`${p}.riskLocation.${rng.chance(0.85) ? 'insideCityLimitsIndicator' : 'outsideCityLimitsIndicator'}`, true);
    set(`${p}.insuredInterest.${owned ? 'ownerIndicator' : 'tenantIndicator'}`, true);
    const full = rng.int(profile.employees[0], profile.employees[1]);
    totalEmployees += full;
    set(`${p}.fullTimeEmployeeCount`, full);
    set(`${p}.partTimeEmployeeCount`, rng.int(0, Math.ceil(full / 2)));
    set(`${p}.annualRevenueAmount`, money(rng.round(profile.revenuePerLocation[0], profile.revenuePerLocation[1], 5000)));
    const area = rng.round(profile.premisesArea[0], profile.premisesArea[1], 100);
    set(`${p}.buildingArea`, owned ? area : area + rng.round(2000, 12000, 100));
    set(`${p}.occupiedArea`, area);
    set(`${p}.openToPublicArea`, spec.industry === 'manufacturing' || spec.industry === 'contractor' ? rng.round(100, 400, 50) : Math.round(area * 0.6 / 50) * 50);
    set(`${p}.operationsDescription`, i === 0 ? profile.operations.split(';')[0] : `Branch location - ${profile.operations.split(';')[0]!.toLowerCase()}`);
    set(`${p}.questions.ABB.answer`, false);
  }

  // Lines of business.
  if (spec.generalLiability) {
    set('policy.linesOfBusiness.commercialGeneralLiability.requested', true);
    set('generalLiability.coverage.commercialGeneralLiabilityIndicator', true);
    if (profile.claimsMade) {
      set('generalLiability.coverage.claimsMadeIndicator', true);
      set('generalLiability.claimsMade.proposedRetroactiveDate', addYears(effective, -rng.int(3, 8)));
      set('generalLiability.claimsMade.uninterruptedCoverageEntryDate', addYears(effective, -rng.int(8, 12)));
    } else {
      set('generalLiability.coverage.occurrenceIndicator', true);
    }
    const occurrence = rng.pick([1_000_000, 1_000_000, 2_000_000]);
    set('generalLiability.limits.eachOccurrence', money(occurrence));
    set('generalLiability.limits.generalAggregate', money(occurrence * 2));
    set('generalLiability.limits.generalAggregateAppliesPer.policyIndicator', true);
    set('generalLiability.limits.productsAndCompletedOperationsAggregate', money(occurrence * 2));
    set('generalLiability.limits.personalAndAdvertisingInjury', money(occurrence));
    set('generalLiability.limits.fireDamageRentedPremises', money(rng.pick([100_000, 300_000])));
    set('generalLiability.limits.medicalExpense', money(rng.pick([5_000, 10_000])));
    if (rng.chance(0.5)) {
      set('generalLiability.deductibles.propertyDamageIndicator', true);
      set('generalLiability.deductibles.propertyDamageAmount', money(rng.pick([500, 1000, 2500])));
      set('generalLiability.deductibles.perOccurrenceIndicator', true);
    }
    const hazards = profile.hazards.slice(0, Math.min(3, profile.hazards.length));
    let premOps = 0;
    let products = 0;
    hazards.forEach((h, i) => {
      const p = `generalLiability.hazards[${i}]`;
      const loc = i < spec.locations ? i : 0;
      set(`${p}.locationProducerIdentifier`, String(loc + 1));
      set(`${p}.hazardProducerIdentifier`, String(i + 1));
      set(`${p}.classCode`, h.classCode);
      set(`${p}.classification`, h.classification);
      set(`${p}.premiumBasisCode`, h.basis);
      const exposure =
        h.basis === 'S' ? Math.round(Number(truth[`premises[${loc}].annualRevenueAmount`] ?? 1_000_000))
        : h.basis === 'P' ? rng.round(180_000, 1_400_000, 1000)
        : h.basis === 'A' ? Number(truth[`premises[${loc}].buildingArea`] ?? 5000)
        : rng.int(1, 20);
      set(`${p}.exposure`, exposure);
      set(`${p}.territoryCode`, String(rng.int(1, 9)).padStart(3, '0'));
      const divisor = h.basis === 'U' ? 1 : 1000;
      const ops = Math.round((exposure / divisor) * h.rate[0] * 100) / 100;
      set(`${p}.premisesOperationsRate`, h.rate[0]);
      set(`${p}.premisesOperationsPremiumAmount`, money(ops));
      premOps += ops;
      if (h.rate[1] > 0) {
        const prod = Math.round((exposure / divisor) * h.rate[1] * 100) / 100;
        set(`${p}.productsRate`, h.rate[1]);
        set(`${p}.productsPremiumAmount`, money(prod));
        products += prod;
      }
    });
    set('generalLiability.premiums.premisesOperationsAmount', money(premOps));
    if (products > 0) set('generalLiability.premiums.productsAmount', money(products));
    glPremium = Math.round((premOps + products) * 100) / 100;
    set('generalLiability.premiums.totalAmount', money(glPremium));
    set('policy.linesOfBusiness.commercialGeneralLiability.premiumAmount', money(glPremium));
    if (profile.contractor) {
      const pct = rng.int(profile.contractor.percent[0], profile.contractor.percent[1]);
      set('generalLiability.contractors.typeOfWorkSubcontractedDescription', profile.contractor.subcontracted);
      set('generalLiability.contractors.workSubcontractedPercent', pct);
      set('generalLiability.contractors.subcontractorsPaidAmount', money(rng.round(200_000, 900_000, 5000)));
      set('generalLiability.contractors.fullTimeEmployeeCount', totalEmployees);
      set('generalLiability.contractors.partTimeEmployeeCount', rng.int(0, 4));
      set('generalLiability.contractors.questions.AAB.answer', false);
    }
    profile.products?.forEach((product, i) => {
      const p = `generalLiability.productAndCompletedOperations[${i}]`;
      set(`${p}.productName`, product.name);
      set(`${p}.annualGrossSalesAmount`, money(rng.round(400_000, 2_400_000, 10_000)));
      set(`${p}.unitCount`, rng.round(2_000, 40_000, 100));
      set(`${p}.inMarketMonthCount`, rng.int(24, 180));
      set(`${p}.expectedLifeMonthCount`, rng.pick([60, 120, 180, 240]));
      set(`${p}.intendedUse`, product.use);
      set(`${p}.principalComponents`, product.components);
    });
  }

  if (spec.property) {
    set('policy.linesOfBusiness.commercialProperty.requested', true);
    const lender = rng.pick(LENDERS);
    const lenderCity = rng.pick(cities);
    const lenderStreet = street();
    const lenderZip = rng.pick(lenderCity.zips);
    for (let i = 0; i < spec.locations; i++) {
      const p = `property.locations[${i}]`;
      const prem = `premises[${i}]`;
      const owned = ownsBuilding[i]!;
      set(`${p}.locationProducerIdentifier`, String(i + 1));
      set(`${p}.buildingProducerIdentifier`, '1');
      set(
        `${p}.physicalAddressLine`,
        `${truth[`${prem}.physicalAddress.lineOne`]}, ${truth[`${prem}.physicalAddress.cityName`]}, ${spec.state} ${truth[`${prem}.physicalAddress.postalCode`]}`,
      );
      const area = Number(truth[`${prem}.buildingArea`]);
      const subjects = owned ? ['B', ...profile.subjects] : [...profile.subjects];
      const cause = rng.pick(['Special', 'Special', 'Broad']);
      const deductible = rng.pick([1000, 2500, 5000]);
      subjects.forEach((code, j) => {
        const s = `${p}.subjectsOfInsurance[${j}]`;
        const limit =
          code === 'B' ? rng.round(area * 140, area * 220, 10_000)
          : code === 'BUSIN' ? rng.round(150_000, 600_000, 10_000)
          : rng.round(60_000, 900_000, 5000);
        set(`${s}.subjectOfInsuranceCode`, code);
        set(`${s}.limitAmount`, money(limit));
        propertyPremium += Math.round(limit * 0.0041);
        if (profile.blanket && (code === 'B' || code === 'BPP')) {
          set(`${s}.blanketNumber`, '1');
          blanketLimit += limit;
        }
        if (code === 'BUSIN') {
          set(`${s}.causeOfLossCode`, cause);
          set(`${s}.formsAndConditions`, '12 months actual loss sustained');
          return;
        }
        set(`${s}.coinsurancePercent`, rng.pick([80, 90, 100]));
        set(`${s}.valuationCode`, rng.pick(['R', 'R', 'A']));
        set(`${s}.causeOfLossCode`, cause);
        if (code === 'B') set(`${s}.inflationGuardPercent`, rng.pick([2, 3, 4]));
        set(`${s}.deductibleAmount`, money(deductible));
      });
      set(`${p}.construction.constructionCode`, rng.pick(profile.constructions));
      set(`${p}.construction.storeyCount`, area > 15000 ? rng.int(1, 2) : rng.int(1, 3));
      set(`${p}.construction.basementCount`, rng.int(0, 1));
      const built = rng.int(1962, 2015);
      set(`${p}.construction.builtYear`, built);
      set(`${p}.construction.buildingArea`, area);
      set(`${p}.construction.roofMaterialCode`, rng.pick(['Composition', 'Metal', 'Slate']));
      set(`${p}.fireProtection.protectionClassCode`, String(rng.int(2, 5)));
      set(`${p}.fireProtection.hydrantDistanceFeetCount`, rng.round(100, 900, 50));
      set(`${p}.fireProtection.fireStationDistanceMileCount`, rng.int(3, 40) / 10);
      set(`${p}.fireProtection.fireDistrictName`, `${truth[`${prem}.physicalAddress.cityName`]} Fire Dept`);
      const sprinklered = rng.chance(0.5);
      if (sprinklered) set(`${p}.fireProtection.sprinklerPercent`, 100);
      set(`${p}.fireProtection.protectionDescription`, sprinklered ? 'Automatic wet sprinkler system' : 'Smoke detectors, portable extinguishers');
      if (built < 2000) {
        const year = rng.int(2005, 2022);
        set(`${p}.improvements.wiringIndicator`, true);
        set(`${p}.improvements.wiringYear`, year);
        set(`${p}.improvements.roofingIndicator`, true);
        set(`${p}.improvements.roofingYear`, rng.int(2008, 2023));
      }
      set(`${p}.primaryHeat.otherIndicator`, true);
      set(`${p}.primaryHeat.otherDescription`, rng.pick(['Gas forced air', 'Electric heat pump', 'Gas rooftop units']));
      if (spec.state === 'FL') set(`${p}.windClass.semiResistiveIndicator`, true);
      set(`${p}.buildingExposure.${rng.pick(['right', 'left', 'rear'])}Description`, rng.pick(['Retail strip center', 'Parking lot', 'Vacant lot', 'Office building']));
      set(`${p}.burglarAlarm.alarmDescription`, 'Monitored burglar alarm');
      set(`${p}.burglarAlarm.centralStationIndicator`, true);
      if (profile.spoilage) {
        set(`${p}.spoilage.yesNoCode`, true);
        set(`${p}.spoilage.propertyDescription`, profile.spoilage);
        set(`${p}.spoilage.limitAmount`, money(rng.pick([10_000, 25_000, 50_000])));
        set(`${p}.spoilage.deductibleAmount`, money(500));
        set(`${p}.spoilage.refrigeratorMaintenanceCode`, true);
        set(`${p}.spoilage.breakdownOrContaminationIndicator`, true);
        set(`${p}.spoilage.powerOutageIndicator`, true);
      }
      if (owned) {
        const a = `${p}.additionalInterests[0]`;
        set(`${p}.attachment.additionalInterestIndicator`, true);
        set(`${a}.interest.mortgageeIndicator`, true);
        set(`${a}.interestRank`, 1);
        set(`${a}.fullName`, `${lender} ISAOA/ATIMA`);
        set(`${a}.mailingAddress.lineOne`, lenderStreet);
        set(`${a}.mailingAddress.cityName`, lenderCity.name);
        set(`${a}.mailingAddress.stateOrProvinceCode`, spec.state);
        set(`${a}.mailingAddress.postalCode`, lenderZip);
        set(`${a}.accountNumberIdentifier`, `LN${rng.digits(8)}`);
        set(`${a}.item.locationProducerIdentifier`, String(i + 1));
        set(`${a}.item.buildingProducerIdentifier`, '1');
      }
    }
    set('policy.linesOfBusiness.commercialProperty.premiumAmount', money(propertyPremium));
    if (blanketLimit > 0) {
      set('property.blankets[0].blanketNumberIdentifier', '1');
      set('property.blankets[0].blanketLimitAmount', money(blanketLimit));
      set('property.blankets[0].blanketTypeDescription', 'Building and BPP combined, all locations');
    }
  }

  // A landlord is an additional insured wherever the applicant rents its first premises.
  if (!ownsBuilding[0]) {
    const landlord = `${rng.pick(LAST_NAMES)} Commercial Properties LLC`;
    const city = rng.pick(cities);
    for (const base of ['additionalInterests[0]', ...(spec.generalLiability ? ['generalLiability.additionalInterests[0]'] : [])]) {
      set(`${base}.interest.additionalInsuredIndicator`, true);
      set(`${base}.fullName`, landlord);
      set(`${base}.mailingAddress.lineOne`, street());
      set(`${base}.mailingAddress.cityName`, city.name);
      set(`${base}.mailingAddress.stateOrProvinceCode`, spec.state);
      set(`${base}.mailingAddress.postalCode`, city.zips[0]);
      set(`${base}.certificateRequiredIndicator`, true);
      set(`${base}.item.locationProducerIdentifier`, '1');
      set(`${base}.itemDescription`, 'Landlord of premises at location 1');
    }
    if (spec.generalLiability) set('generalLiability.attachment.additionalInterestIndicator', true);
  }

  // What this kind of business (and its state) adds: "Y" answers with their rows, other lines, supplements.
  for (const [path, value] of Object.entries({ ...profile.extras, ...STATE_EXTRAS[spec.state] })) {
    if ((path.startsWith('generalLiability.') && !spec.generalLiability) || (path.startsWith('property.') && !spec.property)) continue;
    const paths = path.includes('[*]') ? Array.from({ length: spec.locations }, (_, k) => path.replace('[*]', `[${k}]`)) : [path];
    for (const p of paths) set(p, value);
  }
  const premiumOf = (line: string) => Number(truth[`policy.linesOfBusiness.${line}.premiumAmount`] ?? 0);
  const totalPremium = Object.entries(truth)
    .filter(([p]) => /^policy\.(linesOfBusiness\.\w+|otherLinesOfBusiness\[\d+\])\.premiumAmount$/.test(p))
    .reduce((sum, [, v]) => sum + Number(v), 0);
  set(`policy.payment.${rng.chance(0.5) ? 'directBillIndicator' : 'producerBillIndicator'}`, true);
  set('policy.payment.paymentScheduleCode', rng.pick(['Annual', 'Quarterly', 'Monthly']));
  set('policy.paymentMethod.methodDescription', rng.pick(['EFT', 'Check', 'Credit card']));
  set('policy.audit.frequencyCode', 'Annual');
  set('policy.payment.estimatedTotalAmount', money(totalPremium));
  set('policy.payment.depositAmount', money(Math.round(totalPremium * 0.25)));
  set('policy.payment.minimumPremiumAmount', money(Math.round(totalPremium * 0.8)));

  // Prior carriers: three policy years, a column per line bought before.
  const effYear = Number(effective.slice(0, 4));
  const priorCarrier = rng.pick(PRIOR_CARRIERS);
  const priorLines = [
    ...(spec.generalLiability ? [['generalLiability', glPremium, 'GL'] as const] : []),
    ...(spec.property ? [['property', propertyPremium, 'CP'] as const] : []),
    ...(premiumOf('businessAuto') ? [['automobile', premiumOf('businessAuto'), 'BA'] as const] : []),
    ...(premiumOf('umbrella') ? [['otherLine', premiumOf('umbrella'), 'UM'] as const] : []),
  ];
  for (let i = 0; i < 3; i++) {
    const p = `priorCoverage[${i}]`;
    const from = addYears(effective, -(i + 1));
    set(`${p}.policyYear`, effYear - (i + 1));
    for (const [line, premium, prefix] of priorLines) {
      if (line === 'otherLine') set(`${p}.otherLine.lineOfBusinessCode`, 'UMBRC');
      set(`${p}.${line}.insurerFullName`, i < 2 ? priorCarrier : rng.pick(PRIOR_CARRIERS));
      set(`${p}.${line}.policyNumberIdentifier`, `${prefix}${rng.digits(7)}`);
      set(`${p}.${line}.totalPremiumAmount`, money(Math.round(premium * (0.92 - i * 0.05))));
      set(`${p}.${line}.effectiveDate`, from);
      set(`${p}.${line}.expirationDate`, addYears(from, 1));
    }
  }

  // Losses.
  set('lossHistory.informationYearCount', 5);
  if (spec.losses === 0) set('lossHistory.noPriorLossesIndicator', true);
  let lossTotal = 0;
  const stories = rng.sample(profile.lossStories, spec.losses);
  stories.forEach((story, i) => {
    const p = `lossHistory.losses[${i}]`;
    const occurred = addDays(effective, -rng.int(120, 1500));
    const open = i === 0 && rng.chance(0.5);
    const paid = rng.round(story.paid[0], story.paid[1], 50);
    const reserved = open ? rng.round(1000, 15000, 500) : 0;
    set(`${p}.occurrenceDate`, occurred);
    set(`${p}.lineOfBusiness`, story.line);
    set(`${p}.occurrenceDescription`, story.description);
    set(`${p}.claimDate`, addDays(occurred, rng.int(1, 20)));
    set(`${p}.paidAmount`, money(paid));
    set(`${p}.reservedAmount`, money(reserved));
    set(`${p}.subrogation`, false);
    set(`${p}.open`, open);
    lossTotal += paid + reserved;
  });
  if (spec.losses > 0) set('lossHistory.totalAmount', money(lossTotal));

  set('policy.remarkText', rng.pick(REMARKS));

  return {
    spec,
    truth,
    buildings: spec.property ? spec.locations : 0,
    style: { moneySign: rng.chance(0.5) },
    context: { state: spec.state, home, domain, effectiveDate: effective },
  };
}
