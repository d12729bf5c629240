import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { mapQuestions } from './xml-map-questions.js';
import { policySupplement } from './xml-policy-aggregates.js';
import { UNITS, putAddress, putAmount, putMeasure } from './xml-values.js';

/**
 * Building facts kept beside the locations: CommlSubLocation (commercial property, packages) and
 * LocationUWInfo (BOP-style requests), each pointing at its Location by LocationRef.
 */
export function buildingInfos(rq: XmlCursor): XmlCursor[] {
  return [...rq.all('CommlSubLocation'), ...rq.all('LocationUWInfo')];
}

/** One 125 premises row: a location, or one of its buildings when building facts are given per SubLocation. */
interface Row {
  location: XmlCursor;
  number: number;
  building: XmlCursor | undefined;
  /** Whether the location has several rows, which only building numbers tell apart. */
  split: boolean;
}

/**
 * Location@id → the 125's premises rows, numbered 1, 2 … in document order, one per building where
 * CommlSubLocation / LocationUWInfo give facts for several SubLocations of a location (the 125's
 * LOC # / BLD #).
 */
export function mapPremises(ctx: XmlMappingContext): void {
  const facts = buildingInfos(ctx.request);
  const rows: Row[] = ctx.request.all('Location').flatMap((location, i) => {
    const id = location.attr('id');
    const bySub = new Map<string, XmlCursor>();
    for (const b of facts) {
      const sub = b.attr('SubLocationRef') ?? '';
      if (id && b.attr('LocationRef') === id && !bySub.has(sub)) bySub.set(sub, b);
    }
    const buildings = bySub.size ? [...bySub.values()] : [undefined];
    return buildings.map((building) => ({ location, number: i + 1, building, split: buildings.length > 1 }));
  });

  rows.forEach(({ location, number, building, split }, k) => {
    const base = `premises[${k}]`;
    ctx.put(`${base}.locationProducerIdentifier`, String(number), location.path);
    const subRef = building?.attr('SubLocationRef');
    if (split && subRef) {
      const sub = ctx.locations.get(location.attr('id') ?? '')?.subLocations.get(subRef);
      ctx.put(`${base}.buildingProducerIdentifier`, String(sub?.number ?? subRef), `${building!.path}@SubLocationRef`);
    }
    putAddress(ctx, `${base}.physicalAddress`, location.one('Addr'));
    mapRiskLocation(ctx, base, location.one('RiskLocationCd'));
    if (!building) return;
    putMeasure(ctx, `${base}.buildingArea`, building.at('Construction/BldgArea'), UNITS.squareFeet);
    putMeasure(ctx, `${base}.occupiedArea`, building.at('BldgOccupancy/AreaOccupied'), UNITS.squareFeet);
    ctx.read(`${base}.fullTimeEmployeeCount`, building, 'BldgOccupancy/NumEmployeesFullTime');
    ctx.read(`${base}.partTimeEmployeeCount`, building, 'BldgOccupancy/NumEmployeesPartTime');
    putAmount(ctx, `${base}.annualRevenueAmount`, totalReceipts(building));
    mapInterest(ctx, base, building.one('InterestCd'));
    mapQuestions(ctx, base, building);
  });

  // Head counts and revenue are stated for the whole business; with one premises row they are that row's.
  if (rows.length !== 1) return;
  const business = ctx.request.all('InsuredOrPrincipal').map((p) => p.at('InsuredOrPrincipalInfo/BusinessInfo')).find(Boolean);
  if (!ctx.has('premises[0].fullTimeEmployeeCount')) ctx.read('premises[0].fullTimeEmployeeCount', business, 'NumEmployeesFullTime');
  if (!ctx.has('premises[0].partTimeEmployeeCount')) ctx.read('premises[0].partTimeEmployeeCount', business, 'NumEmployeesPartTime');
  if (!ctx.has('premises[0].annualRevenueAmount')) putAmount(ctx, 'premises[0].annualRevenueAmount', policySupplement(ctx.request)?.one('AnnualSalesAmt'));
}

/** GrossReceipts for all operations: OperationsCd TOTAL, or none stated. */
function totalReceipts(building: XmlCursor): XmlCursor | undefined {
  const total = building.all('GrossReceipts').find((g) => (g.peekAt('OperationsCd')?.toUpperCase() ?? 'TOTAL') === 'TOTAL');
  total?.consume('OperationsCd');
  return total?.one('AnnualGrossReceiptsAmt');
}

function mapRiskLocation(ctx: XmlMappingContext, base: string, code: XmlCursor | undefined): void {
  const value = code?.text.toUpperCase();
  if (!code || !value) return;
  if (value === 'IN') ctx.check(`${base}.riskLocation.insideCityLimitsIndicator`, code.path);
  else if (value === 'OUT') ctx.check(`${base}.riskLocation.outsideCityLimitsIndicator`, code.path);
  else {
    ctx.check(`${base}.riskLocation.otherIndicator`, code.path);
    ctx.put(`${base}.riskLocation.otherDescription`, code.text, code.path);
  }
}

function mapInterest(ctx: XmlMappingContext, base: string, code: XmlCursor | undefined): void {
  const value = code?.text.toUpperCase();
  if (!code || !value) return;
  if (value === 'OWNER') ctx.check(`${base}.insuredInterest.ownerIndicator`, code.path);
  else if (value === 'TENANT') ctx.check(`${base}.insuredInterest.tenantIndicator`, code.path);
  else {
    ctx.check(`${base}.insuredInterest.otherIndicator`, code.path);
    ctx.put(`${base}.insuredInterest.otherDescription`, code.text, code.path);
  }
}
