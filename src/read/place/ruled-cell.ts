import type { Rect } from '../../../schemas/field.js';
import type { PageRules } from '../align/read-page-rules.js';

/** Slack for boxes drawn a little over their cell's rules. */
const EDGE = 3;

/** A ruled cell as [left, bottom, right, top] in page points. */
export type Cell = [number, number, number, number];

/**
 * The cell a box sits in: the nearest printed rules on each side that cross its middle (the page's
 * edge where none does). How a form groups its boxes: a value typed beside its box is still in it.
 */
export function ruledCell(rules: PageRules, view: Rect, [x, y, w, h]: Rect): Cell {
  const [cx, cy] = [x + w / 2, y + h / 2];
  const [ex, ey] = [Math.min(EDGE, w / 3), Math.min(EDGE, h / 3)];
  const across = (from: number, to: number, at: number) => from - 1 <= at && at <= to + 1;
  const vs = rules.v.filter(([, y0, y1]) => across(y0, y1, cy)).map(([vx]) => vx);
  const hs = rules.h.filter(([, x0, x1]) => across(x0, x1, cx)).map(([hy]) => hy);
  return [
    Math.max(view[0], ...vs.filter((vx) => vx <= x + ex)),
    Math.max(view[1], ...hs.filter((hy) => hy <= y + ey)),
    Math.min(view[0] + view[2], ...vs.filter((vx) => vx >= x + w - ex)),
    Math.min(view[1] + view[3], ...hs.filter((hy) => hy >= y + h - ey)),
  ];
}
