import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config/limits.js';
import { UnknownFormError, UnsupportedFileError } from '../src/errors.js';
import { DocumentReaderThread } from '../src/read/extract/document-reader-thread.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { extractSubmission, mergeDocumentReadings, type DocumentReading } from '../src/read/extract/extract-submission.js';
import { snapshotEntry } from '../src/intake/entry-snapshot.js';
import { readEntry } from '../src/intake/read-entry.js';
import { unpackEml } from '../src/intake/unpack-eml.js';
import { unpackZip } from '../src/intake/unpack-zip.js';
import { DEFAULT_INTAKE_LIMITS } from '../schemas/intake.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { encodeGrayImage } from '../src/read/raster/encode-gray-image.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';
import { lossRunPdf } from '../scripts/sample-kit/loss-run-pdf.js';
import { scanPdf } from '../scripts/sample-kit/scan-pdf.js';
import { readDocumentResult, writeDocumentResult } from '../src/service/document-results.js';
import { SpreadsheetReadError } from '../src/read/sov/sheet-grid.js';
import { harborlineRun } from './support/harborline-loss-run.js';
import { writeZip } from './support/write-zip.js';

const pool = new OcrPool({ workers: 1 });
afterAll(() => pool.close());
const ocr = () => pool;

const acord140 = async () => new Uint8Array(await readFile(new URL('../samples/manufacturing-oh/acord-140-1.pdf', import.meta.url)));

async function xlsx(fill: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A broker's workbook: a cover sheet, then the schedule under a title, its columns shuffled and renamed. */
const sovXlsx = () =>
  xlsx((book) => {
    book.addWorksheet('Cover').addRows([['Statement of Values'], ['Prepared for Buckeye Tool & Die']]);
    const ws = book.addWorksheet('SOV');
    ws.addRows([['Buckeye Tool & Die — Schedule of Values'], []]);
    ws.addRow(['Bldg #', 'Loc #', 'Street Address', 'City', 'ST', 'Zip', 'Flood Zone', 'Building Value', 'Contents (BPP)', 'Yr Built']);
    ws.addRow(['1', '1', '9255 Industrial Blvd', 'Columbus', 'OH', '43201', 'X', 4810000, 615000, 2011]);
    ws.addRow(['2', '1', '6732 Industrial Blvd', 'Columbus', 'OH', '43215', 'AE', 175000, 520000, 1985]);
  });

const sovCsv = () => new TextEncoder().encode(['Location,Address,Town,State,Postal Code,TIV,Building,Contents', '3,3562 Oak Ave,Dayton,OH,45402,"$2,880,000","$2,630,000","$250,000"', 'Totals,,,,,"$2,880,000",,'].join('\r\n'));

const RUN = harborlineRun('Buckeye Tool & Die');

const claimRows = (run: { claims: { policyNumber: string | null; claimNumber: string | null; lossDate: string | null; status: string | null; paid: number | null; reserve: number | null; incurred: number | null }[] }) =>
  run.claims.map((c) => [c.policyNumber, c.claimNumber, c.lossDate, c.status, c.paid, c.reserve, c.incurred]);

/** A one-page PDF of printed text that is neither an ACORD form nor a loss run. */
async function letterPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  ['Dear underwriter,', 'Please find the renewal submission attached.', 'Kind regards, the broker'].forEach((line, i) => page.drawText(line, { x: 72, y: 700 - 16 * i, size: 11, font }));
  return doc.save();
}

