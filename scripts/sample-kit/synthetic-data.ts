import type { Truth } from './truth.js';

/**
 * Word pools for synthetic submissions. Every business, agency, carrier and person is invented;
 * cities, counties, ZIP codes and area codes are real so addresses look like addresses
 * (phone numbers use the 555-01xx range reserved for fiction).
 */

export type Industry = 'restaurant' | 'contractor' | 'retail' | 'manufacturing' | 'office';

export interface City {
  name: string;
  county: string;
  areaCode: string;
  zips: readonly string[];
}

export const CITIES: Readonly<Record<string, readonly City[]>> = {
  TX: [
    { name: 'Austin', county: 'Travis', areaCode: '512', zips: ['78701', '78702', '78704', '78745', '78758'] },
    { name: 'Round Rock', county: 'Williamson', areaCode: '512', zips: ['78664', '78681'] },
    { name: 'San Marcos', county: 'Hays', areaCode: '512', zips: ['78666'] },
  ],
  CO: [
    { name: 'Denver', county: 'Denver', areaCode: '303', zips: ['80202', '80204', '80205', '80211', '80216'] },
    { name: 'Aurora', county: 'Arapahoe', areaCode: '303', zips: ['80010', '80012', '80014'] },
    { name: 'Lakewood', county: 'Jefferson', areaCode: '303', zips: ['80226', '80227'] },
  ],
  FL: [
    { name: 'Tampa', county: 'Hillsborough', areaCode: '813', zips: ['33602', '33603', '33607', '33610', '33619'] },
    { name: 'Clearwater', county: 'Pinellas', areaCode: '727', zips: ['33755', '33756', '33760'] },
  ],
  OH: [
    { name: 'Columbus', county: 'Franklin', areaCode: '614', zips: ['43215', '43201', '43206', '43212', '43229'] },
    { name: 'Dublin', county: 'Franklin', areaCode: '614', zips: ['43016', '43017'] },
    { name: 'Westerville', county: 'Franklin', areaCode: '614', zips: ['43081'] },
  ],
  NY: [
    { name: 'Albany', county: 'Albany', areaCode: '518', zips: ['12203', '12205', '12206', '12207', '12210'] },
    { name: 'Troy', county: 'Rensselaer', areaCode: '518', zips: ['12180'] },
    { name: 'Schenectady', county: 'Schenectady', areaCode: '518', zips: ['12305', '12308'] },
  ],
};

export const STREETS = [
  'Commerce St', 'Industrial Blvd', 'Main St', 'Oak Ave', 'Market St', 'Riverside Dr', 'Lincoln Ave', 'Cedar Ln',
  'Park Ave', 'Warehouse Rd', 'Elm St', 'Broadway', 'Maple Ave', 'Enterprise Pkwy', 'Franklin St', 'Harbor Blvd',
];

export const FIRST_NAMES = [
  'Maria', 'James', 'Priya', 'Daniel', 'Aisha', 'Robert', 'Elena', 'Marcus', 'Grace', 'Thomas', 'Lucia', 'Kevin',
  'Hannah', 'Omar', 'Rachel', 'Victor', 'Sofia', 'Brian', 'Mei', 'Andre',
];
export const LAST_NAMES = [
  'Alvarez', 'Brennan', 'Chowdhury', 'Dawson', 'Ellison', 'Fischer', 'Garza', 'Holloway', 'Ibarra', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rasmussen', 'Sandoval', 'Whitfield',
];

export const CARRIERS = [
  { name: 'Granite Ridge Mutual Insurance Company', naic: '29418' },
  { name: 'Meridian Trust Casualty Company', naic: '31257' },
  { name: 'Prairie Hearth Insurance Company', naic: '26730' },
  { name: 'Harborline Specialty Insurance Co', naic: '40962' },
];

export const PRIOR_CARRIERS = [
  'Lakeshore Casualty Company', 'Pioneer Plains Insurance Co', 'Sentinel Oak Insurance Company', 'Bluewater Indemnity Co',
];

