import type { Rect } from '../../../schemas/field.js';
import type { TemplateField } from '../../../schemas/form-template.js';
import type { ValueType } from '../../../schemas/value-type.js';
import type { FieldNotReadReason } from '../../../schemas/extraction-outcome.js';
import { codeListOf } from '../../../schemas/code-lists.js';
import { REVIEW_THRESHOLD, UNSURE_CONFIDENCE } from '../../config/review-threshold.js';
import { OcrJobError, type OcrFailure } from '../../errors.js';
import { isCodeLike, normalizeValue } from '../normalize/normalize-value.js';
import type { GrayImage } from '../raster/gray-image.js';
import { cropThroughTransform } from '../raster/crop-through-transform.js';
import { applyTransform, type PageTransform } from '../raster/page-transform.js';
import { resampleThrough } from '../raster/warp.js';
import { cleanOcrText } from './clean-ocr-text.js';
import { correctLookAlikes, decideLookAlikes, withSettledGlyphs } from './decide-look-alikes.js';
import { dropPhantomGlyphs } from './drop-phantom-glyphs.js';
import { eraseRulesKeepingSpecks, type RuleSizes } from './erase-rules.js';
import { CODE_WORDS_WHITELIST, FIELD_WHITELISTS } from './field-whitelists.js';
import { glyphCutAtSide } from './glyph-cut-at-side.js';
import { inkBounds } from './ink-bounds.js';
import { lineGlyphs, type Glyph } from './line-glyphs.js';
import { DARK, FAINT_INK, inkPixels } from './ink-pixels.js';
import { resolveByCodeList } from './look-alikes.js';
import { ocrConfidence, plausibleValue } from './ocr-confidence.js';
import type { Ocr, OcrRequest, OcrResult, OcrSymbol, OcrWord } from './ocr-engine.js';
import { padImage } from './pad-image.js';
import { applyLevels, pageLevels } from './page-levels.js';
import { readCheckbox } from './read-checkbox.js';
import { respellWords } from './respell-words.js';
import { advanceEm, restoreSpaces } from './restore-spaces.js';
import { settlePunctuation } from './punctuation-shape.js';
import { settleHeldReadings } from './settle-held-readings.js';
import { snapToInk } from './snap-to-ink.js';
import { rereadSpelled, stretchedOverUnread } from './spelled-values.js';
import { subImage } from './sub-image.js';
import { textLines } from './text-lines.js';

export type FieldReading = {
  name: string;
  path: string;
  /** Cleaned OCR text ('' for a blank box), or '1' / 'Off' for a checkbox. */
  raw: string;
  confidence: number;
  /** The template rect the value was read from (points, origin bottom-left). */
  rect: Rect;
  /**
   * Set when the box could not be read (its OCR job timed out, its worker died, or OCR refused the
   * crop): raw is '' and confidence 0, but the box is not known to be blank.
   */
  unread?: { reason: FieldNotReadReason; detail: string };
};

/**
 * A value that would count as sure, held for its second, independent read: by the document's own glyphs
 * (settleHeldReadings, once every page has had its first reads) or, where they cannot tell, by tesseract
 * again (`secondRead`).
 */
export type HeldCheck = {
  /** The value read: a value with the same text never vouches for it. */
  text: string;
  /** Its glyphs, undefined when only tesseract can check it (see readTextBox). */
  glyphs: Glyph[] | undefined;
  /** Its confidence when its glyphs agree. */
  sure: number;
  /** tesseract's second read of the crop resampled larger, and the reading it comes to. */
  secondRead(): Promise<FieldReading>;
};

export type HeldReading = FieldReading & { held?: HeldCheck };

type TextBoxCheck = Omit<HeldCheck, 'secondRead'> & { secondRead(): Promise<{ raw: string; confidence: number }> };

const UNREAD_REASON: Record<Exclude<OcrFailure, 'unavailable'>, FieldNotReadReason> = { timeout: 'ocr-timeout', 'worker-died': 'ocr-worker-died', failed: 'ocr-failed' };

