import { z } from 'zod';

/** The building fields a schedule of values' columns are matched to. */
export const SovField = z.enum([
  'locationNumber',
  'buildingNumber',
  'address',
  'city',
  'state',
  'zip',
  'occupancy',
  'construction',
  'yearBuilt',
  'stories',
  'area',
  'sprinklered',
  'protectionClass',
  'buildingValue',
  'contentsValue',
  'businessIncomeValue',
  'equipmentValue',
  'tiv',
]);
export type SovField = z.infer<typeof SovField>;

/** Where a cell is: the file, the sheet (the file name for a CSV), and the 1-based row and column as a spreadsheet shows them. */
export const CellSource = z.object({ file: z.string(), sheet: z.string(), row: z.number().int().min(1), column: z.number().int().min(1) });
export type CellSource = z.infer<typeof CellSource>;

/** One cell's value: normalised like the forms' values (null when it could not be), the text as the cell held it. */
export const SovCell = z.object({ value: z.union([z.string(), z.number(), z.boolean()]).nullable(), raw: z.string(), source: CellSource });
export type SovCell = z.infer<typeof SovCell>;

/** How a column was matched: its header, and the field it was taken for (null: kept, but no building field). */
export const SovColumn = z.object({ column: z.number().int().min(1), header: z.string(), field: SovField.nullable() });
export type SovColumn = z.infer<typeof SovColumn>;

export const SovBuilding = z.object({
  /** The row in the sheet. */
  row: z.number().int().min(1),
  cells: z.partialRecord(SovField, SovCell),
  /** Cells of columns matched to no field, by header: nothing in the sheet is dropped. */
  other: z.record(z.string(), SovCell),
  /** Building + contents + business income + machinery, in dollars, when the sheet gives any of them; else its TIV column. */
  tiv: z.number().nullable(),
});
export type SovBuilding = z.infer<typeof SovBuilding>;

/** One sheet read as a schedule of values. */
export const SovSchedule = z.object({
  file: z.string(),
  sheet: z.string(),
  headerRow: z.number().int().min(1),
  columns: z.array(SovColumn),
  buildings: z.array(SovBuilding),
  /** Sum of the buildings' TIV. */
  totalTiv: z.number(),
  /** Rows below the header skipped, and why ("total row", "blank"). */
  skippedRows: z.array(z.object({ row: z.number().int().min(1), reason: z.string() })),
});
export type SovSchedule = z.infer<typeof SovSchedule>;
