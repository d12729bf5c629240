import type { Rect } from '../../../schemas/field.js';
import { parseFooter } from '../identify/read-footers.js';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';

/** Below the baseline for descenders and the parentheses; above it up to their tops, with a little air. */
const DESCENT = 0.25;
const HEIGHT = 1.2;

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Where the page prints its "ACORD NNN (YYYY/MM)" footer, [x, y, w, h] in points (origin bottom-left),
 * or null: the region OCR reads to tell which form, page and edition a scan is.
 */
export async function readFooterRect(doc: PDFDocumentProxy, pageNumber: number): Promise<Rect | null> {
  const page = await doc.getPage(pageNumber);
  const bottom = (page.view[1] ?? 0) + 60;
  for (const item of (await page.getTextContent()).items) {
    if (!('str' in item) || item.transform[5] > bottom || !parseFooter(item.str)) continue;
    const [, , , size, x, baseline] = item.transform as number[];
    const h = item.height || size!;
    return [round1(x!), round1(baseline! - DESCENT * h), round1(item.width), round1(HEIGHT * h)];
  }
  return null;
}
