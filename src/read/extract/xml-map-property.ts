import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';
import { buildingInfos } from './xml-map-premises.js';
import { UNITS, addressLine, coveragesOf, putAmount, putMeasure } from './xml-values.js';

/** One 140 location: a Location (and, when referenced, one of its SubLocations = buildings). */
interface Group {
  locationRef: string;
  subLocationRef: string | undefined;
  /** The element whose refs opened the group: it names the location and building numbers' source. */
  first: XmlCursor;
  subjects: XmlCursor[];
  building?: XmlCursor;
}

/**
 * The PropertyInfo/CommlPropertyInfo of a CommlPropertyLineBusiness or BOPLineBusiness (coverages per
 * location/building) and CommlSubLocation / LocationUWInfo (construction, updates, protection) →
 * property.locations, one per LocationRef + SubLocationRef.
 */
export function mapProperty(ctx: XmlMappingContext, line: XmlCursor): void {
  const infos = line.at('PropertyInfo')?.all('CommlPropertyInfo') ?? [];
  const groups: Group[] = [];
  const exact = new Map<string, Group>();
  const firstOfLocation = new Map<string, Group>();
  const wholeLocation = new Map<string, Group>();
  const open = (el: XmlCursor, locationRef: string, subLocationRef: string | undefined): Group => {
    const g: Group = { locationRef, subLocationRef, first: el, subjects: [] };
    groups.push(g);
    exact.set(`${locationRef}\u0000${subLocationRef ?? ''}`, g);
    if (!firstOfLocation.has(locationRef)) firstOfLocation.set(locationRef, g);
    if (!subLocationRef) wholeLocation.set(locationRef, g);
    return g;
  };
  for (const info of infos) {
    const locationRef = info.attr('LocationRef');
    if (!locationRef) continue;
    const subLocationRef = info.attr('SubLocationRef');
    (exact.get(`${locationRef}\u0000${subLocationRef ?? ''}`) ?? open(info, locationRef, subLocationRef)).subjects.push(info);
  }
  // Building facts attach to their building's group; facts for a whole location, or for a building the
  // coverages do not split out, attach to the location's group.
  for (const building of buildingInfos(ctx.request)) {
    const locationRef = building.attr('LocationRef');
    if (!locationRef) continue;
    const subLocationRef = building.attr('SubLocationRef');
    const g =
      exact.get(`${locationRef}\u0000${subLocationRef ?? ''}`) ??
      (subLocationRef ? wholeLocation.get(locationRef) : firstOfLocation.get(locationRef)) ??
      open(building, locationRef, subLocationRef);
    g.building ??= building;
  }

  groups.forEach((g, k) => {
    const base = `property.locations[${k}]`;
    mapIdentity(ctx, base, g);
    g.subjects.forEach((info, j) => mapSubject(ctx, `${base}.subjectsOfInsurance[${j}]`, info));
    if (g.building) mapBuilding(ctx, base, g.building);
  });
}

function mapIdentity(ctx: XmlMappingContext, base: string, g: Group): void {
  const location = ctx.locations.get(g.locationRef);
  ctx.put(`${base}.locationProducerIdentifier`, ctx.locationNumber(g.locationRef), `${g.first.path}@LocationRef`);
  const sub = g.subLocationRef ? location?.subLocations.get(g.subLocationRef) : undefined;
  if (g.subLocationRef) {
    ctx.put(`${base}.buildingProducerIdentifier`, String(sub?.number ?? g.subLocationRef), `${g.first.path}@SubLocationRef`);
  }
  const addr = sub?.cursor.one('Addr') ?? location?.cursor.one('Addr');
  if (addr) ctx.put(`${base}.physicalAddressLine`, addressLine(addr), addr.path);
}

/** One CommlPropertyInfo = one subject-of-insurance row; its amounts are on the coverage for that subject. */
function mapSubject(ctx: XmlMappingContext, base: string, info: XmlCursor): void {
  const coverages = coveragesOf(info);
  const subject = info.one('SubjectInsuranceCd');
  const matching = coverages.find((c) => subject?.el.text && c.peekAt('CoverageCd') === subject.el.text);
  const coverage = matching ?? coverages[0];
  if (subject?.text) ctx.put(`${base}.subjectOfInsuranceCode`, subject.text, subject.path);
  else ctx.read(`${base}.subjectOfInsuranceCode`, coverage, 'CoverageCd');
  // The matching coverage's code repeats the subject's.
  matching?.consume('CoverageCd');
  const limits = coverage?.all('Limit') ?? [];
  putAmount(ctx, `${base}.limitAmount`, limits);
  const valuation = limits.map((l) => l.one('ValuationCd')).find((v) => v?.text);
  if (valuation) ctx.put(`${base}.valuationCode`, valuation.text, valuation.path);
  const deductibles = coverage?.all('Deductible') ?? [];
  putAmount(ctx, `${base}.deductibleAmount`, deductibles);
  const deductibleType = deductibles.map((d) => d.one('DeductibleTypeCd')).find((v) => v?.text);
  if (deductibleType) ctx.put(`${base}.deductibleTypeCode`, deductibleType.text, deductibleType.path);
  ctx.read(`${base}.coinsurancePercent`, coverage, 'CommlCoverageSupplement/CoinsurancePct');
  // Senders write BlanketNumber 0 for "not blanketed"; the 140 leaves the box empty then.
  const blanket = info.one('BlanketNumber');
  if (blanket && !/^0*$/.test(blanket.text)) ctx.put(`${base}.blanketNumber`, blanket.text, blanket.path);
}

function mapBuilding(ctx: XmlMappingContext, base: string, building: XmlCursor): void {
  const construction = building.one('Construction');
  ctx.read(`${base}.construction.constructionCode`, construction, 'ConstructionCd');
  ctx.read(`${base}.construction.builtYear`, construction, 'YearBuilt');
  ctx.read(`${base}.construction.storeyCount`, construction, 'NumStories');
  putMeasure(ctx, `${base}.construction.buildingArea`, construction?.one('BldgArea'), UNITS.squareFeet);
  ctx.read(`${base}.construction.roofMaterialCode`, construction, 'RoofingMaterial/RoofMaterialCd');

  const improvements = building.one('BldgImprovements');
  for (const [element, key] of [
    ['WiringImprovementYear', 'wiring'],
    ['RoofingImprovementYear', 'roofing'],
    ['PlumbingImprovementYear', 'plumbing'],
    ['HeatingImprovementYear', 'heating'],
  ] as const) {
    // A stated update year is the 140's checked "update" box with its year.
    if (ctx.read(`${base}.improvements.${key}Year`, improvements, element)) {
      ctx.check(`${base}.improvements.${key}Indicator`, improvements!.at(element)!.path);
    }
  }

  const protection = building.one('BldgProtection');
  ctx.read(`${base}.fireProtection.protectionClassCode`, protection, 'FireProtectionClassCd');
  ctx.read(`${base}.fireProtection.sprinklerPercent`, protection, 'SprinkleredPct');
  putMeasure(ctx, `${base}.fireProtection.hydrantDistanceFeetCount`, protection?.one('DistanceToHydrant'), UNITS.feet);
  putMeasure(ctx, `${base}.fireProtection.fireStationDistanceMileCount`, protection?.one('DistanceToFireStation'), UNITS.miles);
}
