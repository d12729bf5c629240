import type { ExportValues } from './export-values.js';
import { putAmountIn } from './export-elements.js';
import { writeArea } from './export-premises.js';
import type { Sites } from './export-sites.js';
import type { XmlNode } from './xml-node.js';

const IMPROVEMENTS = ['wiring', 'roofing', 'plumbing', 'heating'] as const;

/** The 140's locations as [index, location number, building number]. */
export function propertyLocations(v: ExportValues): { m: number; location: string | undefined; building: string | undefined }[] {
  return Array.from({ length: v.count('property.locations') }, (_, m) => ({
    m,
    location: v.text(`property.locations[${m}].locationProducerIdentifier`),
    building: v.text(`property.locations[${m}].buildingProducerIdentifier`),
  }));
}

/** "1510 Glendale Ave, Sparks, NV 89431": the reader's one-line address of an Addr. */
function addressLine(addr: XmlNode | undefined): string | undefined {
  const text = (name: string) => addr?.children.find((c) => c.name === name)?.text;
  const street = [text('Addr1'), text('Addr2')].filter(Boolean).join(' ');
  const stateZip = [text('StateProvCd'), text('PostalCode')].filter(Boolean).join(' ');
  return [street, text('City'), stateZip].filter(Boolean).join(', ') || undefined;
}

/**
 * The 140: per location one CommlPropertyInfo per subject of insurance (an empty one for a location
 * without subjects, which keeps the locations in order), its amounts on the subject's coverage; the
 * building's construction, updates and protection on its CommlSubLocation; its address as its
 * SubLocation's or Location's Addr.
 */
export function writeProperty(v: ExportValues, line: XmlNode, sites: Sites): void {
  const info = line.add('PropertyInfo');
  const keys = new Set<string>();
  for (const { m, location, building } of propertyLocations(v)) {
    const base = `property.locations[${m}]`;
    const key = `${location}\u0000${building}`;
    if (location === undefined || keys.has(key)) {
      const why = location === undefined ? 'the reader keys a property location by its location number; it has none' : 'another property location has the same location and building numbers';
      for (const p of v.below(base)) v.skip(p, why);
      continue;
    }
    keys.add(key);
    const refs: [string, string][] = [['LocationRef', sites.locationRef(location)]];
    if (building !== undefined) refs.push(['SubLocationRef', sites.subLocationRef(location, building)]);
    const subjects = v.count(`${base}.subjectsOfInsurance`);
    const first = info.add('CommlPropertyInfo', undefined, refs);
    v.note(`${base}.locationProducerIdentifier`, location, first, '@LocationRef');
    if (building !== undefined) v.note(`${base}.buildingProducerIdentifier`, building, first, '@SubLocationRef');
    for (let j = 0; j < subjects; j++) writeSubject(v, j === 0 ? first : info.add('CommlPropertyInfo', undefined, refs), `${base}.subjectsOfInsurance[${j}]`);
    writeAddressLine(v, sites, base, location, building);
    if (hasBuildingFacts(v, base)) writeBuilding(v, sites.buildingFacts(location, building), base);
  }
}

function writeAddressLine(v: ExportValues, sites: Sites, base: string, location: string, building: string | undefined): void {
  const path = `${base}.physicalAddressLine`;
  const line = v.text(path);
  if (line === undefined) return;
  if (!sites.has(location) || !sites.numbersAsWritten(location)) {
    v.skip(path, 'the reader takes the address from the Location the number refers to, and none is numbered so');
    return;
  }
  const site = sites.location(location);
  const own = site.node.children.find((c) => c.name === 'Addr');
  if (addressLine(own) === line) return v.note(path, line, own!);
  const holder = building !== undefined ? sites.subLocation(location, building) : own ? undefined : site.node;
  if (!holder) {
    v.skip(path, "the reader composes it from the location's address, which says otherwise");
    return;
  }
  // The reader names the Addr as the line's source.
  const text = v.carry(path);
  if (text === undefined) return;
  const addr = holder.add('Addr');
  addr.add('Addr1', text);
  v.note(path, text, addr);
}

