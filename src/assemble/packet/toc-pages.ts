import { type PDFDocument, type PDFPage } from 'pdf-lib';
import { drawText } from './draw-text.js';
import type { PacketEntry } from './packet-context.js';
import { INK, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, RULE, type PacketFonts } from './page-flow.js';
import { wrapText } from './wrap-text.js';

const LINE = 17;
const TOP = PAGE_HEIGHT - MARGIN - 40;
export const TOC_LINES_PER_PAGE = Math.floor((TOP - MARGIN) / LINE);

/** Lines the contents will take: one per entry and child. */
export const tocLineCount = (entries: readonly PacketEntry[]): number => entries.reduce((n, e) => n + 1 + tocLineCount(e.children ?? []), 0);

/**
 * Fills the contents pages reserved after the cover: each entry with its packet page number, and a
 * link over the whole line to that page (a PDF reader follows it on click).
 */
export function drawToc(doc: PDFDocument, fonts: PacketFonts, pages: readonly PDFPage[], entries: readonly PacketEntry[]): void {
  const flat: { entry: PacketEntry; depth: number }[] = [];
  const walk = (list: readonly PacketEntry[], depth: number) => list.forEach((entry) => (flat.push({ entry, depth }), walk(entry.children ?? [], depth + 1)));
  walk(entries, 0);
  const all = doc.getPages();
  pages.forEach((page, p) => {
    drawText(page, p ? 'Contents (continued)' : 'Contents', { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 16, size: 16, font: fonts.bold, color: INK });
    page.drawLine({ start: { x: MARGIN, y: PAGE_HEIGHT - MARGIN - 21 }, end: { x: PAGE_WIDTH - MARGIN, y: PAGE_HEIGHT - MARGIN - 21 }, thickness: 1, color: RULE });
    flat.slice(p * TOC_LINES_PER_PAGE, (p + 1) * TOC_LINES_PER_PAGE).forEach(({ entry, depth }, i) => {
      const y = TOP - i * LINE;
      const font = depth ? fonts.regular : fonts.bold;
      const size = depth ? 10 : 11;
      const number = String(entry.page + 1);
      const numberWidth = fonts.regular.widthOfTextAtSize(number, size);
      const x = MARGIN + depth * 16;
      const title = wrapText(entry.title, font, size, PAGE_WIDTH - MARGIN - numberWidth - 24 - x)[0]!;
      drawText(page, title, { x, y, size, font, color: INK });
      drawText(page, number, { x: PAGE_WIDTH - MARGIN - numberWidth, y, size, font: fonts.regular, color: INK });
      const dotsFrom = x + font.widthOfTextAtSize(title, size) + 6;
      const dotsTo = PAGE_WIDTH - MARGIN - numberWidth - 6;
      if (dotsTo > dotsFrom) page.drawLine({ start: { x: dotsFrom, y: y + 1 }, end: { x: dotsTo, y: y + 1 }, thickness: 0.6, color: MUTED, dashArray: [0.6, 2.4] });
      const target = all[entry.page]!;
      const link = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [x, y - 4, PAGE_WIDTH - MARGIN, y + size], Border: [0, 0, 0], Dest: [target.ref, 'Fit'] });
      page.node.addAnnot(doc.context.register(link));
    });
  });
}
