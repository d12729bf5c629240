import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts, type PDFPage } from 'pdf-lib';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Submission } from '../schemas/submission.js';
import { EXIT, runCli } from '../src/cli/acord-prep-cli.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { formWithTemplates, parseFooter } from '../src/read/identify/read-footers.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { encodeGrayImage } from '../src/read/raster/encode-gray-image.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';

const FLAT_125 = path.resolve(import.meta.dirname, '../samples/restaurant-tx-flat/acord-125.flat.pdf');
const FLAT_125_EXPECTED = JSON.parse(readFileSync(`${FLAT_125}.expected.json`, 'utf8')) as { forms: { fields: { path: string; value: unknown }[] }[] };
const NOT_READ = 'ACORD 160 (2016/03): a form acord-prep does not read';

/** Prints on a page what an ACORD 160 page shows: a title, a few filled-in lines, and its footer. */
async function print160(pdf: PDFDocument, page: PDFPage, n: number) {
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  page.drawText('BUSINESSOWNERS SECTION', { x: 200, y: 750, size: 14, font: bold });
  page.drawText('NAMED INSURED: Sunset Diner LLC', { x: 40, y: 700, size: 10, font });
  page.drawText('LOCATION 1  BUILDING 1  1200 Main St, Austin TX 78701', { x: 40, y: 680, size: 10, font });
  page.drawText('BUILDING LIMIT 1,250,000   BUSINESS PERSONAL PROPERTY 300,000', { x: 40, y: 660, size: 10, font });
  page.drawText('ACORD 160 (2016/03)', { x: 20, y: 30, size: 10, font: bold });
  page.drawText(`Page ${n} of 2`, { x: 284, y: 30, size: 8, font });
}

/** A two-page ACORD 160 printed to PDF, after the given pages of another PDF when one is given. */
async function acord160(before?: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (before) {
    const source = await PDFDocument.load(before);
    for (const page of await pdf.copyPages(source, source.getPageIndices())) pdf.addPage(page);
  }
  for (const n of [1, 2]) await print160(pdf, pdf.addPage([612, 792]), n);
  return pdf.save();
}

/** The printed 160's pages as PNG scans at 200 dpi. */
async function scanned160(): Promise<Buffer[]> {
  const doc = await openPdf(await acord160(), 'acord-160.pdf');
  try {
    return await Promise.all([1, 2].map(async (n) => encodeGrayImage(await renderPdfPage(doc, n, 200), 'png')));
  } finally {
    await doc.destroy();
  }
}

const pool = new OcrPool();
afterAll(() => pool.close());