/** x-height tesseract's LSTM reads best at (measured: 24 px beat 20, 30 and the native 200/300 dpi). */
const TARGET_X_HEIGHT_PX = 24;
/** Helvetica's x-height per point of font size; ACORD fills are Helvetica. */
const X_HEIGHT_PER_PT = 0.52;
/** Font size assumed for auto-sized boxes. */
const DEFAULT_FONT_PT = 8;
/**
 * Grey at and above which a pixel is paper. Clipping only (no stretch): measured on noisy 200/300 dpi
 * scans, 215 took 300 dpi from 97 to 104 of 106 values; stretching the rest paled blurred strokes.
 */
const PAPER = 215;
/** White border around a crop sent to OCR (tesseract segments glyphs touching the edge poorly). */
const PAD_PX = 6;
/**
 * Below this much solid ink (in pt², a "1" is ~4) a box is blank and is not sent to OCR, unless it
 * has as much faint ink (FAINT_INK grey): a pale or light value, read with FAINT_FACTOR.
 */
const MIN_INK_PT2 = 2.5;
/**
 * Confidence kept for a value read from faint ink: at most 0.35, far below the review threshold, so a
 * person checks what a light print or a pale pencil said rather than it being dropped as blank.
 */
const FAINT_FACTOR = 0.35;
/** A box is read as a block (PSM 6) when it has room for two lines of its font; else as one line (PSM 7). */
const LINE_PITCH = 1.2;
/** Confidence kept when the cleaned text is not a plausible value of its box: it is probably misread. */
const INVALID_FACTOR = 0.4;
/** Confidence kept when ink runs to the box's side: the value likely overflowed and was clipped. */
const CLIPPED_FACTOR = 0.5;
/** Confidence kept when the text read has too few characters for the ink: a glyph was dropped. */
const SHORT_FACTOR = 0.4;
/** Confidence kept when part of the box lies off the scanned image: what was there is unknown. */
const OFF_PAGE_FACTOR = 0.5;
/**
 * Scale of the second, independent read of a value that would count as sure, against the first's: the
 * crop resampled at 1.4 times the size, so the LSTM sees other pixels and other glyph sizes. A misread
 * that survives both is rarer than one that survives one. It was half the OCR time of a scanned form (379
 * of the 125's 793 calls): it is now made only where the document's own glyphs cannot decide (settleHeldReadings).
 */
const SECOND_READ_SCALE = 1.4;
/**
 * Least confidence of every glyph of a reading whose low word score a second read may overrule. Measured
 * on the broker-filled real forms scanned at 300 and 200 dpi: form numbers tesseract scores 0.5–0.79 have
 * every glyph at 0.95 or more; a doubtful "N" in a yes/no box has its one glyph at 0.36–0.53.
 */
const SURE_GLYPHS = 0.9;
/**
 * Value types whose box is read with spaces put back where tesseract dropped them (restoreSpaces): free
 * text, where form numbers are written in spaced groups, and codes, whose identifiers are too ("PKG 20 118"
 * read "PKG 20118" on vector outlines, and again so by the larger second read, at 0.88).
 */
const SPACED_TYPES: ReadonlySet<ValueType> = new Set(['text', 'code']);

/** Pixels per point of a transform (its scale, whatever its rotation). */
const scaleOf = (t: PageTransform) => Math.hypot(t.a, t.b);

/**
 * Reads the value boxes of one template page from its page image: checkboxes by ink density, text
 * boxes by OCR of each box's crop with its type's whitelist and clean-up. Blank boxes come back with
 * raw '' without an OCR call; a box whose OCR job fails comes back with `unread` set. Fields without a
 * model path, or without a widget on this page, are skipped. A form of several pages is read with
 * firstReadFields per page and settleHeldReadings over all of them: its values' glyphs check each other.
 */
export async function readFieldsFromImage(image: GrayImage, transform: PageTransform, fields: readonly TemplateField[], templatePage: number, pool: Ocr): Promise<FieldReading[]> {
  return (await settleHeldReadings([await firstReadFields(image, transform, fields, templatePage, pool)]))[0]!;
}

/**
 * readFieldsFromImage's first reads: a value that would count as sure comes back `held`, with its
 * confidence as if its second read agreed. Crops are queued as soon as they are cut, so the pool's
 * workers start on the first while the rest are prepared.
 */
