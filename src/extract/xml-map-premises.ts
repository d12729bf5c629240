import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { putAmount, putAddress } from './xml-values.js';

/**
 * Building facts kept beside the locations: CommlSubLocation (commercial property, packages) and
 * LocationUWInfo (BOP-style requests), each pointing at its Location by LocationRef.
 */
export function buildingInfos(rq: XmlCursor): XmlCursor[] {
  return [...rq.all('CommlSubLocation'), ...rq.all('LocationUWInfo')];
}

/** Location@id → the 125's premises rows, numbered 1, 2 … in document order. */
export function mapPremises(ctx: XmlMappingContext): void {
  const locations = ctx.request.all('Location');
  const buildings = new Map<string, XmlCursor>();
  for (const b of buildingInfos(ctx.request)) {
    const ref = b.attr('LocationRef');
    if (ref && !buildings.has(ref)) buildings.set(ref, b);
  }
  locations.forEach((loc, i) => {
    const base = `premises[${i}]`;
    ctx.put(`${base}.locationProducerIdentifier`, String(i + 1), loc.path);
    putAddress(ctx, `${base}.physicalAddress`, loc.one('Addr'));
    mapRiskLocation(ctx, base, loc.one('RiskLocationCd'));

    const id = loc.attr('id');
    const building = id ? buildings.get(id) : undefined;
    ctx.read(`${base}.buildingArea`, building, 'Construction/BldgArea/NumUnits');
    ctx.read(`${base}.occupiedArea`, building, 'BldgOccupancy/AreaOccupied/NumUnits');
    mapInterest(ctx, base, building?.one('InterestCd'));
  });

  // Head counts and revenue are stated for the whole business; with one location they are that location's.
  if (locations.length !== 1) return;
  const business = ctx.request.all('InsuredOrPrincipal').map((p) => p.at('InsuredOrPrincipalInfo/BusinessInfo')).find(Boolean);
  ctx.read('premises[0].fullTimeEmployeeCount', business, 'NumEmployeesFullTime');
  ctx.read('premises[0].partTimeEmployeeCount', business, 'NumEmployeesPartTime');
  putAmount(ctx, 'premises[0].annualRevenueAmount', ctx.request.at('CommlPolicy/CommlPolicySupplement/AnnualSalesAmt'));
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