describe('spreadsheets and loss runs read into the submission', () => {
  it('a 140, an .xlsx and a .csv schedule, and loss runs in three layouts (one scanned): every value with where it came from', async () => {
    const scanned = await scanPdf(await lossRunPdf(RUN, 'table'), { dpi: 200, seed: 'y', keep: [], title: 'loss run scan' });
    const files = [
      { fileName: 'acord-140-1.pdf', bytes: await acord140() },
      { fileName: 'sov.xlsx', bytes: await sovXlsx() },
      { fileName: 'dayton.csv', bytes: sovCsv() },
      { fileName: 'harborline-scan.pdf', bytes: scanned.bytes },
      { fileName: 'great-plains.pdf', bytes: await lossRunPdf({ ...RUN, carrier: 'Great Plains Casualty Group', valuedAsOf: '11/02/2026' }, 'labelled') },
      { fileName: 'keystone.pdf', bytes: await lossRunPdf({ ...RUN, carrier: 'Keystone Specialty Insurance' }, 'ledger') },
    ];
    const { submission, outcome, failures } = await extractSubmission(files, { ocr, limits: DEFAULT_LIMITS });
    expect(failures).toEqual([]);
    expect(submission.documents.map((d) => [d.fileName, d.kind, d.pageCount, d.forms.length])).toEqual([
      ['acord-140-1.pdf', 'pdf', 3, 1],
      ['sov.xlsx', 'schedule-of-values', 0, 0],
      ['dayton.csv', 'schedule-of-values', 0, 0],
      ['harborline-scan.pdf', 'loss-run', 1, 0],
      ['great-plains.pdf', 'loss-run', 1, 0],
      ['keystone.pdf', 'loss-run', 1, 0],
    ]);
    expect(submission.property?.locations?.length).toBeGreaterThan(0);

    const [book, csv, ...more] = submission.schedulesOfValues!;
    expect(more).toEqual([]);
    expect(book).toMatchObject({ file: 'sov.xlsx', sheet: 'SOV', headerRow: 3, totalTiv: 6_120_000 });
    expect(book!.buildings[1]!.cells.buildingValue).toEqual({ value: '175000.00', raw: '175000', source: { file: 'sov.xlsx', sheet: 'SOV', row: 5, column: 8 } });
    expect(book!.buildings[0]!.cells.address).toEqual({ value: '9255 Industrial Blvd', raw: '9255 Industrial Blvd', source: { file: 'sov.xlsx', sheet: 'SOV', row: 4, column: 3 } });
    expect(book!.buildings[0]!.cells.yearBuilt?.value).toBe(2011);
    expect(book!.buildings[1]!.other['Flood Zone']).toEqual({ value: 'AE', raw: 'AE', source: { file: 'sov.xlsx', sheet: 'SOV', row: 5, column: 7 } });
    expect(csv).toMatchObject({ file: 'dayton.csv', sheet: 'dayton.csv', headerRow: 1, totalTiv: 2_880_000, skippedRows: [{ row: 3, reason: 'a total row' }] });
    expect(csv!.buildings[0]!.cells.contentsValue).toEqual({ value: '250000.00', raw: '$250,000', source: { file: 'dayton.csv', sheet: 'dayton.csv', row: 2, column: 8 } });
    expect(csv!.buildings[0]!.cells.city?.value).toBe('Dayton');
    expect(outcome.files.find((f) => f.fileName === 'sov.xlsx')!.warnings).toEqual([expect.stringMatching(/^sov\.xlsx: sheet "Cover" not read: no schedule-of-values header row/)]);

    const [scan, labelled, ledger] = submission.lossRuns!;
    expect(scan).toMatchObject({ file: 'harborline-scan.pdf', carrier: 'Harborline Mutual Insurance Company', valuationDate: '2026-10-15' });
    expect(scan!.periods).toEqual([
      { policyNumber: 'GL-100234', from: '2022-01-01', to: '2023-01-01' },
      { policyNumber: 'GL-100871', from: '2023-01-01', to: '2024-01-01' },
      { policyNumber: 'GL-101455', from: '2024-01-01', to: '2025-01-01' },
    ]);
    const expected = [
      ['GL-100234', 'GL-2022-0042', '2022-03-14', 'closed', 12000, 0, 12000],
      ['GL-101455', 'GL-2024-0007', '2024-02-02', 'open', 2500, 40000, 42500],
      ['GL-101455', 'GL-2024-0113', '2024-09-30', 'closed', 800, 0, 800],
    ];
    expect(claimRows(scan!)).toEqual(expected);
    expect(scan!.claims.map((c) => c.description)).toEqual(['Slip and fall in the customer parking lot after snow', 'Product defect injury', 'Property damage to vendor']);
    expect(scan!.claims[0]!.source).toMatchObject({ file: 'harborline-scan.pdf', page: 1 });
    expect(outcome.files.find((f) => f.fileName === 'harborline-scan.pdf')!.warnings).toEqual(['harborline-scan.pdf: claims read by OCR from a scan; check the amounts against the original']);

    expect(labelled).toMatchObject({ carrier: 'Great Plains Casualty Group', valuationDate: '2026-11-02' });
    expect(claimRows(labelled!)).toEqual(expected);
    expect(ledger).toMatchObject({ carrier: 'Keystone Specialty Insurance', valuationDate: '2026-10-15' });
    // The ledger adds indemnity and expense paid.
    expect(claimRows(ledger!)).toEqual([['GL-100234', 'GL-2022-0042', '2022-03-14', 'closed', 13500, 0, 13500], ...expected.slice(1)]);
  }, 120_000);

  it('a loss run photographed or scanned to an image file (PNG) is read the same way', async () => {
    const doc = await openPdf(await lossRunPdf({ ...RUN, carrier: 'Great Plains Casualty Group', valuedAsOf: '11/02/2026' }, 'labelled'), 'labelled.pdf');
    const png = encodeGrayImage(await renderPdfPage(doc, 1, 200), 'png');
    await doc.destroy();
    const read = await extractDocument(png, 'great-plains.png', { ocr });
    expect(read.document).toMatchObject({ kind: 'loss-run', pageCount: 1, forms: [] });
    expect(read.lossRun).toMatchObject({ file: 'great-plains.png', carrier: 'Great Plains Casualty Group', valuationDate: '2026-11-02' });
    expect(claimRows(read.lossRun!)).toEqual([
      ['GL-100234', 'GL-2022-0042', '2022-03-14', 'closed', 12000, 0, 12000],
      ['GL-101455', 'GL-2024-0007', '2024-02-02', 'open', 2500, 40000, 42500],
      ['GL-101455', 'GL-2024-0113', '2024-09-30', 'closed', 800, 0, 800],
    ]);
  }, 60_000);

  it('a workbook with no schedule header is refused, naming the file, its sheets and the columns wanted', async () => {
    const notes = await xlsx((book) => {
      book.addWorksheet('Notes').addRows([['Values to follow'], ['Call me with questions']]);
      book.addWorksheet('Contacts').addRows([['Name', 'Phone', 'E-mail'], ['Dana Broker', '614-555-0100', 'dana@example.com']]);
    });
    const err = await extractDocument(notes, 'values.xlsx', { ocr }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpreadsheetReadError);
    expect(err).toMatchObject({ code: 'spreadsheet-no-header', file: 'values.xlsx' });
    expect((err as Error).message).toBe(
      'values.xlsx: not read as a schedule of values: its sheets "Notes", "Contacts" have no schedule header; a schedule needs a header row in its first 25 rows naming at least 3 building columns, among them the address (Street Address, City, State, Zip) or a value (Building Value, Contents, Business Income, TIV); ask the broker for the schedule with its column headings',
    );
    const { failures } = await extractSubmission([{ fileName: 'values.csv', bytes: new TextEncoder().encode('Insured,Buckeye Tool & Die\nNotes,values to follow\n') }], { ocr, limits: DEFAULT_LIMITS });
    expect(failures).toEqual([expect.objectContaining({ fileName: 'values.csv', code: 'spreadsheet-no-header', message: expect.stringContaining('its sheet "values.csv" has no schedule header') })]);
  });

  it('the inbox takes .xlsx and .csv files as documents: dropped alone, in a zip, attached to an e-mail (an .xlsx is never unpacked)', async () => {
    const book = await sovXlsx();
    const csv = sovCsv();
    const dir = await mkdtemp(path.join(tmpdir(), 'inbox-'));
    try {
      await writeFile(path.join(dir, 'sov.xlsx'), book);
      const entry = await readEntry(dir, 'sov.xlsx', (await snapshotEntry(path.join(dir, 'sov.xlsx'), 10))!, DEFAULT_INTAKE_LIMITS);
      expect(entry.kind).toBe('file');
      expect(entry.unpacked.documents.map((d) => [d.fileName, Buffer.from(d.bytes).equals(Buffer.from(book))])).toEqual([['sov.xlsx', true]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const zipped = await unpackZip(writeZip([{ name: 'buckeye/sov.xlsx', data: book }, { name: 'buckeye/dayton.csv', data: csv }]), 'buckeye.zip');
    expect(zipped.documents.map((d) => [d.fileName, Buffer.from(d.bytes).equals(Buffer.from(d.fileName.endsWith('.xlsx') ? book : csv))])).toEqual([
      ['sov.xlsx', true],
      ['dayton.csv', true],
    ]);
    const mail = await new MailComposer({
      from: 'Dana Broker <dana@example.com>',
      subject: 'Buckeye renewal',
      text: 'Schedules attached.',
      attachments: [
        { filename: 'sov.xlsx', content: Buffer.from(book), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        { content: Buffer.from(csv), contentType: 'text/csv', contentDisposition: 'attachment' },
      ],
    })
      .compile()
      .build();
    const mailed = await unpackEml(mail, 'renewal.eml');
    expect(mailed.documents.map((d) => d.fileName)).toEqual(['sov.xlsx', 'attachment-2.csv']);
    const read = await extractDocument(mailed.documents[1]!.bytes, mailed.documents[1]!.fileName, { ocr });
    expect(read.schedulesOfValues![0]!.buildings[0]!.cells.address?.value).toBe('3562 Oak Ave');
  });

  it('a ZIP that is not a workbook is still refused, whatever its name; a PDF of neither forms nor a loss run too', async () => {
    const docx = writeZip([{ name: '[Content_Types].xml', data: new TextEncoder().encode('<Types/>') }, { name: 'word/document.xml', data: new TextEncoder().encode('<w:document/>') }]);
    for (const name of ['application.docx', 'sov.xlsx']) {
      const err = await extractDocument(docx, name, { ocr }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedFileError);
      expect((err as Error).message).toContain(`${name}: not a PDF, a scanned image (TIFF, JPEG, PNG), ACORD XML or a schedule of values (.xlsx, .csv): it looks like a ZIP archive that is not an Excel workbook`);
    }
    const err = await extractDocument(await letterPdf(), 'cover-letter.pdf', { ocr }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownFormError);
    expect((err as Error).message).toMatch(/^cover-letter\.pdf: none of its 1 page\(s\) is an ACORD 125, 126 or 140/);
  });

  it('the workers carry schedules and claims through the reader thread and the results file into the submission', async () => {
    const reader = new DocumentReaderThread(DEFAULT_LIMITS);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'attachments-'));
    try {
      const files = [
        { fileName: 'sov.xlsx', bytes: await sovXlsx() },
        { fileName: 'great-plains.pdf', bytes: await lossRunPdf(RUN, 'labelled') },
      ];
      const readings: DocumentReading[] = [];
      for (const [i, f] of files.entries()) {
        const extracted = await reader.read(f.bytes, f.fileName);
        const sha = extracted.document.id;
        await writeDocumentResult(dataDir, 'sub-1', sha, { status: 'read', fileName: f.fileName, extracted });
        const stored = await readDocumentResult(dataDir, 'sub-1', sha);
        expect(stored?.status, `file ${i}`).toBe('read');
        if (stored?.status === 'read') readings.push({ fileName: f.fileName, id: sha, status: 'read', document: stored.extracted });
      }
      const { submission } = mergeDocumentReadings(readings);
      expect(submission.schedulesOfValues!.map((s) => [s.file, s.sheet, s.buildings.length, s.totalTiv])).toEqual([['sov.xlsx', 'SOV', 2, 6_120_000]]);
      expect(submission.schedulesOfValues![0]!.buildings[0]!.cells.contentsValue?.source).toEqual({ file: 'sov.xlsx', sheet: 'SOV', row: 4, column: 9 });
      expect(submission.lossRuns!.map((r) => [r.file, r.valuationDate, r.claims.length])).toEqual([['great-plains.pdf', '2026-10-15', 3]]);
      expect(submission.lossRuns![0]!.claims[1]).toMatchObject({ claimNumber: 'GL-2024-0007', reserve: 40000, incurred: 42500, status: 'open' });
    } finally {
      await reader.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