export async function firstReadFields(image: GrayImage, transform: PageTransform, fields: readonly TemplateField[], templatePage: number, pool: Ocr): Promise<HeldReading[]> {
  const native = scaleOf(transform);
  const levels = pageLevels(image);
  const cut = (rect: Rect) => applyLevels(cropThroughTransform(image, transform, rect, native), levels);
  const readings: Promise<HeldReading>[] = [];
  for (const field of fields) {
    if (!field.path || !field.valueType) continue;
    for (const widget of field.widgets) {
      const [, , w, h] = widget.rect;
      if (widget.page !== templatePage || w <= 0 || h <= 0) continue;
      const base = { name: field.name, path: field.path, rect: widget.rect };
      const onPage = insideImage(image, transform, widget.rect) ? 1 : OFF_PAGE_FACTOR;
      if (field.kind === 'checkbox') {
        const { raw, confidence } = readCheckbox(cut(widget.rect), native);
        readings.push(Promise.resolve({ ...base, raw, confidence: confidence * onPage }));
      } else readings.push(heldReading(base, onPage, readTextBox(cut, field, widget.rect, native, pool)));
    }
  }
  return Promise.all(readings);
}

/**
 * A text box's reading with the page's factor applied, its second read's too. Out of firstReadFields so
 * that what a held reading keeps until the document settles it does not keep the page image.
 */
function heldReading(base: Omit<FieldReading, 'raw' | 'confidence'>, onPage: number, box: Promise<{ raw: string; confidence: number; held?: TextBoxCheck }>): Promise<HeldReading> {
  const read = (r: { raw: string; confidence: number }): FieldReading => ({ ...base, raw: r.raw, confidence: r.confidence * onPage });
  // One box's failed OCR job marks that box, not the page. A pool that cannot run at all
  // (closed, no worker starts) fails the reading: every box would be lost.
  const failed = (err: unknown): FieldReading => {
    if (!(err instanceof OcrJobError) || err.reason === 'unavailable') throw err;
    return { ...base, raw: '', confidence: 0, unread: { reason: UNREAD_REASON[err.reason], detail: err.message } };
  };
  return box.then((r): HeldReading => {
    if (!r.held) return read(r);
    const { secondRead, ...held } = r.held;
    return { ...read(r), held: { ...held, sure: held.sure * onPage, secondRead: () => secondRead().then(read, failed) } };
  }, failed);
}

