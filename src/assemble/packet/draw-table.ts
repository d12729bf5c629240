import { drawText } from './draw-text.js';
import { INK, MARGIN, PAGE_HEIGHT, RULE, SHADE, type PageFlow } from './page-flow.js';
import { wrapText } from './wrap-text.js';

/** `weight`: the column's share of the table width; `align: 'right'` for amounts. */
type Column = { header: string; weight: number; align?: 'left' | 'right' };

const PAD = 3;

/**
 * A table across the flow's width: every cell wrapped to its column, rows shaded alternately, and the
 * header row repeated at the top of each page the table runs onto. A row taller than what is left of
 * the page moves to the next one; one taller than a whole page is split across pages (a long remark never
 * runs off the page).
 */
export function drawTable(flow: PageFlow, columns: readonly Column[], rows: readonly (readonly string[])[], size = 8): void {
  const { regular, bold } = flow.fonts;
  const total = columns.reduce((n, c) => n + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * flow.width);
  const xs = widths.map((_, i) => flow.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const lineHeight = size + 2;
  const headerLines = columns.map((c, i) => wrapText(c.header, bold, size, widths[i]! - 2 * PAD));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * PAD;

  const drawHeader = () => {
    flow.page.drawRectangle({ x: flow.left, y: flow.y - headerHeight, width: flow.width, height: headerHeight, color: SHADE });
    headerLines.forEach((lines, i) => drawCell(lines, i, flow.y, true));
    flow.y -= headerHeight;
    flow.page.drawLine({ start: { x: flow.left, y: flow.y }, end: { x: flow.left + flow.width, y: flow.y }, thickness: 0.8, color: INK });
  };
  const drawCell = (lines: readonly string[], i: number, top: number, header = false) => {
    const font = header ? bold : regular;
    lines.forEach((line, k) => {
      const width = font.widthOfTextAtSize(line, size);
      const x = columns[i]!.align === 'right' ? xs[i]! + widths[i]! - PAD - width : xs[i]! + PAD;
      drawText(flow.page, line, { x, y: top - PAD - size - k * lineHeight + 1.5, size, font, color: INK });
    });
  };

  const fullPage = Math.floor((PAGE_HEIGHT - MARGIN - flow.bottom - headerHeight - 2 * PAD) / lineHeight);
  flow.ensure(headerHeight + lineHeight + 2 * PAD);
  drawHeader();
  rows.forEach((row, r) => {
    const cells = columns.map((_, i) => wrapText(row[i] ?? '', regular, size, widths[i]! - 2 * PAD));
    const height = Math.max(...cells.map((l) => l.length));
    for (let from = 0; from < height; ) {
      let fit = Math.floor((flow.y - flow.bottom - 2 * PAD) / lineHeight);
      // A row moves whole to the next page when it fits there; only a row taller than a page is split.
      if (fit < height - from && (height - from <= fullPage || fit < 2)) {
        flow.newPage();
        drawHeader();
        fit = Math.floor((flow.y - flow.bottom - 2 * PAD) / lineHeight);
      }
      const count = Math.min(fit, height - from);
      const rowHeight = count * lineHeight + 2 * PAD;
      if (r % 2 === 1) flow.page.drawRectangle({ x: flow.left, y: flow.y - rowHeight, width: flow.width, height: rowHeight, color: SHADE, opacity: 0.5 });
      cells.forEach((lines, i) => drawCell(lines.slice(from, from + count), i, flow.y));
      flow.y -= rowHeight;
      flow.page.drawLine({ start: { x: flow.left, y: flow.y }, end: { x: flow.left + flow.width, y: flow.y }, thickness: 0.4, color: RULE });
      from += count;
    }
  });
  flow.y -= 10;
}
