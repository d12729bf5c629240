import type { TextItem } from './read-page-text.js';

/**
 * Pieces of text grouped into lines, top to bottom, each left to right: a piece joins the line above when
 * their baselines are within `sameLine` times the larger font size.
 */
export function groupTextLines(items: readonly TextItem[], sameLine: number): TextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const out: TextItem[][] = [];
  for (const item of sorted) {
    const line = out.at(-1);
    if (line && Math.abs(line[0]!.y - item.y) <= sameLine * Math.max(item.size, line[0]!.size)) line.push(item);
    else out.push([item]);
  }
  for (const line of out) line.sort((a, b) => a.x - b.x);
  return out;
}
