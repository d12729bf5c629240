import {
  PDFDocument,
  StandardFonts,
  grayscale,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setLineWidth,
  stroke,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { TemplateField, TemplatePage } from '../../schemas/form-template.js';
import type { Rect } from '../../schemas/field.js';
import { acroFormWriter, type ValueWriter } from './acroform-fields.js';
import { flatValueWriter } from './flat-values.js';
import type { FormValue } from './form-values.js';
import type { SampleForm } from './sample-forms.js';

/** Fixed document dates: the same sample must give the same bytes on every run. */
const FIXED_DATE = new Date('2025-01-01T00:00:00Z');
const LABEL_SIZE = 3.6;
/** Between a label's glyphs and its box: enough that a value box's crop, a little misaligned, holds none of them. */
const LABEL_GAP = 1.2;
/** Helvetica's extent above and below the baseline, per point of size. */
const LABEL_ASCENT = 0.72;
const LABEL_DESCENT = 0.22;
/** Printed rules: thin black lines, as on the real form (scan alignment locks onto them). */
const RULE_WIDTH = 0.75;

/** A new PDF whose metadata does not change from run to run. */
export async function newSampleDocument(title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setProducer('acord-prep sample generator');
  doc.setCreator('acord-prep sample generator');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return doc;
}

/** `GeneralLiability_Hazard_ClassCode_A` → "Hazard Class Code": the name's last two words, spaced. */
function labelOf(field: TemplateField): string {
  return field.name
    .replace(/_[A-Z]$/, '')
    .split('_')
    .slice(-2)
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/\s*Indicator$/, '');
}

type Box = { x0: number; y0: number; x1: number; y1: number };

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The printed rules as areas labels keep off (text across a rule would blur the line alignment looks for). */
function ruleAreas({ h, v }: NonNullable<TemplatePage['rules']>): Box[] {
  const half = RULE_WIDTH / 2;
  return [
    ...h.map(([y, x0, x1]) => ({ x0, y0: y - half, x1, y1: y + half })),
    ...v.map(([x, y0, y1]) => ({ x0: x - half, y0, x1: x + half, y1 })),
  ];
}

/** The label text cut to a width, dropping leading words first (the last words say most). */
function fitLabel(text: string, font: PDFFont, maxWidth: number): string {
  let words = text.split(' ');
  while (words.length > 1 && font.widthOfTextAtSize(words.join(' '), LABEL_SIZE) > maxWidth) words = words.slice(1);
  let t = words.join(' ');
  while (t.length > 1 && font.widthOfTextAtSize(t, LABEL_SIZE) > maxWidth) t = t.slice(0, -1);
  return t;
}

/**
 * Puts a short label next to each box where it covers no box, no printed rule and no other text
 * (`taken`): above for text boxes, right of checkboxes, else the other sides, never inside a box
 * (readers crop each box). Boxes packed too tightly keep no label.
 */
function drawLabels(page: PDFPage, font: PDFFont, fields: readonly { field: TemplateField; rect: Rect }[], taken: readonly Box[]) {
  const boxes: Box[] = fields.map(({ rect: [x, y, w, h] }) => ({ x0: x, y0: y, x1: x + w, y1: y + h }));
  const labels: Box[] = [...taken];
  const { width: pageWidth, height: pageHeight } = page.getSize();
  fields.forEach(({ field, rect: [x, y, w, h] }) => {
    const full = labelOf(field);
    const checkbox = field.kind === 'checkbox';
    // Caps centred on the box's middle for side labels.
    const side = y + (h - LABEL_ASCENT * LABEL_SIZE) / 2;
    const candidates = [
      { maxWidth: Math.max(w, 30), baseline: y + h + LABEL_GAP, x0: () => x },
      { maxWidth: 60, baseline: side, x0: () => x + w + LABEL_GAP },
      { maxWidth: 60, baseline: side, x0: (tw: number) => x - LABEL_GAP - tw },
    ];
    if (checkbox) candidates.unshift(candidates.splice(1, 1)[0]!);
    for (const c of candidates) {
      const text = fitLabel(full, font, c.maxWidth);
      const tw = font.widthOfTextAtSize(text, LABEL_SIZE);
      const x0 = c.x0(tw);
      const area = { x0, y0: c.baseline - LABEL_DESCENT * LABEL_SIZE, x1: x0 + tw, y1: c.baseline + LABEL_ASCENT * LABEL_SIZE };
      if (area.x0 < 8 || area.x1 > pageWidth - 8 || area.y1 > pageHeight - 16) continue;
      if (boxes.some((b) => overlaps(area, b)) || labels.some((l) => overlaps(area, l))) continue;
      page.drawText(text, { x: x0, y: c.baseline, size: LABEL_SIZE, font, color: grayscale(0.35) });
      labels.push(area);
      return;
    }
  });
}

