import type { TextItem } from '../text-layer/read-page-text.js';

/** Runs of text on one line with no wider gap between them than a couple of spaces: a table cell or a phrase. */
export type TextCell = { text: string; x: number; right: number };
export type TextLine = { page: number; y: number; cells: TextCell[]; text: string };

/** Items whose baselines are this close (in font sizes) share a line. */
const SAME_LINE = 0.4;
/** A gap wider than this (in font sizes) starts another cell. */
const CELL_GAP = 0.9;

/** The page's text as lines top to bottom, each split into cells at wide gaps. */
export function textLines(items: readonly TextItem[], page: number): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: TextItem[][] = [];
  for (const item of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - item.y) <= SAME_LINE * Math.max(item.size, row[0]!.size)) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const cells: TextCell[] = [];
    for (const item of row) {
      const last = cells.at(-1);
      const gap = last ? item.x - last.right : Infinity;
      if (last && gap <= CELL_GAP * item.size) {
        last.text += (gap > 0.15 * item.size && !last.text.endsWith(' ') && !item.str.startsWith(' ') ? ' ' : '') + item.str;
        last.right = item.x + item.width;
      } else cells.push({ text: item.str, x: item.x, right: item.x + item.width });
    }
    for (const c of cells) c.text = c.text.replace(/\s+/g, ' ').trim();
    return { page, y: row[0]!.y, cells, text: cells.map((c) => c.text).join('  ') };
  });
}