/** `cut` crops a template rect at the page's own resolution, its grey levels stretched. */
async function readTextBox(cut: (rect: Rect) => GrayImage, field: TemplateField, rect: Rect, native: number, pool: Ocr): Promise<{ raw: string; confidence: number; held?: TextBoxCheck }> {
  const type = field.valueType as ValueType;
  const fontPt = field.fontSize ?? DEFAULT_FONT_PT;
  // Inset top and bottom so the box's printed border stays out; what alignment error still lets in is
  // erased. Not at the sides: fills start ~1.25 pt from the box's left side, and labels printed just
  // outside the box come in when the crop is widened (measured on blank forms shifted 1.5 pt).
  const [x, y, w, h] = rect;
  const insetY = Math.min(1, h * 0.1);
  const inner: Rect = [x, y + insetY, w, h - 2 * insetY];
  // Blank test and inked area at the image's own resolution (cheap: most boxes are blank) ...
  const sizes = ruleSizes(native, inner, fontPt);
  const box = cut(inner);
  const floor = MIN_INK_PT2 * native * native;
  // Erasing only whitens: a box with too little faint ink before it has too little after it.
  if (inkPixels(box, FAINT_INK) < floor) return { raw: '', confidence: 1 };
  const { cleaned: probe, specked } = eraseRulesKeepingSpecks(box, sizes);
  const faint = inkPixels(probe) < floor;
  if (faint && inkPixels(probe, FAINT_INK) < floor) return { raw: '', confidence: 1 };
  // A faint value is darkened to the contrast of a normal one before OCR (below).
  const level = faint ? FAINT_INK : DARK;
  // ... then only the inked area (plus a margin), cleaned, scaled to the resolution OCR wants:
  // tesseract's time grows with the width, and a rule cut short by the trim would no longer look long.
  // The tight top and bottom matter too: with 17 px of white above and below, "TX" read as "™" or
  // nothing; ~8 px (0.05 em plus PAD_PX) gave the best of the margins tried on 10 test pages.
  const [left, top, right, bottom] = inkBounds(probe, level)!;
  // Fills stop short of the box's right side; ink within 1 pt of it is a value that overflowed and was
  // clipped (measured: clipped values end within 0.4 pt of it, all others 2 pt or more away). A centred
  // value that overflowed is cut on the left too, where fills start ~1.25 pt in. A glyph cut to a sliver
  // leaves no ink there (the sliver is erased as a speck): glyphCutAtSide looks for it before that.
  const clipped = (probe.width - 1 - right) / native < 1 || left / native < 0.5 || glyphCutAtSide(specked, [left, top, right, bottom], native);
  const side = 2 * native;
  const above = 0.05 * fontPt * native;
  const span = subImage(probe, [left - side, top - above, right + 1 + side, bottom + 1 + above]);
  // Scanner grain on the paper, upscaled, becomes blobs the LSTM reads as glyphs: paper goes white.
  for (let i = 0; i < span.data.length; i++) if (span.data[i]! >= PAPER) span.data[i] = 255;
  if (faint) darken(span);
  const pxPerPt = Math.max(native, TARGET_X_HEIGHT_PX / (X_HEIGHT_PER_PT * fontPt));
  const k = pxPerPt / native;
  const crop = resampleThrough(span, { a: 1 / k, b: 0, c: 0, d: 1 / k, e: 0, f: 0 }, Math.round(span.width * k), Math.round(span.height * k), pxPerPt * 72);
  const block = field.multiline && h >= 2 * LINE_PITCH * fontPt;
  // A block's words come with their lines' boxes (no cost to tesseract), so each line can be measured on its own.
  let request: OcrRequest = block ? { whitelist: FIELD_WHITELISTS[type], psm: 'block', wordBoxes: true } : { whitelist: FIELD_WHITELISTS[type], psm: 'line' };
  const inkWidthPt = (right - left + 1) / native;
  const emPx = fontPt * pxPerPt;
  const recognize = async (img: GrayImage, req: OcrRequest, em: number) => {
    const read = await pool.recognize(img, req);
    const lines = req.psm === 'line' ? [{ result: read, image: img }] : textLines(read, img);
    if (!lines) return withSpaces(type, read, em, undefined);
    // Look-alikes are read as the twin their ink is shaped as before spaces are measured: a space is found by
    // the glyphs' advances, and an "O" read for a "0" is wide enough to hide one ("IL O0" for "IL 00").
    // A run of ink given more glyphs than it has room for is a reading in doubt, however sure each glyph.
    const done = lines.map((line) => {
      const placed = placedOnInk(dropPhantomGlyphs(line.result, line.image, em, true), line.image, em, req.whitelist ?? '');
      const spaced = withSpaces(type, placed, em, line.image);
      return { ...spaced, doubtful: spaced.doubtful || placed.crowded };
    });
    if (done.length === 1) return done[0]!;
    return { text: done.map((d) => d.text).join('\n'), confidence: read.confidence, words: done.flatMap((d) => d.words), doubtful: done.some((d) => d.doubtful), spacesAdded: done.some((d) => d.spacesAdded) };
  };
  let image = padImage(crop, PAD_PX);
  let result = await recognize(image, request, emPx);
  let plausible = fillsWidth(result.text, inkWidthPt, fontPt);
  if (!plausible) {
    // Too few characters for the ink: on soft 200 dpi scans the LSTM drops a leading glyph ("C14" →
    // "C4", "T508" → "08") or the whole value ("94"), which it reads once the crop is black and white.
    // Binarizing every crop costs far more than it gains (measured on the 200 dpi scans of the three
    // real forms: 1 123 → 959 of 1 156 values right), so only here, once.
    const binary = padImage(binarize(crop), PAD_PX);
    const retry = await recognize(binary, request, emPx);
    if (fillsWidth(retry.text, inkWidthPt, fontPt)) [result, plausible, image] = [retry, true, binary];
  }
  const facts = { path: field.path ?? undefined, label: field.name };
  const list = type === 'code' ? codeListOf(field.path ?? undefined) : undefined;
  let raw = cleanOcrText(type, result.text, facts);
  const spelled = await rereadSpelled(type, { result, raw }, image, request, emPx, facts, { recognize: (img, req) => recognize(img, req, emPx), clean: (text) => cleanOcrText(type, text, facts) });
  if (spelled) [result, raw, request, plausible] = [spelled.result, spelled.raw, { ...request, whitelist: spelled.whitelist }, fillsWidth(spelled.result.text, inkWidthPt, fontPt)];
  if (type === 'code' && raw !== '' && (!plausible || (resolveByCodeList(raw, list) === undefined && (!isCodeLike(raw) || /[A-Z]{2}/.test(raw))))) {
    // A code box may hold words ("Joisted Masonry", "Basic"), which keep their case; read through the
    // upper-case whitelist their small letters come back as capitals, fewer letters, or not at all
    // ("BSIC", "F"). Read again with lower case allowed, and take that reading when it is words: the
    // same letters, or more of them where the ink has room. A token mixing small letters and digits is
    // never taken from it ("C14" would come back "Cl4").
    const second = await recognize(image, { ...request, whitelist: CODE_WORDS_WHITELIST }, emPx);
    const cased = cleanOcrText(type, second.text, facts);
    const fills = fillsWidth(second.text, inkWidthPt, fontPt);
    const longer = fills && cased.replace(/\s/g, '').length > raw.replace(/\s/g, '').length;
    if (wordLike(cased) && (cased.toUpperCase() === raw.toUpperCase() || longer || (!plausible && fills))) [result, raw, plausible] = [second, cased, fills];
  }
  // A look-alike whose own ink has its twin's shape is that twin ("ull@" → "u11@").
  const shaped = correctLookAlikes(raw, result.words, image, request.psm === 'line', whitelistOf(raw, request.whitelist ?? ''));
  [raw, result] = [shaped.raw, { ...result, words: shaped.words }];
  const listed = resolveByCodeList(raw, list);
  if (listed !== undefined) raw = listed;
  if (raw === '' || result.words.length === 0) return { raw, confidence: 0 };
  // A code-like reading its box's code list does not know is no more plausible than a malformed number.
  const known = list === undefined || listed !== undefined || !isCodeLike(raw);
  const factor = (plausibleValue(type, raw, field.maxLength, facts) && known ? 1 : INVALID_FACTOR) * (clipped ? CLIPPED_FACTOR : 1) * (plausible ? 1 : SHORT_FACTOR) * (faint ? FAINT_FACTOR : 1);
  const confidence = ocrConfidence(type, result.words) * factor;
  // Under the threshold only by tesseract's word score, every glyph sure and nothing else against it: the
  // dictionary's doubt about a token it does not know ("CP 04 11 35"), which a second read can answer.
  const vouchable = factor === 1 && Math.min(...result.words.map((w) => w.minSymbolConfidence)) >= SURE_GLYPHS;
  if (confidence < REVIEW_THRESHOLD && !vouchable) return { raw, confidence };
  // Sure only when nothing says otherwise: a look-alike glyph neither list nor the glyph's own shape
  // decides, a gap that may or may not be a space, or a second read of other pixels (larger) that comes to another value.
  const shapes = decideLookAlikes(raw, result.words, image, request.psm === 'line');
  if ((listed === undefined && !shapes.sure) || result.doubtful) return { raw, confidence: Math.min(confidence, UNSURE_CONFIDENCE) };
  const vouching = confidence < REVIEW_THRESHOLD;
  const secondRead = async () => {
    const k2 = k * SECOND_READ_SCALE;
    const larger = resampleThrough(span, { a: 1 / k2, b: 0, c: 0, d: 1 / k2, e: 0, f: 0 }, Math.round(span.width * k2), Math.round(span.height * k2), pxPerPt * SECOND_READ_SCALE * 72);
    const check = await recognize(padImage(larger, PAD_PX), { ...request, whitelist: whitelistOf(raw, request.whitelist ?? '') }, emPx * SECOND_READ_SCALE);
    let again = cleanOcrText(type, check.text, facts);
    again = withSettledGlyphs(resolveByCodeList(again, list) ?? again, raw, shapes.settled);
    // A value tesseract's score left under the threshold counts as sure only when both reads are the same
    // character for character, spaces and punctuation included: not merely the same value.
    if (vouching) return { raw, confidence: again === raw ? REVIEW_THRESHOLD : confidence };
    return { raw, confidence: sameReading(type, raw, again, facts, result.spacesAdded) ? confidence : Math.min(confidence, UNSURE_CONFIDENCE) };
  };
  // Glyphs say nothing of the gaps between them: a space restoreSpaces put back must be found again by a
  // second read ("158 7 Warehouse Rd"), and a value vouched for must be the same character for character,
  // spaces included ("IL00 17 11 98" read for "IL 00 17 11 98", every glyph sure): those go to tesseract.
  const glyphs = result.spacesAdded || (vouching && /\s/.test(raw)) ? undefined : glyphsOf(raw, result.words, image, request.psm === 'line', emPx);
  return { raw, confidence, held: { text: raw, glyphs, sure: vouching ? REVIEW_THRESHOLD : confidence, secondRead } };
}

