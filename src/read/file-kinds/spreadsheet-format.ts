import { looksLikeText, type FileKind } from './sniff-file-kind.js';
import { isXlsxWorkbook } from './zip-entry-names.js';

/**
 * A spreadsheet to read as a schedule of values: an .xlsx by its bytes (a ZIP holding the workbook part,
 * whatever its name: a Word file renamed .xlsx is not one), a .csv by its name when its bytes are text
 * (CSV has no magic number). Null for anything else.
 */
export function spreadsheetFormat(bytes: Uint8Array, fileName: string, kind: FileKind): 'xlsx' | 'csv' | null {
  if (kind.kind !== 'unknown' || bytes.length === 0) return null;
  if (isXlsxWorkbook(bytes)) return 'xlsx';
  return /\.csv$/i.test(fileName) && looksLikeText(bytes) ? 'csv' : null;
}
