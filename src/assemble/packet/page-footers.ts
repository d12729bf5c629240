import type { PDFDocument } from 'pdf-lib';
import { drawText } from './draw-text.js';
import { FOOTER_Y, MARGIN, MUTED, PAGE_WIDTH, type PacketFonts } from './page-flow.js';
import { winAnsiText } from './winansi-text.js';

/**
 * "Page n of N" and the insured's name at the foot of every page: the packet's own pages in their
 * footer band; an original's pages at the very bottom edge of what a viewer shows (its crop box), small,
 * below where forms print. A rotated original page is left unmarked rather than marked sideways.
 */
export function stampFooters(doc: PDFDocument, fonts: PacketFonts, insured: string, ownPages: number): void {
  const pages = doc.getPages();
  const name = winAnsiText(insured, fonts.regular);
  pages.forEach((page, i) => {
    const label = `Page ${i + 1} of ${pages.length}`;
    if (i < ownPages) {
      const size = 8;
      const width = fonts.regular.widthOfTextAtSize(label, size);
      const room = PAGE_WIDTH - 2 * MARGIN - width - 20;
      let keep = name.length;
      while (keep > 0 && fonts.regular.widthOfTextAtSize(`${name.slice(0, keep)}...`, size) > room) keep--;
      const shown = keep < name.length ? `${name.slice(0, keep)}...` : name;
      drawText(page, shown, { x: MARGIN, y: FOOTER_Y, size, font: fonts.regular, color: MUTED });
      drawText(page, label, { x: PAGE_WIDTH - MARGIN - width, y: FOOTER_Y, size, font: fonts.regular, color: MUTED });
      return;
    }
    if (page.getRotation().angle % 360 !== 0) return;
    const box = page.getCropBox();
    const text = `${name} - ${label}`;
    const size = 6.5;
    const width = fonts.regular.widthOfTextAtSize(text, size);
    drawText(page, text, { x: box.x + box.width - width - 12, y: box.y + 4, size, font: fonts.regular, color: MUTED });
  });
}
