import type { Submission } from '../../../schemas/submission.js';
import { maskTaxId } from '../../model/mask-tax-id.js';
import { drawTable } from './draw-table.js';
import { addressLine, amount, dollars, formatDollars, joined, text, type Leaf } from './field-text.js';
import { MUTED, type PageFlow } from './page-flow.js';

type Location = NonNullable<NonNullable<Submission['property']>['locations']>[number];
type PriorPolicy = NonNullable<Submission['priorCoverage']>[number]['generalLiability'];

const ENTITY: Record<string, string> = {
  corporationIndicator: 'Corporation',
  individualIndicator: 'Individual',
  jointVentureIndicator: 'Joint venture',
  limitedLiabilityCorporationIndicator: 'LLC',
  notForProfitIndicator: 'Not for profit',
  partnershipIndicator: 'Partnership',
  subchapterSCorporationIndicator: 'S corporation',
  trustIndicator: 'Trust',
};

/**
 * The submission on a few pages an underwriter scans in a minute: who, the term and lines, each
 * location and building with its COPE and values, the GL classes with their exposure, the limits,
 * prior carriers and losses.
 */
export function drawDataSummary(flow: PageFlow, s: Submission): void {
  flow.newPage();
  flow.heading('Data summary');
  const none = (what: string) => flow.text(`${what}: not in the submission.`, { color: MUTED });

  flow.heading('Named insureds', 2);
  if (s.namedInsureds?.length) {
    drawTable(
      flow,
      [
        { header: 'Name', weight: 26 },
        { header: 'FEIN', weight: 11 },
        { header: 'Entity', weight: 11 },
        { header: 'In business since', weight: 11 },
        { header: 'SIC / NAICS', weight: 11 },
        { header: 'Mailing address', weight: 30 },
      ],
      s.namedInsureds.map((n) => {
        const entity = Object.entries(ENTITY).filter(([k]) => (n.legalEntity as Record<string, { value: unknown } | undefined> | undefined)?.[k]?.value === true).map(([, v]) => v);
        const tax = n.taxIdentifier;
        return [
          text(n.fullName),
          tax ? maskTaxId(String(tax.value ?? tax.raw)) : '',
          joined([...entity, text(n.legalEntity?.otherDescription)]),
          text(n.businessStartDate),
          joined([text(n.sicCode), text(n.naicsCode)], ' / '),
          addressLine(n.mailingAddress),
        ];
      }),
    );
  } else none('Named insureds');

  const policy = s.policy;
  flow.heading('Policy and lines', 2);
  if (policy) {
    const lines = [
      ...Object.entries(policy.linesOfBusiness ?? {})
        .filter(([, l]) => l?.requested?.value || l?.premiumAmount)
        .map(([k, l]) => [k.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()), dollars(l?.premiumAmount)]),
      ...(policy.otherLinesOfBusiness ?? []).filter((l) => l.requested?.value || l.description).map((l) => [text(l.description), dollars(l.premiumAmount)]),
    ];
    flow.fields(
      (
        [
          ['Term', joined([text(policy.effectiveDate), text(policy.expirationDate)], ' to ')],
          ['Policy number', text(policy.policyNumberIdentifier)],
          ['Controlling state', text(policy.controllingStateCode)],
          ['Policy premium', dollars(policy.payment?.estimatedTotalAmount)],
          ['Remarks', text(policy.remarkText)],
        ] as [string, string][]
      ).filter(([, v]) => v),
      120,
      9,
    );
    flow.space(4);
    if (lines.length) drawTable(flow, [{ header: 'Line requested', weight: 70 }, { header: 'Premium', weight: 30, align: 'right' }], lines);
  } else none('Policy');

  flow.heading('Locations (ACORD 125 premises)', 2);
  if (s.premises?.length) {
    drawTable(
      flow,
      [
        { header: 'Loc / Bldg', weight: 7 },
        { header: 'Address', weight: 24 },
        { header: 'Interest', weight: 8 },
        { header: 'Employees FT / PT', weight: 10 },
        { header: 'Annual revenue', weight: 11, align: 'right' },
        { header: 'Occupied / total sq ft', weight: 12, align: 'right' },
        { header: 'Operations', weight: 28 },
      ],
      s.premises.map((p) => [
        locBldg(p),
        addressLine(p.physicalAddress),
        p.insuredInterest?.ownerIndicator?.value ? 'Owner' : p.insuredInterest?.tenantIndicator?.value ? 'Tenant' : text(p.insuredInterest?.otherDescription),
        joined([text(p.fullTimeEmployeeCount), text(p.partTimeEmployeeCount)], ' / '),
        dollars(p.annualRevenueAmount),
        joined([text(p.occupiedArea), text(p.buildingArea)], ' / '),
        text(p.operationsDescription),
      ]),
    );
  } else none('Premises');

  const locations = s.property?.locations ?? [];
  flow.heading('Buildings: construction, occupancy, protection, exposure (ACORD 140)', 2);
  if (locations.length) {
    const tivs = locations.map(tiv);
    drawTable(
      flow,
      [
        { header: 'Loc / Bldg', weight: 7 },
        { header: 'Address', weight: 17 },
        { header: 'Construction', weight: 18 },
        { header: 'Occupancy', weight: 15 },
        { header: 'Protection', weight: 19 },
        { header: 'Exposure', weight: 14 },
        { header: 'TIV', weight: 10, align: 'right' },
      ],
      [
        ...locations.map((l, i) => [locBldg(l), text(l.physicalAddressLine), construction(l), occupancy(l, s), protection(l), exposure(l), tivs[i] === null ? '' : formatDollars(tivs[i]!)]),
        ['', 'Total insured value', '', '', '', '', formatDollars(tivs.reduce<number>((n, v) => n + (v ?? 0), 0))],
      ],
    );
    const subjects = locations.flatMap((l) => (l.subjectsOfInsurance ?? []).map((c) => ({ l, c })));
    if (subjects.length) {
      flow.heading('Property coverages', 2);
      drawTable(
        flow,
        [
          { header: 'Loc / Bldg', weight: 8 },
          { header: 'Subject', weight: 8 },
          { header: 'Limit', weight: 12, align: 'right' },
          { header: 'Valuation', weight: 10 },
          { header: 'Coins. %', weight: 7, align: 'right' },
          { header: 'Cause of loss', weight: 11 },
          { header: 'Deductible', weight: 10, align: 'right' },
          { header: 'Forms and conditions', weight: 34 },
        ],
        subjects.map(({ l, c }) => [
          locBldg(l),
          text(c.subjectOfInsuranceCode),
          dollars(c.limitAmount),
          text(c.valuationCode),
          text(c.coinsurancePercent),
          text(c.causeOfLossCode),
          dollars(c.deductibleAmount),
          text(c.formsAndConditions),
        ]),
      );
    }
  } else none('Property locations');

  const gl = s.generalLiability;
  flow.heading('General liability classifications (ACORD 126)', 2);
  if (gl?.hazards?.length) {
    drawTable(
      flow,
      [
        { header: 'Loc', weight: 5 },
        { header: 'Class code', weight: 8 },
        { header: 'Classification', weight: 37 },
        { header: 'Premium basis', weight: 8 },
        { header: 'Exposure', weight: 12, align: 'right' },
        { header: 'Territory', weight: 8 },
        { header: 'Premium (prem/ops + products)', weight: 16, align: 'right' },
      ],
      gl.hazards.map((h) => [
        text(h.locationProducerIdentifier),
        text(h.classCode),
        text(h.classification),
        text(h.premiumBasisCode),
        text(h.exposure),
        text(h.territoryCode),
        joined([dollars(h.premisesOperationsPremiumAmount), dollars(h.productsPremiumAmount)], ' + '),
      ]),
    );
  } else none('Classifications');

  flow.heading('General liability limits', 2);
  const limits = gl?.limits;
  const claimsMade = gl?.coverage?.claimsMadeIndicator?.value ? 'Claims made' : gl?.coverage?.occurrenceIndicator?.value ? 'Occurrence' : '';
  const limitRows = (
    [
      ['Coverage', claimsMade],
      ['General aggregate', dollars(limits?.generalAggregate)],
      ['Products / completed ops aggregate', dollars(limits?.productsAndCompletedOperationsAggregate)],
      ['Each occurrence', dollars(limits?.eachOccurrence)],
      ['Personal and advertising injury', dollars(limits?.personalAndAdvertisingInjury)],
      ['Damage to rented premises', dollars(limits?.fireDamageRentedPremises)],
      ['Medical expense', dollars(limits?.medicalExpense)],
      ['Employee benefits', dollars(limits?.employeeBenefits)],
      [text(limits?.otherCoverageDescription) || 'Other', dollars(limits?.otherCoverage)],
    ] as [string, string][]
  ).filter(([, v]) => v);
  if (limitRows.length) drawTable(flow, [{ header: 'Limit', weight: 60 }, { header: 'Amount', weight: 40, align: 'right' }], limitRows);
  else none('Limits');

  flow.heading('Prior carriers', 2);
  const prior = (s.priorCoverage ?? []).flatMap((year) =>
    (
      [
        ['General liability', year.generalLiability],
        ['Automobile', year.automobile],
        ['Property', year.property],
        [text(year.otherLine?.lineOfBusinessCode) || 'Other', year.otherLine],
      ] as [string, PriorPolicy][]
    )
      .filter(([, p]) => p && (p.insurerFullName || p.policyNumberIdentifier))
      .map(([line, p]) => [text(year.policyYear).replace(/,/g, ''), line, text(p!.insurerFullName), text(p!.policyNumberIdentifier), dollars(p!.totalPremiumAmount), joined([text(p!.effectiveDate), text(p!.expirationDate)], ' to ')]),
  );
  if (prior.length) {
    drawTable(
      flow,
      [
        { header: 'Year', weight: 7 },
        { header: 'Line', weight: 15 },
        { header: 'Carrier', weight: 28 },
        { header: 'Policy number', weight: 15 },
        { header: 'Premium', weight: 12, align: 'right' },
        { header: 'Term', weight: 23 },
      ],
      prior,
    );
  } else none('Prior carriers');

  flow.heading('Losses', 2);
  const history = s.lossHistory;
  const losses = history?.losses ?? [];
  if (history?.noPriorLossesIndicator?.value) flow.text('No prior losses (ACORD 125).');
  if (history?.informationYearCount) flow.text(`Loss information covers ${text(history.informationYearCount)} years${history.totalAmount ? `; total ${dollars(history.totalAmount)}` : ''}.`);
  if (losses.length) {
    drawTable(
      flow,
      [
        { header: 'Occurred', weight: 10 },
        { header: 'Line', weight: 9 },
        { header: 'Description', weight: 39 },
        { header: 'Claim date', weight: 10 },
        { header: 'Paid', weight: 11, align: 'right' },
        { header: 'Reserved', weight: 11, align: 'right' },
        { header: 'Status', weight: 10 },
      ],
      losses.map((l) => [
        text(l.occurrenceDate),
        text(l.lineOfBusiness),
        text(l.occurrenceDescription),
        text(l.claimDate),
        dollars(l.paidAmount),
        dollars(l.reservedAmount),
        l.open?.value === true ? 'Open' : l.open?.value === false ? 'Closed' : text(l.open),
      ]),
    );
  } else if (!history?.noPriorLossesIndicator?.value) none('Losses');
}

