import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';
import type { OcrWord } from './ocr-engine.js';
import { snapToInk } from './snap-to-ink.js';

/** Blank rows, in em, that part a semicolon's dot from its comma (~0.3 em in Helvetica) or a colon's two dots. */
const MIN_PART_EM = 0.08;
/** Each mark of one piece (a comma, a period) with its twin of two (a semicolon, a colon), both ways. */
const TWIN: Record<string, string> = { ',': ';', ';': ',', '.': ':', ':': '.' };
const TWO_PIECES = new Set([';', ':']);

/**
 * A one-line reading's words with each mark whose ink has the shape of its twin read as the twin: a
 * comma or period whose ink is two pieces one above the other, a semicolon or colon whose ink is one.
 * Tesseract reads "ADT;" as "ADT," at 0.84 on a 200 dpi scan; the dot above the comma is there in the
 * ink. Each mark's ink is found by snapToInk (`advance`: Helvetica's, em; `emPx`: the em in `line`'s
 * pixels). `changed` says a mark was read again: a reading a mark's shape contested is not sure (a mark
 * sharing its columns with a neighbour's ink may look two-piece where it is not).
 */
export function settlePunctuation(words: readonly OcrWord[], line: GrayImage, emPx: number, advance: (c: string) => number): { words: OcrWord[]; changed: boolean } {
  if (!words.some((w) => w.symbols.some((s) => TWIN[s.text]))) return { words: [...words], changed: false };
  const { words: placed, onInk } = snapToInk(words, line, emPx, advance);
  let changed = false;
  let at = 0;
  const settled = words.map((w, i) => {
    const symbols = w.symbols.map((s, k) => {
      // A mark left on its box (no ink found for it) is not measured: its box may be anywhere.
      if (!TWIN[s.text] || !onInk[at++]) return s;
      const { x0, x1 } = placed[i]!.symbols[k]!;
      const pieces = piecesDown(line, Math.round(x0), Math.round(x1), MIN_PART_EM * emPx);
      if (pieces === 0 || pieces > 1 === TWO_PIECES.has(s.text)) return s;
      changed = true;
      return { ...s, text: TWIN[s.text]! };
    });
    return symbols.every((s, k) => s === w.symbols[k]) ? w : { ...w, text: symbols.map((s) => s.text).join(''), symbols };
  });
  return { words: settled, changed };
}

/** Pieces of ink in columns `x0`..`x1`, top to bottom, parted by at least `minGap` blank rows. */
function piecesDown(image: GrayImage, x0: number, x1: number, minGap: number): number {
  let pieces = 0;
  let blank = Infinity;
  for (let y = 0; y < image.height; y++) {
    let inked = false;
    for (let x = Math.max(0, x0); x <= Math.min(image.width - 1, x1) && !inked; x++) inked = image.data[y * image.width + x]! < DARK;
    if (!inked) blank++;
    else {
      if (blank >= minGap) pieces++;
      blank = 0;
    }
  }
  return pieces;
}
