import type { Rect } from '../../../schemas/field.js';
import type { PageRules } from '../align/read-page-rules.js';
import { ruledCell, type Cell } from '../place/ruled-cell.js';
import { addressGroups } from './address-groups.js';
import { groupTextLines } from './group-text-lines.js';
import type { TextItem } from './read-page-text.js';
import { readAddressBlock } from './read-address-block.js';

/** The template page's printed rules and visible area: what cells a page's boxes sit in. */
export type CellLayout = { rules: PageRules; view: Rect };

/** A box as the cell pass needs it: its template path (for address parts), caption and font size. */
export type CellBox = { name: string; rect: Rect; path?: string | null; label?: string; rowLabel?: string; fontSize?: number | null };

/** A run of text (one value's pieces on a line) and the box it was given to; none when it started in no box. */
export type PlacedRun = { items: TextItem[]; text: string; box: CellBox | undefined; guessed: boolean };

/** Typed values are at least this share of their box's font size: a form's captions are smaller print. */
const MIN_VALUE_SIZE = 0.8;
const DEFAULT_FONT_SIZE = 8;
/** How far (font sizes) a baseline may sit under its box and still be on its line (as the box reader allows). */
const BOTTOM_SLACK = 0.3;
/** Lines closer than this (font sizes) are one line. */
const SAME_LINE = 0.25;