/**
 * The glyphs of a reading, line by line, labelled with the value's own characters: what the document's
 * other values vouch for or contest (settleHeldReadings). Undefined when the characters do not pair one
 * to one with the symbols (cleaning or a code list changed more than a glyph) or a line's ink is not
 * cleanly one run per glyph.
 */
function glyphsOf(raw: string, words: readonly OcrWord[], image: GrayImage, oneLine: boolean, emPx: number): Glyph[] | undefined {
  const chars = [...raw.replace(/\s/g, '')];
  let k = 0;
  const labelled = words.map((w) => ({ ...w, symbols: w.symbols.map((s) => ({ ...s, text: chars[k++] ?? '' })) }));
  if (k !== chars.length) return undefined;
  const lines = oneLine ? [{ result: { text: raw, confidence: 0, words: labelled }, image }] : textLines({ text: raw, confidence: 0, words: labelled }, image);
  const perLine = lines?.map((line) => lineGlyphs(line.result.words, line.image, emPx));
  return perLine?.every((g) => g !== undefined) ? perLine.flat() : undefined;
}

/**
 * A one-line reading with each glyph boxed where its ink is (snapToInk: the LSTM's box of an "O" read
 * for the first "0" of "00" spanned both, that of an "l" before ")" reached into the bracket), so that
 * what measures glyphs measures theirs, and its look-alikes read as the twin their ink is shaped as
 * (correctLookAlikes). An unsure glyph boxed wider than an em keeps its box: it tells of glyphs the
 * whitelist kept the LSTM from reading ("0" stretched over "0 USD" at 0.00, rereadSpelled).
 */
