import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';
import type { OcrResult, OcrSymbol, OcrWord } from './ocr-engine.js';
import { respellWords } from './respell-words.js';
import { inkRuns } from './snap-to-ink.js';

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
 * The result without the glyphs that have no ink of their own. On 300 dpi scans tesseract's LSTM reads
 * the space of "CP 00 30 ed 8" as a glyph ("edS8"), boxed over the blank paper between the "d" and the
 * "8". A glyph is dropped when the columns only its box covers (not its neighbours') are blank; its
 * word loses it, so the gap is measured as a space again (restoreSpaces). Only for an image read as one
 * line (`oneLine`, PSM 7): on several, the glyphs of other lines share the columns. `emPx`: the font's em.
 */
export function dropPhantomGlyphs(result: OcrResult, image: GrayImage, emPx: number, oneLine: boolean): OcrResult {
  if (!oneLine) return result;
  const symbols = result.words.flatMap((w) => w.symbols);
  const blankBox = symbols.map((s, i) => blank(image, Math.max(s.x0, (symbols[i - 1]?.x1 ?? -1) + 1), Math.min(s.x1, (symbols[i + 1]?.x0 ?? image.width) - 1), MIN_BLANK_EM * emPx));
  if (!blankBox.includes(true)) return result;
  // The boxes wander: a "3" boxed 373–405 px, its ink at 387–407 under the next glyph's box too, leaves
  // the columns only its box covers blank. A glyph is no phantom when most of its box's columns are inked.
  const runs = inkRuns(image);
  const inked = (s: OcrSymbol) => runs.reduce((n, r) => n + Math.max(0, Math.min(s.x1, r.x1) - Math.max(s.x0, r.x0) + 1), 0);
  const phantom = new Set(symbols.filter((s, i) => blankBox[i] && inked(s) < MAX_INKED_SHARE * (s.x1 - s.x0 + 1)));
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