export const AGENCY_WORDS = ['Keystone', 'Northgate', 'Lone Pine', 'Riverbend', 'Copperline', 'Bellwether', 'Tri-County'];
export const AGENCY_KINDS = ['Insurance Agency Inc', 'Risk Partners LLC', 'Insurance Services', 'Insurance Brokers LLC'];

export const LENDERS = ['First Prairie Bank, N.A.', 'Cornerstone Community Bank', 'Summit Federal Credit Union', 'Lakeside Savings Bank'];

export interface Hazard {
  classCode: string;
  classification: string;
  /** S sales, P payroll, A area, U units. */
  basis: 'S' | 'P' | 'A' | 'U';
  /** Rate per 1,000 of exposure (per unit for U), premises/operations and products. */
  rate: [number, number];
}

export interface IndustryProfile {
  names: readonly string[];
  operations: string;
  naics: string;
  sic: string;
  businessType: string;
  hazards: readonly Hazard[];
  premisesArea: [number, number];
  employees: [number, number];
  revenuePerLocation: [number, number];
  constructions: readonly string[];
  /** Subject-of-insurance codes besides the building (which only owners insure). */
  subjects: readonly string[];
  lossStories: readonly { line: string; description: string; paid: [number, number] }[];
  /** Owners of the 140's "spoilage" coverage: food businesses. */
  spoilage?: string;
  products?: { name: string; use: string; components: string }[];
  contractor?: { subcontracted: string; percent: [number, number] };
  /** Claims-made rather than occurrence liability (with a retroactive date). */
  claimsMade?: boolean;
  /** One blanket limit over the buildings and contents of all locations. */
  blanket?: boolean;
  /**
   * Facts of this kind of business, by model path: "Y" answers with their explanations and the rows
   * they bring, other lines of business, supplements attached. `property.locations[*]` applies to
   * every building. Paths of a line the submission does not buy are left out.
   */
  extras: Truth;
}

