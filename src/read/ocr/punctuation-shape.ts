import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';
import type { OcrWord } from './ocr-engine.js';
import { inkRuns, snapToInk, type Run } from './snap-to-ink.js';

/** Blank rows, in em, that part a semicolon's dot from its comma (~0.3 em in Helvetica) or a colon's two dots. */
const MIN_PART_EM = 0.08;
/**
 * Blank columns, in em, that Helvetica leaves between a period, comma, colon or semicolon and the glyph
 * before it: at least the mark's own side bearing (0.087 em; "r." has the least). Measured on 364 marks
 * of the samples' and the broker-filled 125's scans at 300 and 200 dpi: 0.087–0.2 em; a speck of dust
 * read as the period of "Insurance Co." on a 200 dpi scan: 0.043 em.
 */
const MIN_GAP_EM = 0.065;
/** The most blank a mark follows its glyph by in print (0.2 em measured, above), with room for blur. */
const MAX_GAP_EM = 0.3;
/** Each mark of one piece (a comma, a period) with its twin of two (a semicolon, a colon), both ways. */
const TWIN: Record<string, string> = { ',': ';', ';': ',', '.': ':', ':': '.' };
const TWO_PIECES = new Set([';', ':']);
/**
 * The least ink a hyphen leaves across, em: Helvetica's is 0.26 em long, and blur only widens it. A
 * "-" read from a run of ink narrower than this is a speck of dust ("certificates-of" read at 0.97 from a
 * 3 px speck in the space of a 300 dpi scan, 0.07 em).
 */
const MIN_DASH_EM = 0.15;

/**
 * A one-line reading's words with each mark whose ink has the shape of its twin read as the twin: a
 * comma or period whose ink is two pieces one above the other, a semicolon or colon whose ink is one.
 * Tesseract reads "ADT;" as "ADT," at 0.84 on a 200 dpi scan; the dot above the comma is there in the
 * ink. Each mark's ink is found by snapToInk (`advance`: Helvetica's, em; `emPx`: the em in `line`'s
 * pixels). `doubtful` says a mark was read again, or its ink sits closer to the glyph before it than
 * print puts a mark: a reading a mark's shape contested is not sure (a mark sharing its columns with a
 * neighbour's ink may look two-piece where it is not), nor one whose mark may be a speck of dust.
 */
export function settlePunctuation(words: readonly OcrWord[], line: GrayImage, emPx: number, advance: (c: string) => number): { words: OcrWord[]; doubtful: boolean } {
  if (!words.some((w) => w.symbols.some((s) => TWIN[s.text] || s.text === '-'))) return { words: [...words], doubtful: false };
  const { words: placed, onInk, sharing } = snapToInk(words, line, emPx, advance);
  const runs = inkRuns(line);
  let doubtful = false;
  let at = 0;
  const inOrder = placed.flatMap((w) => w.symbols);
  const settled = words.map((w) => {
    const symbols = w.symbols.map((s, k) => {
      const index = at++;
      const { x0, x1 } = inOrder[index]!;
      // A dash alone on its run of ink is as wide as that run.
      if (s.text === '-' && sharing[index] === 1 && x1 - x0 + 1 < MIN_DASH_EM * emPx) doubtful = true;
      // A mark left on its box (no ink found for it) is not measured: its box may be anywhere.
      if (!TWIN[s.text] || !onInk[index]) return s;
      const before = inOrder[index - 1];
      if (crowded(runs, Math.round(x0), Math.round(x1), MIN_GAP_EM * emPx)) doubtful = true;
      // A mark further from the glyph before it than print sets one, with ink between that no glyph was
      // read from: the mark may have been put on a speck and the real one left unread ("Dept.‸10-B" on
      // a 200 dpi scan: the period placed on dust 0.37 em after the "t", the space after it then too
      // narrow to see).
      if (before && x0 - before.x1 > MAX_GAP_EM * emPx && runs.some((r) => r.x0 > before.x1 && r.x1 < x0)) doubtful = true;
      const pieces = piecesDown(line, Math.round(x0), Math.round(x1), MIN_PART_EM * emPx);
      if (pieces === 0 || pieces > 1 === TWO_PIECES.has(s.text)) return s;
      doubtful = true;
      return { ...s, text: TWIN[s.text]! };
    });
    return symbols.every((s, k) => s === w.symbols[k]) ? w : { ...w, text: symbols.map((s) => s.text).join(''), symbols };
  });
  return { words: settled, doubtful };
}

/**
 * Whether the ink of a mark placed in columns `x0`..`x1` starts less than `minGap` columns after the ink
 * before it. Not for a mark with no ink before it on the line, nor one whose ink blur joined to the
 * glyph before it ("c." on a 200 dpi scan): its gap cannot be measured.
 */
function crowded(runs: readonly Run[], x0: number, x1: number, minGap: number): boolean {
  const own = runs.findIndex((r) => r.x0 >= x0 && r.x0 <= x1);
  return own > 0 && runs[own]!.x0 - runs[own - 1]!.x1 - 1 < minGap;
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
