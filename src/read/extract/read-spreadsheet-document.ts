import type { Limits } from '../../config/limits.js';
import { formatBytes } from '../../config/limits.js';
import { SpreadsheetReadError } from '../sov/sheet-grid.js';
import { readSovSheets, SOV_HEADER_NEEDED } from '../sov/read-sov.js';
import type { ExtractedDocument } from './extract-document.js';

const quoted = (sheets: readonly string[]) => sheets.map((s) => `"${s}"`).join(', ');

/**
 * An .xlsx or .csv schedule of values read into its sheets' buildings, as a document holding no forms.
 * A workbook none of whose sheets has a schedule's header row is refused (SpreadsheetReadError,
 * `spreadsheet-no-header`) naming its sheets and the columns wanted; sheets without one beside a
 * schedule (a cover sheet, notes) are named in a warning.
 */
export async function readSpreadsheetDocument(bytes: Uint8Array, fileName: string, id: string, limits: Limits): Promise<ExtractedDocument> {
  if (bytes.byteLength > limits.fileBytes) throw new SpreadsheetReadError(fileName, 'too-large', `${formatBytes(bytes.byteLength)} is over the ${formatBytes(limits.fileBytes)} limit; ask the broker for the schedule alone`);
  const { schedules, sheetsWithoutHeader } = await readSovSheets(bytes, fileName);
  if (schedules.length === 0) {
    const where = sheetsWithoutHeader.length ? `its sheet${sheetsWithoutHeader.length > 1 ? 's' : ''} ${quoted(sheetsWithoutHeader)} ha${sheetsWithoutHeader.length > 1 ? 've' : 's'}` : 'it has no sheet and so';
    throw new SpreadsheetReadError(fileName, 'no-header', `not read as a schedule of values: ${where} no schedule header; a schedule needs ${SOV_HEADER_NEEDED}; ask the broker for the schedule with its column headings`);
  }
  const warnings = sheetsWithoutHeader.length ? [`${fileName}: sheet${sheetsWithoutHeader.length > 1 ? 's' : ''} ${quoted(sheetsWithoutHeader)} not read: no schedule-of-values header row (${SOV_HEADER_NEEDED})`] : [];
  for (const s of schedules) if (s.buildings.length === 0) warnings.push(`${fileName}: sheet "${s.sheet}": a schedule header on row ${s.headerRow} but no building below it`);
  return {
    document: { id, fileName, kind: 'schedule-of-values', pageCount: 0, forms: [] },
    parts: [],
    unplaced: [],
    pagesNotRead: [],
    fieldsNotRead: [],
    warnings,
    schedulesOfValues: schedules,
  };
}