export const INDUSTRIES: Readonly<Record<Industry, IndustryProfile>> = {
  restaurant: {
    names: ['Blue Agave Cantina LLC', 'Harbor Lights Seafood Grill LLC', 'Copper Kettle Bistro Inc'],
    operations: 'Full-service restaurant with bar; beer and wine under 30% of sales',
    naics: '722511',
    sic: '5812',
    businessType: 'restaurantIndicator',
    hazards: [
      { classCode: '16910', classification: 'Restaurants - with alcohol under 30% of receipts - no dance floor', basis: 'S', rate: [1.842, 0.412] },
      { classCode: '46622', classification: 'Parking - private', basis: 'A', rate: [0.618, 0] },
    ],
    premisesArea: [3200, 6800],
    employees: [8, 30],
    revenuePerLocation: [900_000, 2_600_000],
    constructions: ['Joisted Masonry', 'Frame', 'Masonry Non-Combustible'],
    subjects: ['BPP', 'BUSIN'],
    lossStories: [
      { line: 'GL', description: 'Customer slipped on wet floor near restroom', paid: [2_500, 18_000] },
      { line: 'Property', description: 'Kitchen grease fire, hood and wall damage', paid: [8_000, 42_000] },
      { line: 'Property', description: 'Walk-in cooler failure, food spoilage', paid: [1_500, 9_000] },
    ],
    spoilage: 'Refrigerated and frozen food inventory',
    extras: {
      'policy.attachments.restaurantTavernSupplementIndicator': true,
      'policy.linesOfBusiness.liquorLiability.requested': true,
      'policy.linesOfBusiness.liquorLiability.premiumAmount': '1850.00',
      'policy.otherLinesOfBusiness[0].requested': true,
      'policy.otherLinesOfBusiness[0].description': 'Employment practices liability',
      'policy.otherLinesOfBusiness[0].premiumAmount': '2300.00',
      'generalLiability.limits.employeeBenefits': '1000000.00',
      'generalLiability.employeeBenefits.perClaimDeductibleAmount': '1000.00',
      'generalLiability.employeeBenefits.employeeCount': 24,
      'generalLiability.employeeBenefits.employeeCoveredCount': 17,
      'generalLiability.employeeBenefits.retroactiveDate': '2019-03-01',
      'generalLiability.questions.ACD.answer': true,
      'generalLiability.questions.ACD.explanation': 'Private customer lot, 40 spaces, striped and lit',
      'generalLiability.questions.KAB.answer': true,
      'generalLiability.athleticTeams[0].sportDescription': 'Adult co-ed softball',
      'generalLiability.athleticTeams[0].contactSportCode': false,
      'generalLiability.athleticTeams[0].ageGroup.overEighteenIndicator': true,
      'generalLiability.athleticTeams[0].sponsorshipExtentDescription': 'Jerseys and league fees only',
      'generalInformation.questions.KAM.answer': true,
      'generalInformation.questions.KAM.explanation': 'Owner also runs a catering company, insured separately',
    },
  },
  contractor: {
    names: ['Summit Ridge Builders LLC', 'Front Range Carpentry Inc', 'Timberline Remodeling LLC'],
    operations: 'Residential remodeling and framing; electrical and plumbing subcontracted',
    naics: '236118',
    sic: '1521',
    businessType: 'contractorIndicator',
    hazards: [
      { classCode: '91340', classification: 'Carpentry - residential, three stories or less', basis: 'P', rate: [9.874, 3.215] },
      { classCode: '91580', classification: 'Contractors - executive supervisors', basis: 'P', rate: [3.412, 1.108] },
      { classCode: '92215', classification: 'Drywall or wallboard installation', basis: 'P', rate: [6.557, 2.046] },
    ],
    premisesArea: [1200, 4000],
    employees: [6, 24],
    revenuePerLocation: [1_500_000, 4_800_000],
    constructions: ['Frame', 'Non-Combustible'],
    subjects: ['BPP'],
    lossStories: [
      { line: 'GL', description: 'Water damage to client home after pipe cut', paid: [6_000, 35_000] },
      { line: 'GL', description: 'Passerby struck by falling lumber at jobsite', paid: [4_000, 22_000] },
      { line: 'GL', description: 'Completed deck railing failure, guest injured', paid: [12_000, 60_000] },
    ],
    contractor: { subcontracted: 'Electrical, plumbing and HVAC', percent: [15, 35] },
    extras: {
      'policy.attachments.contractorsSupplementIndicator': true,
      'policy.linesOfBusiness.businessAuto.requested': true,
      'policy.linesOfBusiness.businessAuto.premiumAmount': '6420.00',
      'generalLiability.questions.ACC.answer': true,
      'generalLiability.rentedEquipment[0].description': 'Scaffolding loaned to subcontractors',
      'generalLiability.rentedEquipment[0].smallToolsIndicator': true,
      'generalLiability.rentedEquipment[0].instructionGivenCode': true,
      'generalLiability.contractors.questions.AAG.answer': true,
      'generalLiability.contractors.questions.AAG.explanation': 'Written safety program; weekly toolbox talks on site',
      'generalLiability.questions.ABC.answer': true,
      'generalLiability.questions.ABC.explanation': 'Hold harmless in favor of general contractors per subcontract',
      'generalLiability.otherCoveragesRestrictionsEndorsementsText': 'Additional insured - owners, lessees or contractors (CG 20 10, CG 20 37)',
      'generalLiability.remarkText': 'Applicant works only on one- and two-family dwellings; no new tract homes.',
    },
  },
  retail: {
    names: ['Gulf Coast Outfitters Inc', 'Bayside Hardware & Supply Co', 'Sunport Cycle & Sport LLC'],
    operations: 'Retail sale of outdoor apparel, footwear and camping gear',
    naics: '451110',
    sic: '5941',
    businessType: 'retailIndicator',
    hazards: [{ classCode: '18437', classification: 'Sporting goods or athletic equipment stores', basis: 'S', rate: [0.984, 0.377] }],
    premisesArea: [4000, 12000],
    employees: [5, 18],
    revenuePerLocation: [1_200_000, 3_400_000],
    constructions: ['Masonry Non-Combustible', 'Non-Combustible', 'Joisted Masonry'],
    subjects: ['BPP', 'STK', 'BUSIN'],
    lossStories: [
      { line: 'Property', description: 'Roof leak during storm damaged stock', paid: [5_000, 28_000] },
      { line: 'GL', description: 'Display shelf tipped onto customer', paid: [3_000, 15_000] },
      { line: 'Crime', description: 'After-hours break-in, stolen merchandise', paid: [2_000, 11_000] },
    ],
    extras: {
      'policy.attachments.lossSummaryIndicator': true,
      'policy.linesOfBusiness.crime.requested': true,
      'policy.linesOfBusiness.crime.premiumAmount': '780.00',
      'generalLiability.questions.AAF.answer': true,
      'generalLiability.questions.AAF.explanation': 'After-hours break-in in 2023; central-station alarm added',
      'property.locations[*].attachment.businessIncomeExtraExpenseIndicator': true,
    },
  },
  manufacturing: {
    names: ['Buckeye Precision Machining Inc', 'Olentangy Fabrication Co', 'Scioto Valley Tool & Die Inc'],
    operations: 'CNC machining of steel and aluminum parts for industrial equipment; no aircraft parts',
    naics: '332710',
    sic: '3599',
    businessType: 'manufacturingIndicator',
    hazards: [
      { classCode: '57410', classification: 'Metal goods manufacturing - NOC', basis: 'S', rate: [0.512, 1.204] },
      { classCode: '61217', classification: 'Buildings or premises - office - lessor risk only', basis: 'A', rate: [0.145, 0] },
    ],
    premisesArea: [9000, 42000],
    employees: [14, 60],
    revenuePerLocation: [2_500_000, 9_000_000],
    constructions: ['Non-Combustible', 'Masonry Non-Combustible', 'Joisted Masonry'],
    subjects: ['BPP', 'MACEQ', 'BUSIN'],
    lossStories: [
      { line: 'Property', description: 'Electrical fire in CNC control cabinet', paid: [15_000, 80_000] },
      { line: 'GL', description: 'Defective fitting claim by equipment buyer', paid: [8_000, 45_000] },
      { line: 'Property', description: 'Forklift struck loading dock door', paid: [3_000, 12_000] },
    ],
    products: [
      { name: 'Hydraulic manifold blocks', use: 'Industrial hydraulic systems', components: 'Machined 6061 aluminum' },
      { name: 'Gearbox housings', use: 'Conveyor drive units', components: 'Machined cast steel' },
    ],
    claimsMade: true,
    blanket: true,
    extras: {
      'policy.attachments.statementOfValuesIndicator': true,
      'policy.linesOfBusiness.umbrella.requested': true,
      'policy.linesOfBusiness.umbrella.premiumAmount': '4200.00',
      'generalInformation.questions.AAI.answer': true,
      'generalInformation.parentOrganization.organizationName': 'Buckeye Industrial Holdings Inc',
      'generalInformation.parentOrganization.relationshipDescription': 'Parent company; applicant is wholly owned',
      'generalInformation.parentOrganization.ownershipPercent': 100,
      'generalInformation.questions.ABC.answer': true,
      'generalInformation.questions.ABC.explanation': 'Cutting oils and coolants kept in approved flammable cabinets',
      'generalLiability.questions.AAJ.answer': true,
      'generalLiability.questions.AAJ.explanation': 'Field service of installed manifolds at customer plants',
      'generalLiability.questions.ABH.answer': true,
      'generalLiability.questions.ABH.explanation': 'Vendors endorsement required by two distributors',
      'property.locations[*].buildingSecurity.guardWatchmenCount': 1,
      'property.locations[*].buildingSecurity.guardWatchmenClockHourlyIndicator': true,
      'property.locations[*].attachment.businessIncomeExtraExpenseIndicator': true,
    },
  },
  office: {
    names: ['Hudson Valley Actuarial Consultants PC', 'Capitol Benefits Advisors LLC', 'Mohawk Ledger CPA Group PLLC'],
    operations: 'Employee-benefits and actuarial consulting office; no public walk-in traffic',
    naics: '541611',
    sic: '8742',
    businessType: 'officeIndicator',
    hazards: [{ classCode: '41677', classification: 'Consultants - NOC', basis: 'S', rate: [0.214, 0] }],
    premisesArea: [2500, 9000],
    employees: [6, 28],
    revenuePerLocation: [1_000_000, 3_800_000],
    constructions: ['Fire Resistive', 'Masonry Non-Combustible', 'Joisted Masonry'],
    subjects: ['BPP', 'BUSIN'],
    lossStories: [
      { line: 'Property', description: 'Burst sprinkler pipe soaked file room', paid: [6_000, 30_000] },
      { line: 'Crime', description: 'Laptop theft from unlocked office', paid: [1_500, 6_000] },
      { line: 'GL', description: 'Visitor fell on icy entry steps', paid: [2_000, 14_000] },
    ],
    extras: {
      'policy.attachments.electronicDataProcessingIndicator': true,
      'policy.linesOfBusiness.cyberAndPrivacy.requested': true,
      'policy.linesOfBusiness.cyberAndPrivacy.premiumAmount': '1650.00',
      'property.locations[*].fireProtection.alarm.manufacturerName': 'Sentry Fire Systems',
      'property.locations[*].fireProtection.alarm.centralStationIndicator': true,
      'property.remarkText': 'Statement of values attached; building values appraised 2024.',
    },
  },
};