describe('forms acord-prep does not read are recognised by their footer and listed, not misread', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the footer of any ACORD form is parsed; only the 125, 126 and 140 have templates', () => {
    expect(parseFooter('ACORD 160 (2016/03)   Page 1 of 6')).toEqual({ form: '160', edition: '2016/03', text: 'ACORD 160 (2016/03)', page: 1 });
    expect(parseFooter('ACORD 45 (2014/01)')).toMatchObject({ form: '45', edition: '2014/01' });
    expect(formWithTemplates(parseFooter('ACORD 160 (2016/03)')!)).toBeUndefined();
    expect(formWithTemplates(parseFooter('ACORD 0125 (2016/03)')!)).toBe('125');
  });

  it('a file holding only an ACORD 160 is not a failure: incomplete, the form and its pages listed, nothing read', async () => {
    const { outcome, submission, failures } = await extractSubmission([{ fileName: 'acord-160.pdf', bytes: await acord160() }]);
    expect(failures).toEqual([]);
    expect(outcome.status).toBe('incomplete');
    expect(outcome.files[0]).toMatchObject({
      status: 'incomplete',
      forms: [],
      formsNotRead: [{ form: '160', edition: '2016/03', pages: [1, 2] }],
      valuesRead: 0,
      pagesNotRead: [
        { page: 1, reason: 'unsupported-form', detail: NOT_READ },
        { page: 2, reason: 'unsupported-form', detail: NOT_READ },
      ],
    });
    expect(outcome.files[0]!.error).toBeUndefined();
    expect(submission.documents).toEqual([expect.objectContaining({ fileName: 'acord-160.pdf', kind: 'pdf', pageCount: 2, forms: [], formsNotRead: [{ form: '160', edition: '2016/03', pages: [1, 2] }] })]);
    expect(submission.namedInsureds).toBeUndefined();
  });

  it('beside a shipped 125 in one PDF: the 125 is read whole, the 160 pages after it are listed and not read as 125 pages', async () => {
    const { outcome, submission } = await extractSubmission([{ fileName: '125-and-160.pdf', bytes: await acord160(readFileSync(FLAT_125)) }]);
    const [file] = outcome.files;
    expect(file).toMatchObject({
      status: 'incomplete',
      forms: [{ form: '125', edition: '2016/03', pages: [1, 2, 3, 4], identifiedBy: 'footer-text' }],
      formsNotRead: [{ form: '160', edition: '2016/03', pages: [5, 6] }],
      pagesNotRead: [
        { page: 5, reason: 'unsupported-form', detail: NOT_READ },
        { page: 6, reason: 'unsupported-form', detail: NOT_READ },
      ],
      valuesUnplaced: 0,
    });
    expect(file!.valuesRead).toBe(FLAT_125_EXPECTED.forms[0]!.fields.length);
    expect(submission.namedInsureds?.map((n) => n.fullName?.value)).toEqual(
      FLAT_125_EXPECTED.forms[0]!.fields.filter((f) => /^namedInsureds\[\d\]\.fullName$/.test(f.path)).map((f) => f.value),
    );
    expect(JSON.stringify(submission)).not.toContain('Sunset Diner');
  });

  it('a fillable 160 whose fields share the 125\'s names is not read with the 125\'s template', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([612, 792]);
    await print160(pdf, page, 1);
    // The data dictionary's names, in the 160's own places: a 125 template would take them.
    const form = pdf.getForm();
    for (const [i, [name, value]] of [
      ['NamedInsured_FullName_A', 'Sunset Diner LLC'],
      ['NamedInsured_MailingAddress_LineOne_A', '1200 Main St'],
      ['NamedInsured_MailingAddress_CityName_A', 'Austin'],
      ['Policy_EffectiveDate_A', '07/01/2025'],
    ].entries()) {
      const field = form.createTextField(name!);
      field.setText(value);
      field.addToPage(page, { x: 300, y: 600 - 30 * i, width: 200, height: 14 });
    }
    const { outcome, submission } = await extractSubmission([{ fileName: 'fillable-160.pdf', bytes: await pdf.save() }]);
    expect(outcome.files[0]).toMatchObject({ status: 'incomplete', forms: [], formsNotRead: [{ form: '160', edition: '2016/03', pages: [1] }], valuesRead: 0 });
    expect(submission.namedInsureds).toBeUndefined();
    expect(submission.policy).toBeUndefined();
  });

  it('the CLI reads a 160-only file as incomplete (exit 3, not 4) and says on stderr that the form is not read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'acord-160-'));
    const file = path.join(dir, 'acord-160.pdf');
    await writeFile(file, await acord160());
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const out = path.join(dir, 'submission.json');
    expect(await runCli(['extract', file, '--out', out])).toBe(EXIT.partial);
    const stderr = errors.join('\n');
    expect(stderr).toContain(`${file}: ACORD 160 (2016/03) not read · 0 values read`);
    expect(stderr).toContain(`page 1 not read (unsupported-form): ${NOT_READ}`);
    expect(Submission.parse(JSON.parse(await readFile(out, 'utf8'))).documents[0]!.formsNotRead).toEqual([{ form: '160', edition: '2016/03', pages: [1, 2] }]);
  });

  it('scanned, the 160 is recognised by OCR of its footer: an image-only PDF and a PNG file are listed, not read', async () => {
    const scans = await scanned160();
    const pdf = await PDFDocument.create();
    for (const png of scans) pdf.addPage([612, 792]).drawImage(await pdf.embedPng(png), { x: 0, y: 0, width: 612, height: 792 });
    const { outcome, submission } = await extractSubmission(
      [
        { fileName: 'scan-160.pdf', bytes: await pdf.save() },
        { fileName: 'scan-160-page-2.png', bytes: new Uint8Array(scans[1]!) },
      ],
      { ocr: () => pool },
    );
    expect(outcome.files.map((f) => [f.status, f.forms, f.formsNotRead, f.pagesNotRead.map((p) => p.reason)])).toEqual([
      ['incomplete', [], [{ form: '160', edition: '2016/03', pages: [1, 2] }], ['unsupported-form', 'unsupported-form']],
      ['incomplete', [], [{ form: '160', edition: '2016/03', pages: [1] }], ['unsupported-form']],
    ]);
    expect(submission.documents.map((d) => d.kind)).toEqual(['pdf', 'image']);
  });
});