export interface DrawOptions {
  /** Parent field name for every field of this form (to keep two forms in one file apart), e.g. `F125`. */
  namePrefix?: string;
  /** Values drawn as page text and no AcroForm: the form as a broker's "print to PDF" leaves it. */
  flat?: boolean;
  /** Writes the values instead (an agency system's print, scripts/sample-kit/agency-print.ts). */
  valueWriter?: ValueWriter;
}

function drawRules(page: PDFPage, rules: NonNullable<TemplatePage['rules']>) {
  page.pushOperators(
    pushGraphicsState(),
    setLineWidth(RULE_WIDTH),
    ...rules.h.flatMap(([y, x0, x1]) => [moveTo(x0, y), lineTo(x1, y)]),
    ...rules.v.flatMap(([x, y0, y1]) => [moveTo(x, y0), lineTo(x, y1)]),
    stroke(),
    popGraphicsState(),
  );
}

/**
 * The footer that names form and edition where the real form prints it (`footerRect`, which
 * identification of scans reads), and the page number on the same line: where the real form prints
 * it when the template has it among its anchors (text-layer alignment pairs the two), else centred.
 * Returns the areas they cover.
 */
function drawFooter(page: PDFPage, font: PDFFont, footer: string, templatePage: TemplatePage, pageText: string): Box[] {
  const [x, y, , h] = templatePage.footerRect!;
  // footerRect is the text's height × 1.2 from 0.25 × it below the baseline (see read-footer-rect).
  const size = Math.round((h / 1.2) * 10) / 10;
  const baseline = y + 0.25 * size;
  const numberWidth = font.widthOfTextAtSize(pageText, size);
  const anchor = templatePage.printedText?.anchors.find(([text]) => text === pageText);
  const numberX = anchor ? anchor[1] : (page.getWidth() - numberWidth) / 2;
  page.drawText(footer, { x, y: baseline, size, font });
  page.drawText(pageText, { x: numberX, y: baseline, size, font });
  return [
    { x0: x, y0: y, x1: x + font.widthOfTextAtSize(footer, size), y1: y + h },
    { x0: numberX, y0: y, x1: numberX + numberWidth, y1: y + h },
  ];
}

/**
 * Appends our own drawing of a form to `doc`: per template page a blank page with the form's printed
 * rules, a thin box at every widget rectangle, a short label by each box (never inside one), and the
 * form's footer text where the real form prints it; then the values, as AcroForm fields with the
 * template's names and rectangles or, with `flat`, as page text. None of ACORD's artwork or wording
 * is used. Returns the 1-based page numbers the form took in `doc`.
 */
export async function drawForm(doc: PDFDocument, form: SampleForm, values: readonly FormValue[], options: DrawOptions = {}): Promise<number[]> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const writeValue = options.valueWriter ?? (options.flat ? flatValueWriter(font) : acroFormWriter(doc, font, options.namePrefix));
  const { template } = form;
  const byName = new Map(values.map((v) => [v.field.name, v]));
  const pages: number[] = [];

  for (const [index, size] of template.pages.entries()) {
    const pageNumber = index + 1;
    if (!size.rules || !size.footerRect) throw new Error(`ACORD ${template.form} (${template.edition}) page ${pageNumber} has no rules or footerRect: run npm run derive-templates`);
    const page = doc.addPage([size.width, size.height]);
    pages.push(doc.getPageCount());
    page.drawText(`Synthetic sample - form ${template.form} layout - acord-prep test data`, { x: 20, y: size.height - 14, size: 6, font: bold, color: grayscale(0.3) });
    const footer = drawFooter(page, font, template.footer, size, `Page ${pageNumber} of ${template.pages.length}`);
    drawRules(page, size.rules);

    const onPage = template.fields.flatMap((field) =>
      field.widgets.filter((w) => w.page === pageNumber && w.rect[2] > 0 && w.rect[3] > 0).map((w) => ({ field, rect: w.rect })),
    );
    for (const { rect: [x, y, w, h] } of onPage) {
      page.drawRectangle({ x, y, width: w, height: h, borderWidth: 0.4, borderColor: grayscale(0.55) });
    }
    drawLabels(page, font, onPage, [...footer, ...ruleAreas(size.rules)]);
    for (const { field, rect } of onPage) writeValue(page, field, rect, byName.get(field.name)?.raw);
  }
  return pages;
}

/** Saves without anything run-dependent (no fresh IDs or dates). */
export function saveSampleDocument(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ updateFieldAppearances: false, objectsPerTick: Infinity });
}
