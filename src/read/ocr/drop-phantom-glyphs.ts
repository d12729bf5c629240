import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';
import type { OcrResult, OcrSymbol, OcrWord } from './ocr-engine.js';
import { glyphAspect } from './glyph-shape.js';
import { TWINS } from './look-alikes.js';
import { respellWords } from './respell-words.js';
import { advanceEm } from './restore-spaces.js';
import { inkRuns, snapToInk } from './snap-to-ink.js';

/** Dark pixels up to which the columns only a glyph's box covers count as blank paper (a stray speck). */
const MAX_STRAY_PIXELS = 1;
/**
 * Blank room a glyph's own columns must span to be taken for a phantom, in em: the phantom "S" spans
 * 0.28–0.35 em. LSTM boxes are approximate: a real narrow glyph ("r", "i") can have a few columns of its
 * box over the gap beside it, never a quarter of an em.
 */
const MIN_BLANK_EM = 0.25;
/** Share of a phantom's box columns that may hold ink (its neighbours' edges); a real glyph's box is mostly over its ink. */
const MAX_INKED_SHARE = 0.5;

/**
 * Widest ink, over its height, of a run holding one glyph of a look-alike pair rather than two: one "O"
 * is at most ~1.0 (blurred), "00" touching ~1.4 (decide-look-alikes' MERGED).
 */
const ONE_GLYPH_ASPECT = 1.2;
/** Width below which a run of ink is a speck, not a glyph's, in em (the narrowest glyph's stem, "I", is ~0.1). */
const MIN_GLYPH_EM = 0.08;
/** Glyphs tesseract reads twice over one glyph's ink, as itself and as its twin ("04" read "0O4"). */
const DOUBLED = /^[0O6G5S8B2Z]$/;

/**
 * The result without the glyphs that have no ink of their own. On 300 dpi scans tesseract's LSTM reads
 * the space of "CP 00 30 ed 8" as a glyph ("edS8"), boxed over the blank paper between the "d" and the
 * "8". A glyph is dropped when the columns only its box covers (not its neighbours') are blank; its
 * word loses it, so the gap is measured as a space again (restoreSpaces). Only for an image read as one
 * line (`oneLine`, PSM 7): on several, the glyphs of other lines share the columns. `emPx`: the font's em.
 * So is a glyph read twice, as itself and its look-alike twin ("CP 04" read "CP0O4" on a 200 dpi scan, "Hi5"
 * "Hi5S" on a 300 dpi one): under the two boxes lies one run of ink as narrow as one glyph, specks aside,
 * and the line has fewer runs than glyphs read; the less sure is dropped, and the shape of the ink
 * decides the other (correctLookAlikes).
 */
export function dropPhantomGlyphs(result: OcrResult, image: GrayImage, emPx: number, oneLine: boolean): OcrResult {
  if (!oneLine) return result;
  const symbols = result.words.flatMap((w) => w.symbols);
  const blankBox = symbols.map((s, i) => blank(image, Math.max(s.x0, (symbols[i - 1]?.x1 ?? -1) + 1), Math.min(s.x1, (symbols[i + 1]?.x0 ?? image.width) - 1), MIN_BLANK_EM * emPx));
  const snapped = snapToInk(result.words, image, emPx, advanceEm);
  const runs = inkRuns(image);
  const glyphRuns = runs.filter((r) => r.x1 - r.x0 + 1 >= MIN_GLYPH_EM * emPx);
  const doubled = symbols.flatMap((s, i) => {
    const next = symbols[i + 1];
    // Only where the line has more glyphs read than runs of ink for them: one was read twice.
    if (!next || symbols.length <= glyphRuns.length || !DOUBLED.test(s.text) || !(next.text === s.text || TWINS[s.text] === next.text)) return [];
    // The ink under both glyphs' boxes, less specks, is one glyph's.
    const under = glyphRuns.filter((r) => r.x1 >= s.x0 && r.x0 <= next.x1);
    if (under.length !== 1) return [];
    const glyph = glyphAspect(image, under[0]!.x0, under[0]!.x1, under[0]!.x0 - 1, under[0]!.x1 + 1);
    return glyph && glyph.aspect <= ONE_GLYPH_ASPECT ? [s.confidence < next.confidence ? s : next] : [];
  });
  if (!blankBox.includes(true) && doubled.length === 0) return result;
  // The boxes wander: a "3" boxed 373–405 px, its ink at 387–407 under the next glyph's box too, leaves
  // the columns only its box covers blank. A glyph is no phantom when most of its box's columns are inked,
  // nor when the glyphs and the ink pair up with a run of its own: tesseract boxed the "L" of "IL 00" on a
  // 200 dpi scan over the blank before "00", the "I" over both stems; a phantom adds a glyph the runs have none for.
  const inked = (s: OcrSymbol) => runs.reduce((n, r) => n + Math.max(0, Math.min(s.x1, r.x1) - Math.max(s.x0, r.x0) + 1), 0);
  const phantom = new Set([...doubled, ...symbols.filter((s, i) => blankBox[i] && snapped.sharing[i] !== 1 && inked(s) < MAX_INKED_SHARE * (s.x1 - s.x0 + 1))]);
  if (phantom.size === 0) return result;
  const kept = result.words.map((w) => w.symbols.filter((s) => !phantom.has(s)));
  const spellings = result.words.map((w, i) => (kept[i]!.length === w.symbols.length ? w.text : kept[i]!.map((s) => s.text).join('')));
  const words: OcrWord[] = result.words.flatMap((w, i) => {
    const own = kept[i]!;
    if (own.length === w.symbols.length) return [w];
    return own.length ? [{ ...w, text: spellings[i]!, symbols: own, minSymbolConfidence: Math.min(...own.map((s) => s.confidence)) }] : [];
  });
  const text = respellWords(result, spellings);
  return { ...result, text: text.replace(/ {2,}/g, ' ').trim(), words };
}

/** Whether columns `from`..`to` (at least `minWidth` of them) of the image hold no ink but a stray pixel. */
function blank(image: GrayImage, from: number, to: number, minWidth: number): boolean {
  const x0 = Math.max(0, Math.ceil(from));
  const x1 = Math.min(image.width - 1, Math.floor(to));
  if (x1 - x0 + 1 < minWidth) return false;
  let dark = 0;
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width;
    for (let x = x0; x <= x1; x++) if (image.data[row + x]! < DARK && ++dark > MAX_STRAY_PIXELS) return false;
  }
  return true;
}
