import type { Rect } from '../../../schemas/field.js';
import { formWithTemplates, parseFooter, parsePageNumber, type Footer } from '../identify/read-footers.js';
import type { GrayImage } from '../raster/gray-image.js';
import { cropThroughTransform } from '../raster/crop-through-transform.js';
import { uprightTransform, type PageTransform } from '../raster/page-transform.js';
import { footerLine } from './footer-line.js';
import type { Ocr } from './ocr-engine.js';

/** Footer text is ~10 pt bold: 4 px/pt (288 dpi) puts its x-height near 24 px. */
const FOOTER_PX_PER_PT = 4;
/** Where ACORD prints "Page N of M", as fractions of the page's width (it starts at 284 pt of 612). */
const PAGE_NUMBER_X = [0.38, 0.62] as const;
/** Margin around a template footerRect, for what alignment leaves of shift and rotation. */
const FOOTER_MARGIN_PT = 6;
/**
 * Where to look on a page of unknown form and alignment, as fractions of the page [x0, y0, x1, y1]
 * from its bottom-left: ACORD prints "ACORD 125 (2016/03)" at the bottom left, ~40 pt up, and "Page N
 * of M" on the same line mid-page. The first strip is low and takes both; the taller one allows for
 * shifted or shrunk scans.
 */
const STRIPS: [number, number, number, number][] = [
  [0, 0.02, 0.6, 0.085],
  [0, 0, 0.45, 0.13],
];

/**
 * Where to look for a page's footer without its alignment: `line`, only the form number's line found by
 * its ink (footerLine), cheap; `strips`, only the strips of the page's bottom-left (the line was tried);
 * `everywhere`, the line, then the strips.
 */
export type FooterSearch = 'line' | 'strips' | 'everywhere';

/**
 * The form and edition of a page image from OCR of its printed footer: for scanned pages whose form
 * is not known yet. With the page's transform and the template's footerRect, just that rect is read;
 * without, the form number's line, then strips of the bottom-left of the page, tight first, are read
 * (as `search` says) until one names a form we have templates for; a form without (a 160) is returned
 * only when no region reads another.
 */
export async function readFooterFromImage(image: GrayImage, transform: PageTransform | undefined, pool: Ocr, footerRect?: Rect, search: FooterSearch = 'everywhere'): Promise<Footer | null> {
  const pageWidthPt = (image.width / image.dpi) * 72;
  const pageHeightPt = (image.height / image.dpi) * 72;
  const regions: { t: PageTransform; rect: Rect; psm: 'line' | 'block' }[] =
    transform && footerRect
      ? [{ t: transform, rect: [footerRect[0] - FOOTER_MARGIN_PT, footerRect[1] - FOOTER_MARGIN_PT, footerRect[2] + 2 * FOOTER_MARGIN_PT, footerRect[3] + 2 * FOOTER_MARGIN_PT], psm: 'block' }]
      : [];
  // A page of unknown alignment is read as if upright: the strips are generous enough for a few degrees.
  const upright = uprightTransform(pageHeightPt, image.dpi);
  const line = transform || search === 'strips' ? null : footerLine(image);
  if (line) regions.push({ t: line.transform, rect: line.rect, psm: 'line' });
  if (search !== 'line') for (const [x0, y0, x1, y1] of STRIPS) regions.push({ t: upright, rect: [x0 * pageWidthPt, y0 * pageHeightPt, (x1 - x0) * pageWidthPt, (y1 - y0) * pageHeightPt], psm: 'block' });
  let withoutTemplates: Footer | null = null;
  // "Page N of M" read by a strip whose form number came out garbled: the footer's own line, read already.
  let pageSeen: number | undefined;
  const px = Math.max(FOOTER_PX_PER_PT, image.dpi / 72);
  /** "Page 2 of 4" is printed on the footer's line, mid-page: it says which page of the form this is. */
  const readPageNumber = (t: PageTransform, [, y, , h]: Rect) =>
    pool.recognize(cropThroughTransform(image, t, [PAGE_NUMBER_X[0] * pageWidthPt, y, (PAGE_NUMBER_X[1] - PAGE_NUMBER_X[0]) * pageWidthPt, h], px), { psm: 'block', urgent: true });
  for (const { t, rect, psm } of regions) {
    // The form number's line never reaches mid-page: its page number is read alongside it, not after.
    const alongside = psm === 'line' ? readPageNumber(t, rect) : undefined;
    alongside?.catch(() => undefined); // unused when the line reads no footer
    const text = repairFooterText((await pool.recognize(cropThroughTransform(image, t, rect, px), { psm, urgent: true })).text);
    pageSeen ??= parsePageNumber(text);
    const found = parseFooter(text);
    if (!found) continue;
    // An OCR slip can turn "125" into a number no template has ("128"): another strip may read it right.
    if (!formWithTemplates(found)) {
      withoutTemplates ??= found;
      continue;
    }
    if (found.page !== undefined) return found;
    if (pageSeen !== undefined && !alongside) return { ...found, page: pageSeen };
    const pageText = await (alongside ?? readPageNumber(t, rect));
    const page = parsePageNumber(pageText.text.replace(/[Il|]/g, '1').replace(/[Oo](?=\s*$)/, '0'));
    return page === undefined ? { ...found, ...(pageSeen !== undefined ? { page: pageSeen } : {}) } : { ...found, page };
  }
  return withoutTemplates;
}

/** OCR's usual slips inside "ACORD 125 (2016/03)": O for 0 and l/I for 1 in the numbers, spaces in them. */
function repairFooterText(text: string): string {
  return text.replace(/AC[O0]RD\s*([\dOoIl|]{3,4})\s*[(\[{]\s*([\dOoIl|\s]{4,6})\s*[/]\s*([\dOoIl|\s]{2,3})\s*[)\]}]/g, (_, form: string, year: string, month: string) => {
    const digits = (s: string) => s.replace(/\s/g, '').replace(/[Oo]/g, '0').replace(/[Il|]/g, '1');
    return `ACORD ${digits(form)} (${digits(year)}/${digits(month)})`;
  });
}
