import type { Rect } from '../../../schemas/field.js';
import type { TextItem } from './read-page-text.js';

/** How far (font sizes) the part before the split may run past its box's right edge. */
const EDGE_SLACK = 0.15;

/**
 * pdfjs joins text drawn close together on one line into one item, with a space between: values
 * printed in neighbouring boxes ("N.Y." in a state box, "12308" in the ZIP box right of it) come back
 * as one "N.Y. 12308". Splits an item at a space where what precedes ends inside the box the item
 * starts in and what follows starts and ends inside another box (itself split so, along the item). `boxAt` says which
 * box text starting at (x, baseline y) of a font size is typed in. Positions inside an item are not
 * known: they are estimated by character count.
 */
export function splitAtBoxes<B extends { rect: Rect }>(item: TextItem, boxAt: (x: number, y: number, size: number) => B | undefined): TextItem[] {
  const first = boxAt(item.x, item.y, item.size);
  if (!first) return [item];
  const right = first.rect[0] + first.rect[2];
  if (item.x + item.width <= right) return [item];
  const perChar = item.width / item.str.length;
  for (let i = item.str.indexOf(' '); i > 0; i = item.str.indexOf(' ', i + 1)) {
    const tailX = item.x + (i + 1) * perChar;
    const next = boxAt(tailX, item.y, item.size);
    if (!next || next === first || item.x + i * perChar > right + EDGE_SLACK * item.size) continue;
    const head = { ...item, str: item.str.slice(0, i).trimEnd(), width: i * perChar };
    const rest = splitAtBoxes({ ...item, str: item.str.slice(i + 1).trimStart(), x: tailX, width: item.width - (i + 1) * perChar }, boxAt);
    // Both sides end inside their boxes, or this is one long value run over a neighbour (ownerOf's case).
    const [tail] = rest;
    if (tail!.x + tail!.width <= next.rect[0] + next.rect[2] + EDGE_SLACK * item.size) return [head, ...rest];
  }
  return [item];
}