function placedOnInk(result: OcrResult, line: GrayImage, emPx: number, whitelist: string): OcrResult & { crowded: boolean } {
  const { words: placed, crowded } = snapToInk(result.words, line, emPx, advanceEm);
  const kept = (s: OcrSymbol, own: OcrSymbol) => (stretchedOverUnread(own, emPx) ? { ...s, x0: own.x0, x1: own.x1 } : s);
  const snapped = placed.map((w, i) => ({ ...w, symbols: w.symbols.map((s, k) => kept(s, result.words[i]!.symbols[k]!)) }));
  const { raw, words } = correctLookAlikes(result.text, snapped, line, true, whitelist);
  return { ...result, text: raw, words, crowded };
}

/** The whitelist the value was read with: a code box's words were read with small letters allowed. */
function whitelistOf(raw: string, whitelist: string): string {
  return /[a-z]/.test(raw) && !/[a-z]/.test(whitelist) ? CODE_WORDS_WHITELIST : whitelist;
}

/**
 * An OCR result whose text has the spaces tesseract dropped inside its words put back and those it
 * invented between them taken out (free text; the latter only on an image of one `line`), and whether
 * it is doubtful: one of its gaps was too close to call, or a mark's ink had the shape of its twin (read as the
 * twin) or sat closer to the glyph before it than print sets a mark.
 */