/** "License #: 0G12345", "Cust ID: 42": a caption the printing software put before one value. */
const LABELLED = /^([A-Za-z][A-Za-z.'&/ -]*?)\s*(?:#|No\.?)?\s*:\s+(\S+)$/;

const words = (s: string) => new Set(s.toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w.length > 1));

/**
 * Text that names another box than `box`: a value printed with a caption of its own ("License #:
 * 0G12345") whose words are none of the box's caption's (a box without a caption has none). It
 * belongs to no box of the form.
 */
export function labelledOther(text: string, box: { label?: string }): boolean {
  const m = LABELLED.exec(text.trim());
  if (!m) return false;
  const own = words(box.label ?? '');
  return ![...words(m[1]!)].some((w) => own.has(w));
}

/**
 * Print that is the form's own, not a value: smaller than values are typed, or only words its cell
 * prints as its boxes' captions and questions (`printed`), or no word at all (a "$" or "%").
 */
function isCaption(run: PlacedRun, box: CellBox, printed: ReadonlySet<string>): boolean {
  const size = run.items[0]!.size;
  if (size < MIN_VALUE_SIZE * Math.min(box.fontSize || DEFAULT_FONT_SIZE, DEFAULT_FONT_SIZE)) return true;
  if (!/[a-z0-9]/i.test(run.text)) return true;
  const said = [...words(run.text)];
  return said.length > 0 && said.every((w) => printed.has(w));
}

/** Whether a piece starts within a box's width, its baseline between the box's bottom (less slack) and top. */
const onLineOf = ([x, y, w, h]: Rect, i: TextItem) => i.x >= x - 1 && i.x < x + w && i.y >= y - BOTTOM_SLACK * i.size && i.y <= y + h;

const centreIn = ([l, b, r, t]: Cell, [x, y, w, h]: Rect) => x + w / 2 > l && x + w / 2 < r && y + h / 2 > b && y + h / 2 < t;

const inCell = ([l, b, r, t]: Cell, item: TextItem) => item.x >= l - 1 && item.x < r && item.y >= b - BOTTOM_SLACK * item.size && item.y < t;

/**
 * Reads a printed page by its ruled cells where reading by box rectangles falls short (agency
 * systems print values where their own layout puts them, not in the form's boxes):
 * - a cell holding a whole address (src/read/text-layer/address-groups.ts) whose city, state and ZIP boxes
 *   did not each get a value is read as one block of lines and split by the address parser
 *   (read-address-block.ts): its runs leave the boxes they fell in, and `parsed` holds each part's text;
 * - a run that started in no box goes to the one empty box of its cell whose line it is on (printed
 *   high or left of its box, but inside its cell), unless it is the form's own caption or is
 *   captioned for something else; the next runs of its line in that cell join it.
 * `runs` is changed in place.
 */
export function placeByCell(runs: PlacedRun[], boxes: readonly CellBox[], labelled: readonly CellBox[], layout: CellLayout): Map<string, { raw: string; items: TextItem[]; complete: boolean }> {
  const cellOf = (rect: Rect) => ruledCell(layout.rules, layout.view, rect);
  const parsed = new Map<string, { raw: string; items: TextItem[]; complete: boolean }>();
  // The words a cell prints: its boxes' captions and questions (check boxes' words too, from `labelled`).
  const printedIn = (cell: Cell) =>
    new Set(labelled.filter((b) => centreIn(cell, b.rect)).flatMap((b) => [...words(`${b.label ?? ''} ${b.rowLabel ?? ''}`)]));
  for (const group of addressGroups(boxes, cellOf)) {
    const names = new Set(Object.values(group.parts));
    const street = boxes.find((b) => b.name === group.parts.lineOne)!;
    // Another box of the cell (a country code beside the ZIP) keeps what is printed on its line.
    const onOther = (i: TextItem) => boxes.some((b) => !names.has(b.name) && onLineOf(b.rect, i) && i.y >= b.rect[1]);
    const inGroup = runs.filter((r) => (r.box ? names.has(r.box.name) : inCell(group.cell, r.items[0]!)));
    const own = inGroup.filter((r) => !onOther(r.items[0]!) && !isCaption(r, r.box ?? street, printedIn(group.cell)));
    const filled = (part: 'city' | 'state' | 'zip') => own.some((r) => r.box?.name === group.parts[part]);
    if (!own.length || (filled('city') && filled('state') && filled('zip'))) continue;
    const items = own.flatMap((r) => r.items);
    const lines = groupTextLines(items, SAME_LINE).map((line) => line.map((i) => i.str.trim()).join(' ').replace(/\s+/g, ' '));
    const block = readAddressBlock(lines.filter((l) => !LABELLED.test(l)), Boolean(group.parts.name));
    if (!block) continue;
    const complete = Boolean(block.lineOne && block.city && block.state && block.zip && (block.name || !group.parts.name));
    for (const [part, name] of Object.entries(group.parts)) {
      const raw = block[part as keyof typeof block];
      if (raw) parsed.set(name, { raw, items, complete });
    }
    for (const r of own) runs.splice(runs.indexOf(r), 1);
    for (const r of inGroup) if (!own.includes(r)) r.box = undefined;
  }

  // A run the box reader gave to the box above by its slack (its baseline under that box's bottom) while
  // it is printed inside an empty box of the same cell below: printed high in that box, it is its value.
  // Bottom run first: in a stack of boxes printed high, each run's move empties the box the run above
  // needs (top to bottom, the second run would find the third box's run still in its own box).
  const held = new Map<string, number>();
  for (const r of runs) if (r.box) held.set(r.box.name, (held.get(r.box.name) ?? 0) + 1);
  for (const run of [...runs].sort((a, b) => a.items[0]!.y - b.items[0]!.y)) {
    const first = run.items[0]!;
    if (!run.box || first.y >= run.box.rect[1]) continue;
    const cell = cellOf(run.box.rect);
    const inside = boxes.find(({ name, rect: [x, y, w, h] }) => !held.get(name) && first.x >= x - 1 && first.x < x + w && first.y >= y && first.y <= y + h && inCell(cell, first));
    if (inside) {
      held.set(run.box.name, held.get(run.box.name)! - 1);
      held.set(inside.name, 1);
      run.box = inside;
    }
  }
  const taken = new Set([...parsed.keys(), ...runs.filter((r) => r.box).map((r) => r.box!.name)]);
  // Boxes given a run here, by that run's baseline: the next words of its line join it (a monospaced
  // font's word space is wider than the gap that joins runs).
  const claimed = new Map<string, number>();
  for (const run of runs) {
    if (run.box) continue;
    const first = run.items[0]!;
    const free = (b: CellBox) => !taken.has(b.name) || Math.abs((claimed.get(b.name) ?? -Infinity) - first.y) <= SAME_LINE * first.size;
    const onLine = boxes.filter((b) => free(b) && inCell(cellOf(b.rect), first) && first.y >= b.rect[1] - BOTTOM_SLACK * first.size && first.y <= b.rect[1] + b.rect[3]);
    // A baseline inside one box beats one in the slack under the box above it; a start within a box's
    // width beats one beside it (boxes side by side in one cell).
    const within = onLine.filter((b) => first.y >= b.rect[1]);
    const under = within.filter(({ rect: [x, , w] }) => first.x >= x - 1 && first.x < x + w);
    const box = [under, within, onLine].find((c) => c.length === 1)?.[0];
    const joins = claimed.has(box?.name ?? '');
    if (!box || (!joins && isCaption(run, box, printedIn(cellOf(box.rect)))) || labelledOther(run.text, box)) continue;
    run.box = box;
    taken.add(box.name);
    if (!claimed.has(box.name)) claimed.set(box.name, first.y);
  }
  return parsed;
}
