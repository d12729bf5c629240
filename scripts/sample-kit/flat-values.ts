import type { PDFFont, PDFPage } from 'pdf-lib';
import type { Rect } from '../../schemas/field.js';
import type { TemplateField } from '../../schemas/form-template.js';
import type { ValueWriter } from './acroform-fields.js';
import { boxOf, wrapLines } from './form-values.js';

/** Text starts this far from the box's left side ... */
const PAD_LEFT = 2;
/** ... unless that would bring its end closer than this to the right side (readers take ink there for a clipped value). */
const PAD_RIGHT = 1;
/** The checked mark's size against the box's smaller side. */
const CHECK_MARK_SCALE = 0.8;

/**
 * Writes values as page text, the way a form printed to PDF shows them: Helvetica at the field's
 * font size, left aligned, one line centred in the box's height, several lines from the top down
 * (pdf-lib's multi-line layout, which the fillable copies use), and a checked box as an "X" centred
 * in it. Nothing is drawn for empty boxes.
 */
export function flatValueWriter(font: PDFFont): ValueWriter {
  return (page, field, rect, raw) => {
    if (raw === undefined) return;
    if (field.kind === 'checkbox') drawCheckMark(page, font, rect);
    else drawText(page, font, field, rect, raw);
  };
}

function drawCheckMark(page: PDFPage, font: PDFFont, [x, y, w, h]: Rect) {
  const size = CHECK_MARK_SCALE * Math.min(w, h);
  const capHeight = font.heightAtSize(size, { descender: false });
  page.drawText('X', { x: x + (w - font.widthOfTextAtSize('X', size)) / 2, y: y + (h - capHeight) / 2, size, font });
}

function drawText(page: PDFPage, font: PDFFont, field: TemplateField, [x, y, w, h]: Rect, raw: string) {
  const box = boxOf(field);
  const size = box.fontSize;
  const left = (line: string) => x + Math.max(PAD_RIGHT, Math.min(PAD_LEFT, w - PAD_RIGHT - font.widthOfTextAtSize(line, size)));
  if (!field.multiline) {
    page.drawText(raw, { x: left(raw), y: y + (h - font.heightAtSize(size, { descender: false })) / 2, size, font });
    return;
  }
  const lines = wrapLines(raw, box);
  if (!lines) throw new Error(`${field.name}: "${raw}" does not fit its box (values are fitted before drawing)`);
  // pdf-lib's multi-line layout: 1 pt inside the top, a line every 1.2 × the font's full height.
  const lineHeight = 1.2 * font.heightAtSize(size);
  lines.forEach((line, i) => page.drawText(line, { x: left(line), y: y + h - 1 - (i + 1) * lineHeight, size, font }));
}
