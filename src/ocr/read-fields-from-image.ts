import type { Rect } from '../../schemas/field.js';
import type { TemplateField } from '../../schemas/form-template.js';
import type { ValueType } from '../../schemas/value-type.js';
import { normalizeValue } from '../normalize/normalize-value.js';
import type { GrayImage } from '../raster/gray-image.js';
import { cropThroughTransform } from '../raster/crop-through-transform.js';
import { applyTransform, type PageTransform } from '../raster/page-transform.js';
import { resampleThrough } from '../raster/warp.js';
import { cleanOcrText } from './clean-ocr-text.js';
import { eraseRules, type RuleSizes } from './erase-rules.js';
import { FIELD_WHITELISTS } from './field-whitelists.js';
import { inkPixels } from './ink-pixels.js';
import type { OcrPool } from './ocr-pool.js';
import { padImage } from './pad-image.js';
import { readCheckbox } from './read-checkbox.js';
import { subImage } from './sub-image.js';

export type FieldReading = {
  name: string;
  path: string;
  /** Cleaned OCR text ('' for a blank box), or '1' / 'Off' for a checkbox. */
  raw: string;
  confidence: number;
  /** The template rect the value was read from (points, origin bottom-left). */
  rect: Rect;
};

/** x-height tesseract's LSTM reads best at (measured: 24 px beat 20, 30 and the native 200/300 dpi). */
const TARGET_X_HEIGHT_PX = 24;
/** Helvetica's x-height per point of font size; ACORD fills are Helvetica. */
const X_HEIGHT_PER_PT = 0.52;
/** Font size assumed for auto-sized boxes. */
const DEFAULT_FONT_PT = 8;
/** Below this much solid ink (in pt², a "1" is ~4) a box is blank and is not sent to OCR. */
const MIN_INK_PT2 = 2.5;
/** A box is read as a block (PSM 6) when it has room for two lines of its font; else as one line (PSM 7). */
const LINE_PITCH = 1.2;
/** Confidence kept when the cleaned text is not a valid value of its type: it is probably misread. */
const INVALID_FACTOR = 0.4;
/** Confidence kept when ink runs to the box's side: the value likely overflowed and was clipped. */
const CLIPPED_FACTOR = 0.5;
/** Confidence kept when part of the box lies off the scanned image: what was there is unknown. */
const OFF_PAGE_FACTOR = 0.5;

/** Pixels per point of a transform (its scale, whatever its rotation). */
export const scaleOf = (t: PageTransform) => Math.hypot(t.a, t.b);

/**
 * Reads the value boxes of one template page from its page image: checkboxes by ink density, text
 * boxes by OCR of each box's crop with its type's whitelist and clean-up. Blank boxes come back with
 * raw '' without an OCR call. Fields without a model path, or without a widget on this page, are
 * skipped. Crops are queued as soon as they are cut, so the pool's workers start on the first while
 * the rest are prepared.
 */
export async function readFieldsFromImage(image: GrayImage, transform: PageTransform, fields: readonly TemplateField[], templatePage: number, pool: OcrPool): Promise<FieldReading[]> {
  const native = scaleOf(transform);
  const readings: Promise<FieldReading>[] = [];
  for (const field of fields) {
    if (!field.path || !field.valueType) continue;
    for (const widget of field.widgets) {
      const [, , w, h] = widget.rect;
      if (widget.page !== templatePage || w <= 0 || h <= 0) continue;
      const base = { name: field.name, path: field.path, rect: widget.rect };
      const onPage = insideImage(image, transform, widget.rect) ? 1 : OFF_PAGE_FACTOR;
      if (field.kind === 'checkbox') {
        const { raw, confidence } = readCheckbox(cropThroughTransform(image, transform, widget.rect, native), native);
        readings.push(Promise.resolve({ ...base, raw, confidence: confidence * onPage }));
      } else {
        readings.push(readTextBox(image, transform, field, widget.rect, native, pool).then((r) => ({ ...base, ...r, confidence: r.confidence * onPage })));
      }
    }
  }
  return Promise.all(readings);
}

