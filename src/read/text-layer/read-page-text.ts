import type { Rect } from '../../../schemas/field.js';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { readPageMarks } from './read-page-marks.js';

/** One horizontal piece of printed text, in page points: (x, y) is where its baseline starts. */
export type TextItem = { str: string; x: number; y: number; width: number; size: number };

/** What a printed (flattened) page shows that can carry form values. */
export type PageText = {
  page: number;
  /** The page's visible area in user space, [x, y, w, h]. */
  view: Rect;
  items: TextItem[];
  /** Boxes of small slanted or curved drawings: check marks drawn as lines, not text. */
  marks: Rect[];
};

/** Text turned further than this from upright (sine of the angle) is artwork, not a typed value. */
const MAX_SKEW = 0.02;

/**
 * Reads a page's text items with their positions (pdfjs getTextContent) and its drawn check marks.
 * Blank items and rotated text are left out: values in a box are typed upright.
 */
export async function readPageText(doc: PDFDocumentProxy, pageNumber: number): Promise<PageText> {
  const page = await doc.getPage(pageNumber);
  const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b, c, d, e, f] = item.transform as number[];
    const size = Math.hypot(c!, d!);
    if (size === 0 || a! <= 0 || Math.abs(b!) > MAX_SKEW * size || Math.abs(c!) > MAX_SKEW * size) continue;
    items.push({ str: item.str, x: e!, y: f!, width: item.width, size });
  }
  const marks = await readPageMarks(page);
  page.cleanup();
  return { page: pageNumber, view: [vx0, vy0, vx1 - vx0, vy1 - vy0], items, marks };
}
