import type { ExportValues } from './export-values.js';
import { putAddress, putAmount, putQuestions } from './export-elements.js';
import type { Sites } from './export-sites.js';
import type { XmlNode } from './xml-node.js';

/** A premises row's facts kept on its building (CommlSubLocation). */
const BUILDING_KEYS = ['buildingArea', 'occupiedArea', 'fullTimeEmployeeCount', 'partTimeEmployeeCount', 'annualRevenueAmount', 'insuredInterest', 'questions'];

/** Premises rows as [index, location number, building number], in model order. */
export function premisesRows(v: ExportValues): { k: number; location: string | undefined; building: string | undefined }[] {
  return Array.from({ length: v.count('premises') }, (_, k) => ({
    k,
    location: v.text(`premises[${k}].locationProducerIdentifier`),
    building: v.text(`premises[${k}].buildingProducerIdentifier`),
  }));
}

/**
 * The 125's premises: one Location per location number (address, inside/outside city limits), and
 * per row its building facts (areas, head counts, revenue, interest, questions) on the building's
 * CommlSubLocation. The reader lists a location's rows together, one per building-facts element, and
 * numbers buildings only where a location has several rows. `buildingOf` names the 140's building
 * of a location that has one, so a lone premises row shares its facts element.
 */
export function writePremises(v: ExportValues, sites: Sites, buildingOf: (location: string) => string | undefined): void {
  const numberOf = (row: { k: number; location: string | undefined }) => row.location ?? `#${row.k}`;
  // The reader lists a location's rows together: a row after another location's is out of order.
  const seen: string[] = [];
  const rows = premisesRows(v).filter((row) => {
    const location = numberOf(row);
    if (seen.includes(location) && seen.at(-1) !== location) {
      for (const p of v.below(`premises[${row.k}]`)) v.skip(p, "the reader lists a location's premises rows together; this row follows another location's");
      return false;
    }
    seen.push(location);
    return true;
  });
  const firstRow = new Map<string, string>();
  for (const row of rows) {
    const base = `premises[${row.k}]`;
    const location = numberOf(row);
    const site = sites.location(location);
    if (row.location !== undefined && sites.numbersAsWritten(location)) v.note(`${base}.locationProducerIdentifier`, location, site.node);
    else v.skip(`${base}.locationProducerIdentifier`, 'the reader numbers locations 1, 2 … in document order');
    const first = firstRow.get(location);
    if (first === undefined) {
      firstRow.set(location, base);
      putAddress(v, site.node, `${base}.physicalAddress`);
      writeRiskLocation(v, site.node, base);
    } else {
      // The reader gives every row of a location the Location's address and city-limits answer.
      for (const p of [...v.below(`${base}.physicalAddress`), ...v.below(`${base}.riskLocation`)]) {
        const own = p.replace(base, first);
        if (v.isWritten(own) && v.text(own) === v.text(p)) v.note(p, v.text(p)!, site.node);
        else v.skip(p, "a location has one address and one city-limits answer: the first row's");
      }
    }

    const several = rows.filter((r) => numberOf(r) === location).length > 1;
    const hasFacts = BUILDING_KEYS.some((k) => v.below(base).some((p) => p.startsWith(`${base}.${k}`)));
    if (!several) {
      v.skip(`${base}.buildingProducerIdentifier`, 'the reader numbers buildings only where a location has several premises rows');
      if (hasFacts) writeBuildingFacts(v, sites.buildingFacts(location, buildingOf(location)), base);
      continue;
    }
    const facts = sites.buildingFacts(location, row.building);
    if (row.building !== undefined) v.note(`${base}.buildingProducerIdentifier`, row.building, facts, '@SubLocationRef');
    writeBuildingFacts(v, facts, base);
  }
}

function writeBuildingFacts(v: ExportValues, facts: XmlNode, base: string): void {
  if (v.has(`${base}.buildingArea`)) writeArea(v, facts.one('Construction').add('BldgArea'), `${base}.buildingArea`);
  const occupancy = facts.one('BldgOccupancy');
  if (v.has(`${base}.occupiedArea`)) writeArea(v, occupancy.add('AreaOccupied'), `${base}.occupiedArea`);
  v.put(occupancy, 'NumEmployeesFullTime', `${base}.fullTimeEmployeeCount`);
  v.put(occupancy, 'NumEmployeesPartTime', `${base}.partTimeEmployeeCount`);
  if (v.has(`${base}.annualRevenueAmount`)) {
    const receipts = facts.add('GrossReceipts');
    receipts.add('OperationsCd', 'TOTAL');
    putAmount(v, receipts, 'AnnualGrossReceiptsAmt', `${base}.annualRevenueAmount`);
  }
  writeInterest(v, facts, base);
  putQuestions(v, facts, base);
}

/** An area in square feet. */
export function writeArea(v: ExportValues, measure: XmlNode, path: string): void {
  v.put(measure, 'NumUnits', path);
  measure.add('UnitMeasurementCd', 'FTK');
}

/**
 * Checked boxes stated as one code: a box's own code (IN / OUT, OWNER / TENANT), or the "other"
 * description, which the reader takes as "other" with the code as its description. A box or
 * description the one code does not state is skipped.
 */
function writeCodedBoxes(v: ExportValues, parent: XmlNode, element: string, base: string, codes: Record<string, string>): void {
  const boxes = [...Object.keys(codes), 'otherIndicator'].filter((k) => v.isTrue(`${base}.${k}`));
  const first = boxes[0];
  const code = first === undefined ? undefined : first === 'otherIndicator' ? v.carry(`${base}.otherDescription`) : codes[first];
  if (code !== undefined) {
    const said = Object.keys(codes).find((k) => codes[k] === code.toUpperCase()) ?? 'otherIndicator';
    const node = parent.add(element, code);
    v.note(`${base}.${said}`, '1', node);
    if (said === 'otherIndicator') v.note(`${base}.otherDescription`, code, node);
  }
  for (const k of [...boxes, 'otherDescription']) v.skip(`${base}.${k}`, `one ${element} states one answer; this box or description is not the one it states`);
}

function writeRiskLocation(v: ExportValues, location: XmlNode, base: string): void {
  writeCodedBoxes(v, location, 'RiskLocationCd', `${base}.riskLocation`, { insideCityLimitsIndicator: 'IN', outsideCityLimitsIndicator: 'OUT' });
}

function writeInterest(v: ExportValues, facts: XmlNode, base: string): void {
  writeCodedBoxes(v, facts, 'InterestCd', `${base}.insuredInterest`, { ownerIndicator: 'OWNER', tenantIndicator: 'TENANT' });
}
