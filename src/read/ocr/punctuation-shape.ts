import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';
import type { OcrWord } from './ocr-engine.js';
import { snapToInk } from './snap-to-ink.js';

/** Blank rows, in em, that part a semicolon's dot from its comma (~0.3 em in Helvetica) or a colon's two dots. */
const MIN_PART_EM = 0.08;
/** Marks of one piece (a comma, a period) and of two (a semicolon, a colon). */
const ONE_PIECE = new Set([',', '.']);
const TWO_PIECES = new Set([';', ':']);

/**
 * Whether a mark of a one-line reading has not the shape of what was read: a comma or period whose ink
 * is two pieces one above the other, or a semicolon or colon whose ink is one. Tesseract reads "ADT;"
 * as "ADT," at 0.84 on a 200 dpi scan; the dot above the comma is there in the ink. Each mark's ink is
 * found by snapToInk (`advance`: Helvetica's, em; `emPx`: the em in `line`'s pixels). A mark that shares
 * its columns with a neighbour may look two-piece where it is not: that only costs a review.
 */
export function misreadPunctuation(words: readonly OcrWord[], line: GrayImage, emPx: number, advance: (c: string) => number): boolean {
  const marks = words.flatMap((w) => w.symbols).filter((s) => ONE_PIECE.has(s.text) || TWO_PIECES.has(s.text));
  if (marks.length === 0) return false;
  const placed = snapToInk(words, line, emPx, advance).flatMap((w) => w.symbols);
  return placed.some((s) => {
    if (!ONE_PIECE.has(s.text) && !TWO_PIECES.has(s.text)) return false;
    const pieces = piecesDown(line, Math.round(s.x0), Math.round(s.x1), MIN_PART_EM * emPx);
    return pieces > 0 && (pieces > 1) !== TWO_PIECES.has(s.text);
  });
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
