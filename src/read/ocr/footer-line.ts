import type { Rect } from '../../../schemas/field.js';
import type { GrayImage } from '../raster/gray-image.js';
import type { PageTransform } from '../raster/page-transform.js';
import { estimateSkew } from '../align/estimate-skew.js';

/**
 * Where to look, as fractions of the page's width and height from its bottom-left: the footer strips'
 * height, and the width of "ACORD 125 (2016/03)" (4–22 %) with room to spare; the centred line below it
 * on some pages ("The ACORD name and logo …") starts at 31 %.
 */
const SEARCH = { right: 0.3, top: 0.13 };
/** A footer line starts this near the page's left edge. */
const LEFT_START = 0.12;
/** Darker than this is ink. */
const INK = 140;
/** A row inked across more than this share of the search width is a printed rule, not text. */
const RULE_SHARE = 0.4;
/** Text lines of 6 to 14 pt: ink rows this tall, in points. */
const MIN_LINE_PT = 3;
const MAX_LINE_PT = 16;
/** Dark pixels (of every other column) at the left a footer line has at least: specks have fewer. */
const MIN_LEFT_INK = 10;
/** Around the line's ink, in points: room for what its lowest and highest rows missed. */
const MARGIN_PT = 3;

/** The form number's line: `rect` in points on the page sheared by `transform` (the scan's skew undone). */
export type FooterLine = { rect: Rect; transform: PageTransform };

/**
 * Where the page's form number is printed — "ACORD 125 (2016/03)" — found by its ink: the lowest line of
 * text at the bottom-left of the page that starts near its left edge. The rows' ink is counted along the
 * slope that makes it sharpest (estimateSkew, as page alignment finds it: a degree moves a line by 13 px across the search at
 * 300 dpi, enough to merge it with the box rule above). Reading that one line instead of a strip of the
 * page's bottom costs a fraction of the OCR, and the values and labels printed just above it can no
 * longer garble it. Null when no such line is seen: the caller falls back to the strips.
 */
export function footerLine(image: GrayImage): FooterLine | null {
  const { width, height, data, dpi } = image;
  const pxPerPt = dpi / 72;
  const right = Math.round(width * SEARCH.right);
  const leftEnd = Math.round(width * LEFT_START);
  const top = Math.round(height * (1 - SEARCH.top));
  // The skew by the projection profile page alignment uses, of this corner's own ink.
  const rows = height - top;
  const mask = new Uint8Array(right * rows);
  for (let y = 0; y < rows; y++) for (let x = 0, row = (top + y) * width; x < right; x++) mask[y * right + x] = data[row + x]! < INK ? 1 : 0;
  const slope = Math.tan((estimateSkew({ width: right, height: rows, factor: 1, data: mask }) * Math.PI) / 180);
  // Every other column: a glyph's stroke is 3+ px wide at 200 dpi.
  const reach = Math.ceil(right * Math.abs(slope)) + 1;
  const ink = new Float64Array(rows + 2 * reach);
  const leftInk = new Float64Array(ink.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < right; x += 2) {
      if (!mask[y * right + x]) continue;
      const r = y - Math.round(x * slope) + reach;
      ink[r]!++;
      if (x < leftEnd) leftInk[r]!++;
    }
  }
  const ruleInk = (right / 2) * RULE_SHARE;
  const isText = (r: number) => ink[r]! >= 2 && ink[r]! < ruleInk;
  // Lines of text from the bottom up: runs of text rows, a one-row gap allowed inside.
  for (let end = ink.length - 1; end >= 0; ) {
    while (end >= 0 && !isText(end)) end--;
    if (end < 0) break;
    let start = end;
    while (start > 0 && (isText(start - 1) || (start > 1 && isText(start - 2)))) start--;
    let left = 0;
    for (let r = start; r <= end; r++) left += leftInk[r]!;
    const tall = (end - start + 1) / pxPerPt;
    if (tall >= MIN_LINE_PT && tall <= MAX_LINE_PT && left >= MIN_LEFT_INK) {
      const s = pxPerPt;
      // The upright page's points to image pixels, sheared by the skew: a point x pixels in sits x·slope rows lower.
      const transform: PageTransform = { a: s, b: s * slope, c: 0, d: -s, e: 0, f: height };
      const bottomPt = (height - (top + end + 1 - reach)) / s;
      return { rect: [0, Math.max(0, bottomPt - MARGIN_PT), right / s, tall + 2 * MARGIN_PT], transform };
    }
    end = start - 1;
  }
  return null;
}
