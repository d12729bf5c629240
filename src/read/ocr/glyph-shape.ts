import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';

/**
 * Share of its tallest column up to which a column joining two glyphs counts as where blur made them
 * touch ("A8" on a 300 dpi scan), not as a stroke of either.
 */
const TOUCH = 0.25;
/** Share of the glyph's height a column's ink must span to count as part of a stem. */
const STEM = 0.7;
/** Share of the glyph's height left out at its top and bottom when its left side's bow is measured (the corners of a "B" round). */
const BOW_MARGIN = 0.15;

/** Dark pixels in each column of `image`: what glyphAspect measures its glyphs by, counted once for all of them. */
export function columnInk(image: GrayImage): Uint32Array {
  const { width, height, data } = image;
  const columns = new Uint32Array(width);
  for (let y = 0, i = 0; y < height; y++) for (let x = 0; x < width; x++, i++) if (data[i]! < DARK) columns[x]!++;
  return columns;
}

/**
 * The ink width over the ink height of the glyph OCR placed between `x0` and `x1` (image pixels), or
 * undefined when its ink cannot be told from its neighbours'. The glyph is the inked columns around
 * the symbol's middle up to a blank column, or, where it touches a neighbour before the neighbour's
 * middle (`left`, `right`), up to the faintest column between the two: LSTM symbol boxes are
 * approximate, the ink between glyphs is not. `columns` is the image's columnInk (given, when one image's glyphs
 * are measured one after another, so it is counted once). `touching` says a side was cut so. `stem` is the widest
 * run of columns inked over STEM of the glyph's height, over that height: the ink beside it is a flag
 * or bowl, not blur. `bow` is how far the leftmost ink moves across the glyph's middle rows, over its
 * height: ~0 for a stem on the left ("B"), more for bowls ("8": its waist lies inward of both).
 */
export function glyphAspect(image: GrayImage, x0: number, x1: number, left: number, right: number, columns: Uint32Array = columnInk(image)): { aspect: number; touching: boolean; stem: number; bow: number } | undefined {
  const { width, height, data } = image;
  const from = Math.max(0, Math.ceil(left));
  const to = Math.min(width - 1, Math.floor(right));
  const ink = columns.subarray(from, to + 1);
  const tallest = Math.max(0, ...ink);
  const mid = Math.round((x0 + x1) / 2) - from;
  if (mid <= 0 || mid >= ink.length - 1 || tallest === 0) return undefined;
  let touching = false;
  const edge = (step: -1 | 1): number | undefined => {
    let x = mid;
    while (x + step > 0 && x + step < ink.length - 1 && ink[x + step]! > 0) x += step;
    if (ink[x + step] === 0 || ink[x + step] === undefined) return x;
    // Ran into the neighbour's middle: cut at the faintest column on the way, if faint enough.
    touching = true;
    let cut = mid;
    for (let k = mid; k !== x + step; k += step) if (ink[k]! < ink[cut]!) cut = k;
    return ink[cut]! <= TOUCH * tallest && cut !== mid ? cut - step : undefined;
  };
  const start = edge(-1);
  const end = edge(1);
  if (start === undefined || end === undefined || end < start) return undefined;
  // The glyph's rows: the longest run of inked rows in its columns, so a speck above or below it, apart
  // from it by blank paper, does not make it taller ("G" with a speck under it measured 0.62, as a "6").
  let top = 0;
  let bottom = -1;
  let runTop = 0;
  for (let y = 0; y < height; y++) {
    let inked = false;
    for (let x = from + start; x <= from + end && !inked; x++) inked = data[y * width + x]! < DARK;
    if (!inked) runTop = y + 1;
    else if (y - runTop > bottom - top) [top, bottom] = [runTop, y];
  }
  if (bottom < top) return undefined;
  const tall = STEM * (bottom - top + 1);
  let run = 0;
  let stem = 0;
  for (let x = start; x <= end; x++) stem = Math.max(stem, (run = ink[x]! >= tall ? run + 1 : 0));
  // The left side's bow: how far its leftmost ink moves across the middle rows (a stem's does not, a bowl's does).
  const h = bottom - top + 1;
  const lefts: number[] = [];
  for (let y = top + Math.ceil(BOW_MARGIN * h); y <= bottom - Math.ceil(BOW_MARGIN * h); y++) {
    for (let x = from + start; x <= from + end; x++) {
      if (data[y * width + x]! >= DARK) continue;
      lefts.push(x);
      break;
    }
  }
  const bow = lefts.length ? (Math.max(...lefts) - Math.min(...lefts)) / h : 0;
  return { aspect: (end - start + 1) / h, touching, stem: stem / h, bow };
}
