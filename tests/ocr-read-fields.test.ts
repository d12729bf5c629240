import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignPage } from '../src/read/align/align-page.js';
import { normalizeValue } from '../src/read/normalize/normalize-value.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { readFieldsFromImage, type FieldReading } from '../src/read/ocr/read-fields-from-image.js';
import { footerLine } from '../src/read/ocr/footer-line.js';
import type { Ocr } from '../src/read/ocr/ocr-engine.js';
import { readFooterFromImage } from '../src/read/ocr/read-footer-from-image.js';
import { openPdf, type PDFDocumentProxy } from '../src/read/pdf/open-pdf.js';
import { uprightTransform } from '../src/read/raster/page-transform.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';
import { similarity, warpImage } from '../src/read/raster/warp.js';
import { typedRawValue } from '../scripts/sample-kit/typed-raw-values.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

/**
 * The real ACORD 125, filled with pdf-lib (every mapped text box; every third checkbox ticked, so
 * both states are read), rendered with its appearances by pdfjs: a clean scan of known content.
 */
describe.skipIf(!hasSharedForms)('OCR of a filled real ACORD 125 rendered as a scan', () => {
  const template = loadTemplates().find((t) => t.form === '125' && t.edition === '2016/03')!;
  const filled = template.fields.filter((f) => f.path && f.valueType).map((f, n) => ({ f, n, ...typedRawValue(f.valueType!, n + 1) }));
  const byName = new Map(filled.map((e) => [e.f.name, e]));
  const ticked = (n: number) => n % 3 === 0;
  let doc: PDFDocumentProxy;
  const pool = new OcrPool({ workers: 2 });

  beforeAll(async () => {
    const pdf = await PDFDocument.load(readSharedForm('acord-125.pdf'));
    const form = pdf.getForm();
    for (const { f, n, raw } of filled) {
      const field = form.getField(f.name);
      if (field instanceof PDFCheckBox && ticked(n)) field.check();
      else if (field instanceof PDFTextField) field.setText(raw);
    }
    doc = await openPdf(await pdf.save({ updateFieldAppearances: true }), 'acord-125-filled.pdf');
  });

  afterAll(async () => {
    await pool.close();
    await doc?.destroy();
  });

  const read = async (dpi: number) => readFieldsFromImage(await renderPdfPage(doc, 1, dpi), uprightTransform(792, dpi), template.fields, 1, pool);
  const wrongOf = (readings: FieldReading[], kind: 'text' | 'checkbox') =>
    readings
      .filter((r) => byName.get(r.name)!.f.kind === kind)
      .filter((r) => {
        const e = byName.get(r.name)!;
        if (kind === 'checkbox') return r.raw !== (ticked(e.n) ? '1' : 'Off');
        return normalizeValue(e.f.valueType!, r.raw).value !== e.value;
      });

  // Measured on this page: 105 of 106 text values at both 300 and 200 dpi (the miss is "u11@…" read as
  // "ull@…": Helvetica's 1 and l beside each other); the floors leave one more miss of room.
  for (const { dpi, minExact } of [
    { dpi: 300, minExact: 0.97 },
    { dpi: 200, minExact: 0.97 },
  ]) {
    it(`reads page 1 at ${dpi} dpi: text values by OCR, every checkbox by ink`, async () => {
      const readings = await read(dpi);
      const onPage = template.fields.filter((f) => f.path && f.widgets.some((w) => w.page === 1 && w.rect[2] > 0));
      expect(readings.map((r) => r.name).sort()).toEqual(onPage.map((f) => f.name).sort());
      for (const r of readings) expect(r.rect).toEqual(template.byName.get(r.name)!.widgets.find((w) => w.page === 1)!.rect);

      const text = readings.filter((r) => byName.get(r.name)!.f.kind === 'text');
      const wrong = wrongOf(readings, 'text');
      expect(text.length).toBeGreaterThan(100);
      expect((text.length - wrong.length) / text.length).toBeGreaterThanOrEqual(minExact);
      expect(wrongOf(readings, 'checkbox')).toEqual([]);

      const value = (name: string) => readings.find((r) => r.name === name)!.raw;
      // One box of each typed kind, exactly as filled.
      for (const name of [
        'Form_CompletionDate_A',
        'Policy_Status_EffectiveDate_A',
        'Producer_MailingAddress_StateOrProvinceCode_A',
        'Producer_MailingAddress_PostalCode_A',
        'Producer_ContactPerson_PhoneNumber_A',
        'NamedInsured_TaxIdentifier_A',
        'CommercialPropertyLineOfBusiness_PremiumAmount_A',
        'Producer_CustomerIdentifier_A',
        'NamedInsured_LegalEntity_MemberManagerCount_A',
      ]) {
        expect(value(name), name).toBe(byName.get(name)!.raw);
      }
      // Right values come with confidence (measured: at most 5 of 105 below 0.8, none below 0.35).
      const right = text.filter((r) => !wrong.includes(r));
      expect(right.filter((r) => r.confidence >= 0.5).length / right.length).toBeGreaterThan(0.95);
    });
  }

  it('reads a copy turned 2° and shifted, through the transform page alignment finds', async () => {
    const upright = await renderPdfPage(doc, 1, 300);
    const scan = warpImage(upright, similarity(upright.width / 2, upright.height / 2, 2, 1, 125, -80));
    const { transform, quality } = alignPage(scan, template.pages[0]!);
    expect(quality).toBeGreaterThan(0.9);
    const readings = await readFieldsFromImage(scan, transform, template.fields, 1, pool);
    const text = readings.filter((r) => byName.get(r.name)!.f.kind === 'text');
    // Measured: 105 of 106.
    expect((text.length - wrongOf(readings, 'text').length) / text.length).toBeGreaterThanOrEqual(0.97);
    expect(wrongOf(readings, 'checkbox')).toEqual([]);
  });

  it('reads every checkbox of page 2, the 7×6 pt contact-phone boxes among them, at 200 dpi', async () => {
    const boxes = template.fields.filter((f) => f.kind === 'checkbox' && f.path);
    const readings = await readFieldsFromImage(await renderPdfPage(doc, 2, 200), uprightTransform(792, 200), boxes, 2, pool);
    expect(readings.filter((r) => r.rect[2] < 10).length).toBe(12);
    expect(wrongOf(readings, 'checkbox')).toEqual([]);
  });

  it('reads a blank form as blank, without a single OCR call', async () => {
    const blankPdf = await openPdf(readSharedForm('acord-125.pdf'), 'acord-125.pdf');
    const idle = new OcrPool();
    try {
      for (let page = 1; page <= 4; page++) {
        const readings = await readFieldsFromImage(await renderPdfPage(blankPdf, page, 200), uprightTransform(792, 200), template.fields, page, idle);
        expect(readings.length).toBeGreaterThan(50);
        expect(readings.filter((r) => r.raw !== '' && r.raw !== 'Off')).toEqual([]);
      }
      expect(idle.stats).toEqual({ workersStarted: 0, recognitions: 0, recycled: 0 });
    } finally {
      await idle.close();
      await blankPdf.destroy();
    }
  });

  it('reads "ACORD 125 (2016/03)" from the footer of every page, with and without the template footer rect', async () => {
    for (let page = 1; page <= 4; page++) {
      const image = await renderPdfPage(doc, page, 200);
      expect((await readFooterFromImage(image, undefined, pool))?.text, `page ${page}`).toBe('ACORD 125 (2016/03)');
      const footerRect = template.pages[page - 1]!.footerRect;
      expect(footerRect).toBeDefined();
      expect((await readFooterFromImage(image, uprightTransform(792, 200), pool, footerRect))?.text, `page ${page} rect`).toBe('ACORD 125 (2016/03)');
    }
  });

  it('finds the form number\'s line by its ink on pages turned up to 2°, and reads the footer from it in two small reads', async () => {
    for (const [page, angle] of [[1, 1.5], [2, -2], [4, 0.7]] as const) {
      const upright = await renderPdfPage(doc, page, 200);
      const scan = warpImage(upright, similarity(upright.width / 2, upright.height / 2, angle, 1, 6, -10));
      const line = footerLine(scan);
      expect(line, `page ${page}`).not.toBeNull();
      // Its height is one line of text with a margin, not the strip's 65 pt.
      expect(line!.rect[3]).toBeLessThan(24);
      const sizes: number[] = [];
      const counting: Ocr = { recognize: (image, request) => (sizes.push(image.width * image.height), pool.recognize(image, request)) };
      const footer = await readFooterFromImage(scan, undefined, counting);
      expect(footer, `page ${page}`).toMatchObject({ form: '125', edition: '2016/03', page });
      // The form number's line, then "Page N of M" beside it: no strip of the page's bottom (~200 kpx at 200 dpi).
      expect(sizes.length).toBe(2);
      for (const px of sizes) expect(px).toBeLessThan(60_000);
    }
  });

  it('did all of it with the same two workers', () => {
    expect(pool.stats.workersStarted).toBe(2);
    expect(pool.stats.recognitions).toBeGreaterThan(200);
  });
});