function withSpaces(type: ValueType, result: OcrResult, emPx: number, line: GrayImage | undefined): OcrResult & { doubtful: boolean; spacesAdded: boolean } {
  if (!SPACED_TYPES.has(type)) return { ...result, doubtful: false, spacesAdded: false };
  const marks = line ? settlePunctuation(result.words, line, emPx, advanceEm) : { words: result.words, doubtful: false };
  const { words: spaced, doubtful } = restoreSpaces(marks.words, emPx, line);
  // A word joined to the one before it leaves '' and a double space behind.
  const text = respellWords(result, spaced).replace(/ {2,}/g, ' ');
  return { ...result, text, words: marks.words, doubtful: doubtful || marks.doubtful, spacesAdded: spaced.some((w, i) => w !== result.words[i]!.text) };
}

/** Words a code box may hold: a token of two or more letters with small ones, and no token mixing small letters with digits. */
function wordLike(s: string): boolean {
  const tokens = s.split(/[\s/-]+/);
  return tokens.some((t) => /[A-Za-z]{2}/.test(t) && /[a-z]/.test(t)) && !tokens.some((t) => /[a-z]/.test(t) && /\d/.test(t));
}

/**
 * Whether two readings of a box come to the same value. Spaces count only where the first reading got
 * one from restoreSpaces ("158 7 Warehouse Rd" must be read so twice); tesseract's own spaces are
 * sure enough, and a larger read's glyph boxes would otherwise contest them needlessly.
 */
function sameReading(type: ValueType, a: string, b: string, facts: { path?: string; label?: string }, spacesCount: boolean): boolean {
  const value = (s: string) => {
    const v = normalizeValue(type, s, facts).value;
    return typeof v === 'string' ? v.replace(/\s+/g, spacesCount ? ' ' : '') : v;
  };
  return value(a) === value(b);
}

/** Whether `text` has enough characters for the ink's width: Helvetica's widest glyphs are under 1 em. */
function fillsWidth(text: string, inkWidthPt: number, fontPt: number): boolean {
  const characters = text.replace(/\s/g, '').length;
  return characters > 0 && inkWidthPt <= characters * fontPt;
}

/** Stretches a faint crop's grey levels in place so its darkest ink becomes black and paper stays white. */
function darken(image: GrayImage): void {
  const darkest = image.data.reduce((m, v) => Math.min(m, v), 255);
  if (darkest >= PAPER) return;
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i]!;
    if (v < PAPER) image.data[i] = Math.round(((v - darkest) * PAPER) / (PAPER - darkest));
  }
}

function binarize(image: GrayImage): GrayImage {
  return { ...image, data: image.data.map((v) => (v < 128 ? 0 : 255)) };
}

/**
 * Printed lines to erase from a box crop, in pixels: borders within 2 pt of the edge that run across
 * most of the box (a box's own height for columns: no glyph is that tall; at most 40 pt for rows, so
 * a rule left slightly tilted still counts) and 0.4 pt either side of their trace (no more: a glyph
 * sitting on the line keeps its foot), rules inside the box (strokes 1.5 em long, 0.2 em thin) and
 * marks up to 3 pt² (a period is ~0.6, a "1" 4) more than half an em from any larger stroke or
 * touching the box's side: specks, a neighbouring label's colon, the corner a border leaves.
 */
function ruleSizes(pxPerPt: number, [, , w, h]: Rect, fontPt: number): RuleSizes {
  return {
    band: 2 * pxPerPt,
    minRowRun: Math.min(0.6 * w, 40) * pxPerPt,
    minColumnRun: 0.8 * h * pxPerPt,
    halfWidth: 0.4 * pxPerPt,
    minRuleLength: 1.5 * fontPt * pxPerPt,
    maxThickness: 0.2 * fontPt * pxPerPt,
    maxSpeck: 3 * pxPerPt * pxPerPt,
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