/** State-specific property coverages: Florida insurers must offer sinkhole cover, Ohio has mine subsidence. */
export const STATE_EXTRAS: Readonly<Record<string, Truth>> = {
  FL: {
    'property.locations[*].sinkHoleCollapse.yesIndicator': true,
    'property.locations[*].sinkHoleCollapse.limitAmount': '250000.00',
  },
  OH: {
    'property.locations[*].mineSubsidence.yesIndicator': true,
    'property.locations[*].mineSubsidence.limitAmount': '300000.00',
  },
};

export const REMARKS = [
  'Insured has been with current agency since 2019. Loss runs attached.',
  'Renewal submission; no changes in operations this year.',
  'Please quote with and without terrorism coverage.',
  'Insured is open to higher deductibles for premium savings.',
];

/** What a broker writes in descriptive boxes the core generator leaves open, by model key. */
export const TEXT_BY_KEY: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^sublocationDescription$/, ['Main building', 'Building 1 - entire premises', 'Single-story building']],
  [/^formsAndConditions$/, ['CP 00 10, CP 10 30', 'CP 00 10 / CP 10 30 special form', 'Agreed value endorsement']],
  [/remarkText$/, REMARKS],
  [/^(right|left|front|rear)Description$/, ['Parking lot', 'Retail strip center', 'Vacant lot', 'Office building', 'Street']],
  [/^otherOccupanciesDescription$/, ['None', 'Insured occupies 100%']],
  [/^itemDescription$/, ['Building at location 1', 'All locations per schedule']],
  [/^interestReasonDescription$/, ['Required by lease', 'Required by loan agreement']],
  [/^protectionDescription$/, ['Smoke detectors, portable extinguishers', 'Automatic wet sprinkler system']],
  [/^alarmDescription$/, ['Monitored burglar alarm', 'Local alarm with motion sensors']],
];
