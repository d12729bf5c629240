import { groupTextLines } from '../text-layer/group-text-lines.js';
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
  return groupTextLines(items, SAME_LINE).map((row) => {
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