const locBldg = (l: { locationProducerIdentifier?: Leaf; buildingProducerIdentifier?: Leaf }) =>
  joined([text(l.locationProducerIdentifier), text(l.buildingProducerIdentifier)], ' / ');

/** Total insured value of a building: the sum of its coverage limits; null when none is stated. */
function tiv(l: Location): number | null {
  const limits = (l.subjectsOfInsurance ?? []).map((c) => amount(c.limitAmount)).filter((n): n is number => n !== null);
  return limits.length ? limits.reduce((a, b) => a + b, 0) : null;
}

function construction(l: Location): string {
  const c = l.construction;
  if (!c) return '';
  return joined([
    text(c.constructionCode),
    c.storeyCount ? `${text(c.storeyCount)} ${c.storeyCount.value === 1 ? 'story' : 'stories'}` : '',
    c.builtYear ? `built ${String(c.builtYear.value ?? c.builtYear.raw)}` : '',
    c.buildingArea ? `${text(c.buildingArea)} sq ft` : '',
    c.roofMaterialCode ? `roof ${text(c.roofMaterialCode)}` : '',
  ]);
}

/** The 140 has no occupancy box of its own: the 125 premises row of the same location and building says what is done there. */
function occupancy(l: Location, s: Submission): string {
  const premises = s.premises?.find((p) => text(p.locationProducerIdentifier) === text(l.locationProducerIdentifier) && (!p.buildingProducerIdentifier || text(p.buildingProducerIdentifier) === text(l.buildingProducerIdentifier)));
  return joined([text(premises?.operationsDescription), text(l.buildingOccupancy?.otherOccupanciesDescription)], '; ');
}

