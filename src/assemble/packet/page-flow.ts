import { rgb, type PDFDocument, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import { drawText } from './draw-text.js';
import { wrapText } from './wrap-text.js';

/** US Letter, the size of the ACORD forms the packet is bound with. */
export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;
export const MARGIN = 50;
/** The band under the bottom margin where page-footers.ts prints "Page n of N". */
export const FOOTER_Y = 28;

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.4, 0.4, 0.45);
export const RULE = rgb(0.75, 0.75, 0.78);
export const SHADE = rgb(0.93, 0.94, 0.96);
export const RED = rgb(0.8, 0.1, 0.1);
export const GREEN = rgb(0.1, 0.5, 0.2);
export const AMBER = rgb(0.75, 0.45, 0.0);

export type PacketFonts = { regular: PDFFont; bold: PDFFont; mono: PDFFont };
type TextStyle = { size?: number; font?: PDFFont; color?: RGB; indent?: number; lineGap?: number };

/**
 * Writes the packet's own pages top to bottom: text, headings and images flow down the page and onto a
 * new one when the page is full, so no section needs to know where it starts.
 */
export class PageFlow {
  page!: PDFPage;
  y = 0;
  readonly left = MARGIN;
  readonly width = PAGE_WIDTH - 2 * MARGIN;
  readonly bottom = MARGIN;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PacketFonts,
  ) {}

  newPage(): PDFPage {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
    return this.page;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A section title (level 1, with a rule under it) or a sub-heading, kept with at least `keep` points of what follows. */
  heading(text: string, level: 1 | 2 = 1, keep = 40): void {
    const size = level === 1 ? 16 : 11.5;
    this.ensure(size + 10 + keep);
    if (level === 2) this.space(6);
    for (const line of wrapText(text, this.fonts.bold, size, this.width)) {
      this.y -= size;
      drawText(this.page, line, { x: this.left, y: this.y, size, font: this.fonts.bold, color: INK });
      this.y -= 3;
    }
    if (level === 1) {
      this.page.drawLine({ start: { x: this.left, y: this.y - 2 }, end: { x: this.left + this.width, y: this.y - 2 }, thickness: 1, color: RULE });
      this.y -= 12;
    } else this.y -= 4;
  }

  /** Wrapped text, breaking onto a new page between lines. */
  text(text: string, style: TextStyle = {}): void {
    const { size = 9.5, font = this.fonts.regular, color = INK, indent = 0, lineGap = 2.5 } = style;
    for (const line of wrapText(text, font, size, this.width - indent)) {
      this.ensure(size + lineGap);
      this.y -= size;
      drawText(this.page, line, { x: this.left + indent, y: this.y, size, font, color });
      this.y -= lineGap;
    }
  }

  /** Label / value rows, the value wrapped in its own column. */
  fields(rows: readonly (readonly [string, string])[], labelWidth = 150, size = 9.5): void {
    const lineHeight = size + 2.5;
    for (const [label, value] of rows) {
      const labels = wrapText(label, this.fonts.bold, size, labelWidth - 8);
      const values = wrapText(value, this.fonts.regular, size, this.width - labelWidth);
      this.ensure(Math.min(Math.max(labels.length, values.length), 4) * lineHeight);
      const top = this.y;
      labels.forEach((l, i) => drawText(this.page, l, { x: this.left, y: top - size - i * lineHeight, size, font: this.fonts.bold, color: MUTED }));
      let y = top;
      let broke = false;
      for (const v of values) {
        if (y - lineHeight < this.bottom) {
          this.newPage();
          y = this.y;
          broke = true;
        }
        drawText(this.page, v, { x: this.left + labelWidth, y: y - size, size, font: this.fonts.regular, color: INK });
        y -= lineHeight;
      }
      this.y = (broke ? y : Math.min(y, top - labels.length * lineHeight)) - 1.5;
    }
  }

  /** An image at its given size, on a new page when it does not fit; returns where it was drawn. */
  image(image: PDFImage, width: number, height: number, indent = 0): { page: PDFPage; x: number; y: number } {
    this.ensure(height);
    this.y -= height;
    const at = { page: this.page, x: this.left + indent, y: this.y };
    this.page.drawImage(image, { x: at.x, y: at.y, width, height });
    return at;
  }
}
