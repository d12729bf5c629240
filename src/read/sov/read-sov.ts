import type { SovBuilding, SovCell, SovField, SovSchedule } from '../../../schemas/sov.js';
import type { ValueType } from '../../../schemas/value-type.js';
import { normalizeValue } from '../normalize/normalize-value.js';
import { readSheetGrids, type SheetGrid } from './sheet-grid.js';
import { matchSovColumns } from './sov-columns.js';

/** What each field's cells hold: they are normalised as the 140's boxes for the same facts are. */
const TYPES: Record<SovField, ValueType> = {
  locationNumber: 'code',
  buildingNumber: 'code',
  address: 'text',
  city: 'text',
  state: 'state',
  zip: 'postalCode',
  occupancy: 'text',
  construction: 'text',
  yearBuilt: 'year',
  stories: 'integer',
  area: 'integer',
  sprinklered: 'yesNo',
  protectionClass: 'code',
  buildingValue: 'money',
  contentsValue: 'money',
  businessIncomeValue: 'money',
  equipmentValue: 'money',
  tiv: 'money',
};
/** The 140's box for the same fact: a two-digit year is resolved as the form's would be. */
const FORM_PATH: Partial<Record<SovField, string>> = { yearBuilt: 'property.locations[0].construction.builtYear' };
const VALUE_FIELDS: readonly SovField[] = ['buildingValue', 'contentsValue', 'businessIncomeValue', 'equipmentValue'];
/** The header is looked for in the first rows: titles, insured names and dates often sit above it. */
const HEADER_SEARCH_ROWS = 25;
/** A row naming fewer fields is not taken for the header. */
const MIN_HEADER_FIELDS = 3;

function normalise(field: SovField, raw: string): SovCell['value'] {
  const { value } = normalizeValue(TYPES[field], raw, { path: FORM_PATH[field] });
  // "100%" or "Partial" sprinklered: the share is kept as the cell says it, a yes when above zero.
  if (field === 'sprinklered' && value === null) {
    const share = normalizeValue('percent', raw).value;
    return typeof share === 'number' ? share > 0 : null;
  }
  return value;
}

function headerRow(grid: SheetGrid): { index: number; fields: (SovField | null)[] } | null {
  let best: { index: number; fields: (SovField | null)[]; named: number } | null = null;
  for (let i = 0; i < Math.min(grid.rows.length, HEADER_SEARCH_ROWS); i++) {
    const fields = matchSovColumns(grid.rows[i]!);
    const named = fields.filter(Boolean).length;
    const placeOrValue = fields.some((f) => f === 'address' || (f !== null && VALUE_FIELDS.includes(f)) || f === 'tiv');
    if (named >= MIN_HEADER_FIELDS && placeOrValue && (!best || named > best.named)) best = { index: i, fields, named };
  }
  return best;
}

const dollars = (cell: SovCell | undefined) => (typeof cell?.value === 'string' ? Number(cell.value) : null);

function readSheet(grid: SheetGrid, file: string): SovSchedule | null {
  const header = headerRow(grid);
  if (!header) return null;
  const headers = grid.rows[header.index]!;
  const columns = headers.map((h, c) => ({ column: c + 1, header: h, field: header.fields[c] ?? null })).filter((c) => c.header !== '' || c.field !== null);
  const buildings: SovBuilding[] = [];
  const skippedRows: SovSchedule['skippedRows'] = [];
  for (let r = header.index + 1; r < grid.rows.length; r++) {
    const cellsOfRow = grid.rows[r]!;
    if (cellsOfRow.every((c) => c === '')) continue;
    const row = r + 1;
    const cell = (c: { column: number }): SovCell | null => {
      const raw = cellsOfRow[c.column - 1] ?? '';
      return raw === '' ? null : { value: null, raw, source: { file, sheet: grid.sheet, row, column: c.column } };
    };
    const cells: SovBuilding['cells'] = {};
    const other: SovBuilding['other'] = {};
    for (const c of columns) {
      const found = cell(c);
      if (!found) continue;
      if (c.field) cells[c.field] = { ...found, value: normalise(c.field, found.raw) };
      else other[c.header || `column ${c.column}`] = { ...found, value: found.raw };
    }
    const values = VALUE_FIELDS.map((f) => dollars(cells[f]));
    if (!cells.address && cellsOfRow.some((c) => /\btotals?\b/i.test(c))) {
      skippedRows.push({ row, reason: 'a total row' });
      continue;
    }
    if (!cells.address && values.every((v) => v === null) && !cells.tiv) {
      skippedRows.push({ row, reason: 'no address and no value' });
      continue;
    }
    const tiv = values.some((v) => v !== null) ? values.reduce<number>((t, v) => t + (v ?? 0), 0) : dollars(cells.tiv);
    buildings.push({ row, cells, other, tiv });
  }
  const totalTiv = Math.round(buildings.reduce((t, b) => t + (b.tiv ?? 0), 0) * 100) / 100;
  return { file, sheet: grid.sheet, headerRow: header.index + 1, columns, buildings, totalTiv, skippedRows };
}

/** A workbook's sheets read: the schedules of values, and the names of the sheets that hold none (no header row). */
export type SovSheets = { schedules: SovSchedule[]; sheetsWithoutHeader: string[] };

/**
 * The schedules of values in an .xlsx or .csv file: each sheet whose header row names at least three
 * building fields, one of them the address or a value. Every cell of a building's row is kept, with its
 * file, sheet, row and column; a sheet with no such header (a cover sheet, notes) is listed, not read.
 */
export async function readSovSheets(bytes: Uint8Array, fileName: string): Promise<SovSheets> {
  const grids = await readSheetGrids(bytes, fileName);
  const read = grids.map((g) => ({ sheet: g.sheet, schedule: readSheet(g, fileName) }));
  return {
    schedules: read.flatMap((r) => (r.schedule ? [r.schedule] : [])),
    sheetsWithoutHeader: read.filter((r) => !r.schedule).map((r) => r.sheet),
  };
}

/** The schedules of values in an .xlsx or .csv file (see readSovSheets); sheets without a header are left out. */
export async function readSov(bytes: Uint8Array, fileName: string): Promise<SovSchedule[]> {
  return (await readSovSheets(bytes, fileName)).schedules;
}

/** What a sheet's header row must name to be read as a schedule of values, for refusals and warnings. */
export const SOV_HEADER_NEEDED = `a header row in its first ${HEADER_SEARCH_ROWS} rows naming at least ${MIN_HEADER_FIELDS} building columns, among them the address (Street Address, City, State, Zip) or a value (Building Value, Contents, Business Income, TIV)`;
