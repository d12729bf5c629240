import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateField } from '../schemas/form-template.js';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { SubmissionBuilder } from '../src/read/extract/submission-builder.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { CHECKBOX_THRESHOLD, readCheckbox } from '../src/read/ocr/read-checkbox.js';
import { readFieldsFromImage } from '../src/read/ocr/read-fields-from-image.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';
import { uprightTransform } from '../src/read/raster/page-transform.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';

const DPI = 300;
const K = DPI / 72;

/** Synthetic boxes: a 150×14 pt text box and 10×10 pt checkboxes, on a Letter page. */
const textField = (name: string, y: number): TemplateField => ({
  name,
  kind: 'text',
  path: 'namedInsureds[0].fullName',
  valueType: 'text',
  widgets: [{ page: 1, rect: [100, y, 150, 14] }],
  maxLength: 0,
  multiline: false,
  fontSize: 10,
  tooltip: '',
});
const box = (name: string, x: number): TemplateField => ({
  name,
  kind: 'checkbox',
  path: 'generalInformation.questions.AAI.answer',
  valueType: 'yesNo',
  widgets: [{ page: 1, rect: [x, 500, 10, 10] }],
  maxLength: 0,
  multiline: false,
  fontSize: null,
  tooltip: '',
});

/** A white crop of a 10×10 pt box at 300 dpi with a `side`-pixel square of grey `grey` in its middle. */
function boxCrop(side: number, grey: number): GrayImage {
  const n = Math.round(10 * K);
  const data = new Uint8Array(n * n).fill(255);
  const from = Math.round((n - side) / 2);
  for (let y = from; y < from + side; y++) for (let x = from; x < from + side; x++) data[y * n + x] = grey;
  return { width: n, height: n, dpi: DPI, data };
}
/** The share of the inner area (2 pt in from each side) a `side`-pixel square covers. */
const shareOf = (side: number) => (side * side) / (Math.round(10 * K) - 4 * K) ** 2;

describe('a faint tick is an uncertain tick, not a blank box', () => {
  it('reads clean boxes as before: blank is Off, a firm tick is ticked, both sure', () => {
    expect(readCheckbox(boxCrop(0, 255), K)).toMatchObject({ raw: 'Off', confidence: 1, inkShare: 0 });
    const ticked = readCheckbox(boxCrop(10, 0), K);
    expect(ticked).toMatchObject({ raw: '1', confidence: 1 });
    expect(ticked.uncertain).toBeUndefined();
  });

  it('ink between 60 % and 100 % of the threshold reads as ticked, with a confidence far below review', () => {
    const side = 4; // 16 px of a 24.7 × 24.7 px inner area: 2.6 %, between 2.1 % and 3.5 %
    expect(shareOf(side)).toBeGreaterThan(0.6 * CHECKBOX_THRESHOLD);
    expect(shareOf(side)).toBeLessThan(CHECKBOX_THRESHOLD);
    const faint = readCheckbox(boxCrop(side, 0), K);
    expect(faint).toMatchObject({ raw: '1', confidence: 0.3, uncertain: true });
    expect(faint.confidence).toBeLessThan(REVIEW_THRESHOLD / 2);
    // Under 60 % of the threshold: a speck, blank.
    expect(readCheckbox(boxCrop(3, 0), K)).toMatchObject({ raw: 'Off' });
  });

  it('a pale (grey 160) tick with the ink of a real one reads as an uncertain tick', () => {
    expect(readCheckbox(boxCrop(8, 160), K)).toMatchObject({ raw: '1', confidence: 0.3, uncertain: true, inkShare: 0 });
    // Grey lighter than faint ink is paper.
    expect(readCheckbox(boxCrop(8, 200), K)).toMatchObject({ raw: 'Off', confidence: 1 });
  });

  it('the uncertain tick is kept in the model, as true, to be reviewed', () => {
    const builder = new SubmissionBuilder();
    const reading = readCheckbox(boxCrop(4, 0), K);
    const source = { document: 'd', page: 1, rect: [0, 0, 10, 10] as [number, number, number, number], method: 'ocr' as const, field: 'box' };
    expect(builder.set('generalInformation.questions.AAI.answer', reading.raw, source, reading.confidence)).toBe(true);
    expect(builder.build().generalInformation?.questions?.AAI?.answer).toMatchObject({ value: true, raw: '1', confidence: 0.3 });
  });
});

describe('a faint value is read, with low confidence, not dropped as blank', () => {
  const pool = new OcrPool({ workers: 1 });
  let page: GrayImage;
  const fields = [textField('Pale_A', 700), textField('Dark_A', 650), textField('Blank_A', 600), box('Blank_Box', 100), box('Faint_Box', 150)];

  beforeAll(async () => {
    // A black bar like a form's printed rules, so the page's grey levels are not stretched (pageLevels).
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const p = pdf.addPage([612, 792]);
    p.drawRectangle({ x: 0, y: 0, width: 612, height: 30, color: rgb(0, 0, 0) });
    for (const [y, grey] of [
      [700, 0.62],
      [650, 0],
    ] as const) {
      p.drawText('ACME WIDGETS', { x: 101.5, y: y + 3.5, size: 10, font, color: rgb(grey, grey, grey) });
    }
    const doc = await openPdf(await pdf.save(), 'faint.pdf');
    page = await renderPdfPage(doc, 1, DPI);
    await doc.destroy();
    // The faint tick: a 4 px black square in the middle of the box at x 150.
    const [cx, cy] = [Math.round(155 * K), Math.round((792 - 505) * K)];
    for (let y = cy - 2; y < cy + 2; y++) for (let x = cx - 2; x < cx + 2; x++) page.data[y * page.width + x] = 0;
  });
  afterAll(() => pool.close());

  it('pale text has no dark ink, yet is read; dark text and blanks read as before', async () => {
    const pale = page.data.slice(Math.round((792 - 714) * K) * page.width, Math.round((792 - 700) * K) * page.width);
    expect(pale.some((v) => v < 128)).toBe(false);
    expect(pale.some((v) => v < 192)).toBe(true);

    const before = pool.stats.recognitions;
    const readings = new Map((await readFieldsFromImage(page, uprightTransform(792, DPI), fields, 1, pool)).map((r) => [r.name, r]));
    expect(readings.get('Pale_A')).toMatchObject({ raw: 'ACME WIDGETS' });
    expect(readings.get('Pale_A')!.confidence).toBeGreaterThan(0);
    expect(readings.get('Pale_A')!.confidence).toBeLessThanOrEqual(0.35);
    expect(readings.get('Dark_A')).toMatchObject({ raw: 'ACME WIDGETS' });
    expect(readings.get('Dark_A')!.confidence).toBeGreaterThan(REVIEW_THRESHOLD);
    // Truly blank boxes stay blank, and cost no OCR call: one recognition per value, and for the one
    // that counts as sure (the dark one) the second read that must agree with it.
    expect(readings.get('Blank_A')).toMatchObject({ raw: '', confidence: 1 });
    expect(readings.get('Blank_Box')).toMatchObject({ raw: 'Off', confidence: 1 });
    expect(readings.get('Faint_Box')).toMatchObject({ raw: '1', confidence: 0.3 });
    expect(pool.stats.recognitions - before).toBe(3);
  });
});
