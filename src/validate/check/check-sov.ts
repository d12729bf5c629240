import type { AnyField } from '../../../schemas/field.js';
import type { Flag } from '../../../schemas/flag.js';
import type { SovCell, SovField, SovSchedule } from '../../../schemas/sov.js';
import type { PropertyLocation } from '../../../schemas/submission/property.js';
import type { CheckContext } from './check-context.js';
import { makeFlag, shownValue } from './make-flag.js';
import { addressKey } from '../../read/normalize/address-key.js';
import { leafText } from '../../model/leaf-text.js';
import { matchSovBuildings } from '../../read/sov/match-sov-buildings.js';
import type { z } from 'zod';

type Location = z.infer<typeof PropertyLocation>;

/** The 140's subject-of-insurance codes for each value column of a schedule (its tooltip's examples). */
const SUBJECT_CODES: Partial<Record<SovField, readonly string[]>> = {
  buildingValue: ['B', 'BLDG'],
  contentsValue: ['BPP', 'PP', 'STK'],
  businessIncomeValue: ['BUSIN', 'BUSEE', 'BUSRN', 'BUSER', 'BI', 'EE'],
  equipmentValue: ['MACEQ'],
};
const CONSTRUCTION_FIELDS: readonly [SovField, keyof NonNullable<Location['construction']>][] = [
  ['construction', 'constructionCode'],
  ['yearBuilt', 'builtYear'],
  ['stories', 'storeyCount'],
  ['area', 'buildingArea'],
];
/** TIV totals further apart than this share are flagged: rounding and a forgotten outbuilding are not news. */
const TIV_TOLERANCE = 0.01;

const where = (c: SovCell) => `${c.source.file}, sheet "${c.source.sheet}", row ${c.source.row}`;
const comparable = (v: unknown) => (typeof v === 'string' ? v.toUpperCase().replace(/[^A-Z0-9.]/g, '') : v);
const money = (leaf: AnyField | undefined) => (leaf && typeof leaf.value === 'string' ? Number(leaf.value) : null);

/**
 * Checks the schedules of values against the 140: buildings matched by their normalised address and
 * building number (matchSovBuildings); each construction fact and value that disagrees, each
 * building on one and not the other, and total insured values further apart than 1 % become warnings.
 */
export function checkSchedulesOfValues(ctx: CheckContext, schedules: readonly SovSchedule[]): Flag[] {
  if (schedules.length === 0) return [];
  const locations = (ctx.submission.property?.locations ?? []).map((loc, index) => ({ loc, index, key: addressKey({ lineOne: leafText(loc.physicalAddressLine) }) }));
  const matched = new Set<number>();
  const flags: Flag[] = [];
  const warn = (rule: string, path: string, message: string, leaf?: AnyField, code: Flag['code'] = 'inconsistent') =>
    flags.push(makeFlag({ path, code, severity: 'warning', when: 'quote', rule, message, source: leaf ? ctx.locator.ofLeaf(leaf, path) : null, ...(leaf ? { value: shownValue(leaf, path) } : {}) }));

  for (const { schedule: s, index: n, building: b, location } of matchSovBuildings(ctx.submission, schedules)) {
    const found = location === null ? undefined : locations[location]!;
    const address = b.cells.address?.raw ?? `row ${b.row}`;
    if (!found) {
      warn('sov-building-on-140', `schedulesOfValues[${s}].buildings[${n}]`, `${address} (${where(b.cells.address ?? Object.values(b.cells)[0]!)}) is on the schedule of values but on no 140; ask the broker which is right`);
      continue;
    }
    matched.add(found.index);
    const at = `property.locations[${found.index}]`;
    for (const [field, name] of CONSTRUCTION_FIELDS) {
      const cell = b.cells[field];
      const leaf = found.loc.construction?.[name];
      if (!cell || cell.value === null || !leaf || leaf.value === null) continue;
      if (comparable(cell.value) !== comparable(leaf.value))
        warn('sov-agrees-with-140', `${at}.construction.${name}`, `The schedule of values (${where(cell)}) gives ${cell.raw} for ${address}; the 140 says ${shownValue(leaf, name)}`, leaf);
    }
    for (const [field, codes] of Object.entries(SUBJECT_CODES) as [SovField, readonly string[]][]) {
      const cell = b.cells[field];
      const j = (found.loc.subjectsOfInsurance ?? []).findIndex((x) => codes.includes((leafText(x.subjectOfInsuranceCode) ?? '').toUpperCase()));
      const leaf = found.loc.subjectsOfInsurance?.[j]?.limitAmount;
      if (!cell || typeof cell.value !== 'string' || !leaf || money(leaf) === null) continue;
      if (Number(cell.value) !== money(leaf))
        warn('sov-agrees-with-140', `${at}.subjectsOfInsurance[${j}].limitAmount`, `The schedule of values (${where(cell)}) gives ${cell.raw} for ${address}; the 140 says ${leaf.raw.trim() || shownValue(leaf, 'limitAmount')}`, leaf);
    }
  }
  for (const l of locations.filter((l) => !matched.has(l.index) && l.key))
    warn('sov-lists-140-building', `property.locations[${l.index}].physicalAddressLine`, `${leafText(l.loc.physicalAddressLine)} is on the 140 but on no schedule of values; ask the broker for its values`, l.loc.physicalAddressLine);

  const sovTotal = schedules.reduce((t, s) => t + s.totalTiv, 0);
  const formTotal = locations.reduce((t, l) => t + (l.loc.subjectsOfInsurance ?? []).reduce((u, x) => u + (money(x.limitAmount) ?? 0), 0), 0);
  if (formTotal > 0 && Math.abs(sovTotal - formTotal) > TIV_TOLERANCE * formTotal)
    warn('sov-tiv-total', 'property.locations', `The schedule of values totals $${sovTotal.toLocaleString('en-US')} of insured value; the 140s total $${formTotal.toLocaleString('en-US')}`);
  return flags;
}