async function readTextBox(image: GrayImage, transform: PageTransform, field: TemplateField, rect: Rect, native: number, pool: OcrPool): Promise<{ raw: string; confidence: number }> {
  const type = field.valueType as ValueType;
  const fontPt = field.fontSize ?? DEFAULT_FONT_PT;
  // Inset so the box's printed border stays out; what alignment error still lets in is erased. Fills
  // start ~1.25 pt from the box's left side: the side inset is kept small.
  const [x, y, w, h] = rect;
  const insetY = Math.min(1, h * 0.1);
  const insetX = 0.25;
  const inner: Rect = [x + insetX, y + insetY, w - 2 * insetX, h - 2 * insetY];
  // Blank test and horizontal extent at the image's own resolution (cheap: most boxes are blank) ...
  const probe = eraseRules(cropThroughTransform(image, transform, inner, native), ruleSizes(native, inner, fontPt));
  if (inkPixels(probe) < MIN_INK_PT2 * native * native) return { raw: '', confidence: 1 };
  // ... then only the inked span (plus a margin), cleaned, scaled to the resolution OCR wants:
  // tesseract's time grows with the width, and a rule cut short by the trim would no longer look long.
  const [first, last] = inkColumns(probe)!;
  // Fills stop short of the box's right side; ink within 1 pt of it is a value that overflowed and was
  // clipped (measured: clipped values 0.25 pt, right-aligned and long values 2 pt or more).
  const clipped = (probe.width - 1 - last) / native + insetX < 1;
  const margin = 2 * native;
  const span = subImage(probe, [first - margin, 0, last + 1 + margin, probe.height]);
  if (process.env.LEVELS) { const L = +process.env.LEVELS; for (let i = 0; i < span.data.length; i++) span.data[i] = span.data[i]! >= L ? 255 : Math.round(span.data[i]! * 255 / L); }
  const pxPerPt = Math.max(native, TARGET_X_HEIGHT_PX / (X_HEIGHT_PER_PT * fontPt));
  const k = pxPerPt / native;
  const crop = resampleThrough(span, { a: 1 / k, b: 0, c: 0, d: 1 / k, e: 0, f: 0 }, Math.round(span.width * k), Math.round(span.height * k), pxPerPt * 72);
  const psm = field.multiline && h >= 2 * LINE_PITCH * fontPt ? 'block' : 'line';
  const { text, confidence } = await pool.recognize(padImage(crop, 0.4 * TARGET_X_HEIGHT_PX), { whitelist: FIELD_WHITELISTS[type], psm });
  const raw = cleanOcrText(type, text);
  if (raw === '') return { raw, confidence: 0 };
  const typed = normalizeValue(type, raw).value !== null && (field.maxLength === 0 || raw.length <= field.maxLength);
  return { raw, confidence: confidence * (typed ? 1 : INVALID_FACTOR) * (clipped ? CLIPPED_FACTOR : 1) };
}

/**
 * Printed lines to erase from a box crop, in pixels: borders within 2 pt of the edge that run across
 * most of the box (a box's own height for columns: no glyph is that tall; at most 40 pt for rows, so
 * a rule left slightly tilted still counts) and 0.4 pt either side of their trace (no more: a glyph
 * sitting on the line keeps its foot), rules inside the box (strokes 1.5 em long, 0.2 em thin) and
 * specks up to 1 pt² (a period is ~0.6) more than half an em from any other stroke.
 */
function ruleSizes(pxPerPt: number, [, , w, h]: Rect, fontPt: number): RuleSizes {
  return {
    band: 2 * pxPerPt,
    minRowRun: Math.min(0.6 * w, 40) * pxPerPt,
    minColumnRun: 0.8 * h * pxPerPt,
    halfWidth: 0.4 * pxPerPt,
    minRuleLength: 1.5 * fontPt * pxPerPt,
    maxThickness: 0.2 * fontPt * pxPerPt,
    maxSpeck: pxPerPt * pxPerPt,
    speckReach: 0.5 * fontPt * pxPerPt,
  };
}

function insideImage(image: GrayImage, transform: PageTransform, [x, y, w, h]: Rect): boolean {
  return [
    [x, y],
    [x + w, y],
    [x, y + h],
    [x + w, y + h],
  ].every(([px, py]) => {
    const [u, v] = applyTransform(transform, px!, py!);
    return u >= 0 && v >= 0 && u <= image.width && v <= image.height;
  });
}

/** First and last column holding ink, or null for a blank crop. */
function inkColumns(image: GrayImage): [number, number] | null {
  const { width, height, data } = image;
  let first = -1;
  let last = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! >= 128) continue;
      if (first < 0 || x < first) first = x;
      if (x > last) last = x;
    }
  }
  return first < 0 ? null : [first, last];
}
