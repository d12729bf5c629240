import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AcordPrepError } from '../../errors.js';

/** One sheet as text cells: rows[r][c] is the cell at row r + 1, column c + 1 ('' when empty). */
export type SheetGrid = { sheet: string; rows: string[][] };

/** A spreadsheet that could not be read: the file, what is wrong, and what to ask for. */
export class SpreadsheetReadError extends AcordPrepError {
  constructor(file: string, problem: 'corrupt' | 'too-large' | 'encrypted' | 'no-header', detail: string) {
    super(file, `spreadsheet-${problem}`, detail);
  }
}

/** Rows read from one sheet: a schedule of values is a few thousand buildings at most. */
export const MAX_ROWS = 20_000;
const MAX_COLUMNS = 200;
/** An .xlsx is a zip of XML: what it may inflate to, checked from its directory before anything is inflated. */
const MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024;

export const isSpreadsheetName = (fileName: string) => /\.(xlsx|csv)$/i.test(fileName);

/** Dates as ISO days, numbers as written by JavaScript (no thousands separators), formulas as their result. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result === undefined || v.result === null ? '' : typeof v.result === 'object' ? '' : String(v.result);
  return cell.text.trim();
}

async function inflatedSize(bytes: Uint8Array, fileName: string): Promise<number> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }).catch((err: Error) => {
    // An .xlsx saved with a password is an encrypted OLE file, not a zip.
    const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf;
    throw ole ? new SpreadsheetReadError(fileName, 'encrypted', 'is password-protected; ask the broker for an unprotected copy') : new SpreadsheetReadError(fileName, 'corrupt', `is not an .xlsx workbook that can be opened (${err.message}); ask the broker to save it again as .xlsx or .csv`);
  });
  let total = 0;
  for await (const entry of zip.eachEntry()) total += entry.uncompressedSize;
  zip.close();
  return total;
}

/** A ZIP's local file header: an .xlsx workbook, whatever its name says. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Every sheet of an .xlsx workbook, or the one "sheet" of a .csv file, told apart by their bytes where
 * the name would mislead (a workbook renamed .csv is still a workbook). The spreadsheet libraries are loaded on first use: the
 * document readers that never meet a spreadsheet do not carry them.
 */
export async function readSheetGrids(bytes: Uint8Array, fileName: string): Promise<SheetGrid[]> {
  if (!isZip(bytes) && /\.csv$/i.test(fileName)) {
    const { parse } = await import('csv-parse/sync');
    try {
      const rows = parse(Buffer.from(bytes), { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to: MAX_ROWS }) as string[][];
      return [{ sheet: fileName.replace(/^.*[\\/]/, ''), rows: rows.map((r) => r.slice(0, MAX_COLUMNS).map((c) => c.trim())) }];
    } catch (err) {
      throw new SpreadsheetReadError(fileName, 'corrupt', `is not a CSV file that can be read (${(err as Error).message}); ask the broker to export it again`);
    }
  }
  const inflated = await inflatedSize(bytes, fileName);
  if (inflated > MAX_XLSX_INFLATED_BYTES) throw new SpreadsheetReadError(fileName, 'too-large', `would unpack to ${Math.round(inflated / 1048576)} MB, more than the ${MAX_XLSX_INFLATED_BYTES / 1048576} MB a schedule of values may take; ask the broker for the schedule alone`);
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as never);
  } catch (err) {
    throw new SpreadsheetReadError(fileName, 'corrupt', `is damaged (${(err as Error).message}); ask the broker to save it again as .xlsx or .csv`);
  }
  return book.worksheets.map((ws) => {
    const rows: string[][] = [];
    const last = Math.min(ws.rowCount, MAX_ROWS);
    const width = Math.min(ws.columnCount, MAX_COLUMNS);
    for (let r = 1; r <= last; r++) {
      const row = ws.getRow(r);
      rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1))));
    }
    return { sheet: ws.name, rows };
  });
}