function protection(l: Location): string {
  const f = l.fireProtection;
  const alarm = l.burglarAlarm;
  return joined([
    f?.protectionClassCode ? `PC ${text(f.protectionClassCode)}` : '',
    f?.sprinklerPercent ? `sprinklered ${text(f.sprinklerPercent)}%` : '',
    f?.alarm?.centralStationIndicator?.value ? 'fire alarm central station' : f?.alarm?.localGongIndicator?.value ? 'fire alarm local' : '',
    f?.hydrantDistanceFeetCount ? `hydrant ${text(f.hydrantDistanceFeetCount)} ft` : '',
    f?.fireStationDistanceMileCount ? `station ${text(f.fireStationDistanceMileCount)} mi` : '',
    alarm?.alarmDescription || alarm?.centralStationIndicator?.value ? burglarAlarm(text(alarm.alarmDescription), Boolean(alarm.centralStationIndicator?.value)) : '',
    text(f?.protectionDescription),
  ]);
}

const burglarAlarm = (description: string, central: boolean) => joined([/alarm/i.test(description) ? description : `burglar alarm ${description}`.trim(), central ? 'central station' : '']);

function exposure(l: Location): string {
  const e = l.buildingExposure;
  if (!e) return '';
  const side = (name: string, d: Leaf, feet: Leaf) =>
    d || feet ? `${name}: ${joined([text(d), feet ? `${text(feet)} ft` : ''], ' ')}` : '';
  return joined([side('R', e.rightDescription, e.rightDistance), side('L', e.leftDescription, e.leftDistance), side('F', e.frontDescription, e.frontDistance), side('Rear', e.rearDescription, e.rearDistance)], '; ');
}