const hasBuildingFacts = (v: ExportValues, base: string) => ['construction', 'improvements', 'fireProtection'].some((k) => v.below(`${base}.${k}`).length);

/** One subject row: its code, blanket number, and its coverage's limit (with valuation), deductible (with type) and coinsurance. */
function writeSubject(v: ExportValues, subject: XmlNode, base: string): void {
  v.put(subject, 'SubjectInsuranceCd', `${base}.subjectOfInsuranceCode`);
  const blanket = v.value(`${base}.blanketNumber`);
  // The reader takes a blanket number of 0 as "not blanketed".
  if (blanket !== undefined && /^0*$/.test(v.text(`${base}.blanketNumber`)!)) v.skip(`${base}.blanketNumber`, 'the reader takes blanket number 0 as none');
  else v.put(subject, 'BlanketNumber', `${base}.blanketNumber`);
  const coverage = subject.add('CommlCoverage');
  const code = v.text(`${base}.subjectOfInsuranceCode`);
  if (code !== undefined) coverage.add('CoverageCd', code);
  if (v.has(`${base}.limitAmount`) || v.has(`${base}.valuationCode`)) {
    const limit = coverage.add('Limit');
    putAmountIn(v, limit, `${base}.limitAmount`);
    v.put(limit, 'ValuationCd', `${base}.valuationCode`);
  }
  if (v.has(`${base}.deductibleAmount`) || v.has(`${base}.deductibleTypeCode`)) {
    const deductible = coverage.add('Deductible');
    putAmountIn(v, deductible, `${base}.deductibleAmount`);
    v.put(deductible, 'DeductibleTypeCd', `${base}.deductibleTypeCode`);
  }
  v.put(coverage.one('CommlCoverageSupplement'), 'CoinsurancePct', `${base}.coinsurancePercent`);
}

function writeBuilding(v: ExportValues, facts: XmlNode, base: string): void {
  const construction = facts.one('Construction');
  v.put(construction, 'ConstructionCd', `${base}.construction.constructionCode`);
  v.put(construction, 'YearBuilt', `${base}.construction.builtYear`);
  v.put(construction, 'NumStories', `${base}.construction.storeyCount`);
  const area = `${base}.construction.buildingArea`;
  const written = construction.children.find((c) => c.name === 'BldgArea')?.children.find((c) => c.name === 'NumUnits');
  if (written && v.has(area)) {
    if (written.text === v.text(area)) v.note(area, written.text!, written);
    else v.skip(area, "a building has one area; the 125's premises row says another");
  } else if (v.has(area)) writeArea(v, construction.add('BldgArea'), area);
  v.put(construction.one('RoofingMaterial'), 'RoofMaterialCd', `${base}.construction.roofMaterialCode`);

  const improvements = facts.one('BldgImprovements');
  for (const key of IMPROVEMENTS) {
    const year = v.put(improvements, `${key[0]!.toUpperCase()}${key.slice(1)}ImprovementYear`, `${base}.improvements.${key}Year`);
    // A stated update year is the 140's checked "update" box.
    if (year) v.note(`${base}.improvements.${key}Indicator`, '1', year);
    else v.skip(`${base}.improvements.${key}Indicator`, 'the reader takes an update from its year; none is given');
  }

  const protection = facts.one('BldgProtection');
  v.put(protection, 'FireProtectionClassCd', `${base}.fireProtection.protectionClassCode`);
  if (v.has(`${base}.fireProtection.hydrantDistanceFeetCount`)) {
    const d = protection.add('DistanceToHydrant');
    v.put(d, 'NumUnits', `${base}.fireProtection.hydrantDistanceFeetCount`);
    d.add('UnitMeasurementCd', 'FOT');
  }
  if (v.has(`${base}.fireProtection.fireStationDistanceMileCount`)) {
    const d = protection.add('DistanceToFireStation');
    v.put(d, 'NumUnits', `${base}.fireProtection.fireStationDistanceMileCount`);
    d.add('UnitMeasurementCd', 'SMI');
  }
  v.put(protection, 'SprinkleredPct', `${base}.fireProtection.sprinklerPercent`);
}
