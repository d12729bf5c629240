import type { OcrWord, OcrWordBox } from '../ocr/ocr-engine.js';
import type { GrayImage } from '../raster/gray-image.js';
import type { TextItem } from '../text-layer/read-page-text.js';

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
};

/** Lines shorter than this (in pixels) say little about the page's tilt. */
const MIN_TILT_LINE_PX = 100;
/** A loss run's titles are at most this much taller than its claims' text. */
const MAX_SIZE_OVER_MEDIAN = 1.8;

/**
 * Words OCR'd from a whole page image (with `wordBoxes`) as the text items a PDF's text layer gives: in
 * points, y the baseline from the page's foot, size about the font size, so a scanned page's lines and
 * columns are found as a printed page's are. A scan is often turned a degree or two: each word's baseline
 * is taken from its OCR line and the page's tilt (the median slope of its long lines) taken out, so
 * that the cells of one table row, read as separate lines, still share a baseline and a column its left edge.
 */
export function ocrTextItems(words: readonly OcrWord[], image: Pick<GrayImage, 'width' | 'height' | 'dpi'>): TextItem[] {
  const boxed = words.filter((w) => w.box && w.text.trim() !== '');
  const slope = median(
    boxed.flatMap(({ box }) => {
      const b = box!.line.baseline;
      return b.x1 - b.x0 >= MIN_TILT_LINE_PX ? [(b.y1 - b.y0) / (b.x1 - b.x0)] : [];
    }),
  );
  // A tilted line's box is taller than its letters by the rise of its baseline.
  const heightOf = ({ line }: OcrWordBox) => line.y1 - line.y0 - Math.abs(line.baseline.y1 - line.baseline.y0);
  // A speck OCR'd into a line makes it look tall, and a tall line's words would merge across columns.
  const tallest = MAX_SIZE_OVER_MEDIAN * median(boxed.map((w) => heightOf(w.box!)));
  const pt = 72 / image.dpi;
  return boxed.map(({ text, box }) => {
    const { x0, x1, line } = box!;
    const b = line.baseline;
    const middle = (x0 + x1) / 2;
    const baseline = b.x1 > b.x0 ? b.y0 + ((b.y1 - b.y0) * (middle - b.x0)) / (b.x1 - b.x0) : box!.y1;
    // Turned back about the page's centre (small angle): a column's left edge is upright again too.
    const level = baseline - slope * (middle - image.width / 2);
    const left = x0 + slope * (baseline - image.height / 2);
    return { str: text.trim(), x: left * pt, y: (image.height - level) * pt, width: (x1 - x0) * pt, size: Math.min(heightOf(box!), tallest) * pt };
  });
}
