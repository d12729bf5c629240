import type { Rect } from '../../../schemas/field.js';
import type { PageRules } from '../align/read-page-rules.js';
import type { TextItem } from '../text-layer/read-page-text.js';
import { ruledCell } from './ruled-cell.js';

/** What a blank or filled form page prints around its boxes: its text and its rules (short ones too). */
export type LabelPage = { items: readonly TextItem[]; rules: PageRules; view: Rect };

/**
 * `label`: the words that name the box (its cell's caption, a check box's words, or the header of
 * its table column). `row`: the words printed on the box's line left of its cell (the question a
 * Y/N box answers), empty where the line holds nothing else.
 */
export type CellLabel = { label: string; row: string };

/** Slack for boxes drawn a little over their cell's rules. */
const EDGE = 3;
/** A check box's words start this close to its right side. */
const CHECKBOX_GAP = 16;
/** Words of one label follow each other closer than this. */
const WORD_GAP = 10;
/** A caption sits at most this far above its box (three lines of small print). */
const CAPTION_REACH = 24;
/** A question's line may sit this far above the top of its (tall) answer box. */
const ROW_REACH = 10;
/** A column header sits at most this far above the box. */
const HEADER_REACH = 220;

const right = (i: TextItem) => i.x + i.width;
/** Where a line of text sits vertically: baselines hang 0.3 size below the middle of capitals. */
const middle = (i: TextItem) => i.y + 0.3 * i.size;
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0);

/** Items grouped into printed lines, top line first, each read left to right. */
function toLines(items: readonly TextItem[]): TextItem[][] {
  const lines: TextItem[][] = [];
  for (const i of [...items].sort((a, b) => middle(b) - middle(a))) {
    const line = lines.find((l) => Math.abs(middle(l[0]!) - middle(i)) < 0.5 * i.size);
    if (line) line.push(i);
    else lines.push([i]);
  }
  return lines.map((l) => l.sort((a, b) => a.x - b.x));
}

/** Joins items in reading order; a word broken by a hyphen at a line end ("VALU-", "ATION") is mended. */
function join(items: readonly TextItem[]): string {
  return toLines(items)
    .map((l) => l.map((i) => i.str.trim()).join(' '))
    .join(' ')
    .replace(/(\w)- (\w)/g, '$1$2')
    // Letter-spaced headings ("P R O P E R T Y") are one word.
    .replace(/\b[A-Z](?: [A-Z]\b){2,}/g, (m) => m.replace(/ /g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether another box stands on the line between a word and the box it would name. */
const blocked = (i: TextItem, from: number, to: number, others: readonly Rect[]) =>
  others.some(([ox, oy, ow, oh]) => ox >= from - 1 && ox + ow <= to + 1 && oy <= middle(i) && middle(i) <= oy + oh);

/** The run of words on the box's line that starts at `from` and reads on rightwards until a gap or a box. */
function runRightOf(items: readonly TextItem[], from: number, [, y, , h]: Rect, others: readonly Rect[]): TextItem[] {
  const onLine = items
    .filter((i) => middle(i) >= y - 2 && middle(i) <= y + h + 2 && i.x >= from - 2 && !blocked(i, from, i.x, others))
    .sort((a, b) => a.x - b.x);
  const run: TextItem[] = [];
  for (const i of onLine) {
    if (i.x > (run.length ? right(run.at(-1)!) + WORD_GAP : from + CHECKBOX_GAP)) break;
    run.push(i);
  }
  return run;
}

/**
 * The words on the box's line that end before `to`: the nearest piece and those running on leftwards
 * from it without a gap, never past another box. Pieces without a letter ("$") name nothing.
 */
function runLeftOf(items: readonly TextItem[], to: number, [, y, , h]: Rect, others: readonly Rect[]): TextItem[] {
  const onLine = items
    .filter((i) => middle(i) >= y - 1 && middle(i) <= y + h + 1 && right(i) <= to + 2 && /[a-z0-9]/i.test(i.str) && !blocked(i, right(i), to, others))
    .sort((a, b) => right(b) - right(a));
  const run: TextItem[] = [];
  for (const i of onLine) {
    if (run.length && right(i) < run.at(-1)!.x - WORD_GAP) break;
    run.push(i);
  }
  return run;
}

/** Per line, the run of words from its first one rightwards without a gap: a cell's caption, not its neighbours'. */
function leadingRuns(items: readonly TextItem[]): TextItem[] {
  return toLines(items).flatMap((line) => {
    const run: TextItem[] = [];
    for (const i of line) {
      if (run.length && i.x > right(run.at(-1)!) + WORD_GAP) break;
      run.push(i);
    }
    return run;
  });
}

/** The words printed in the cell above the box (overlapping its width) or on its line to its left. */
function caption(items: readonly TextItem[], cell: readonly number[], rect: Rect, others: readonly Rect[]): TextItem[] {
  const [x, y, w, h] = rect;
  const [l, b, r, t] = cell as [number, number, number, number];
  const inCell = items.filter((i) => i.x >= l - 1 && i.x < r && middle(i) >= b && middle(i) <= t + 1);
  const left = runLeftOf(inCell, x, rect, others);
  if (left.length) return left;
  return leadingRuns(inCell.filter((i) => middle(i) > y + h - 2 && middle(i) < y + h + CAPTION_REACH && overlap(i.x, right(i), x - EDGE, x + w) > 0));
}

/**
 * The header of the box's table column: the first printed words above its cell within the column,
 * right above it, or further up where the column's side rules run on up to them (rows of a table,
 * not a lone box under another cell).
 */
function columnHeader(items: readonly TextItem[], rules: PageRules, view: Rect, cell: readonly number[]): TextItem[] {
  const [l, , r, t] = cell as [number, number, number, number];
  const inColumn = items.filter((i) => middle(i) > t && middle(i) < t + HEADER_REACH && overlap(i.x, right(i), l, r) >= 0.5 * Math.min(i.width, r - l));
  if (!inColumn.length) return [];
  const nearest = inColumn.reduce((a, b) => (middle(a) < middle(b) ? a : b));
  const reach = middle(nearest) - nearest.size;
  const sideRuns = (x: number) => x <= view[0] + 1 || x >= view[0] + view[2] - 1 || rules.v.some(([vx, y0, y1]) => Math.abs(vx - x) <= 1.5 && y0 <= t + 1 && y1 >= reach);
  if (reach > t + CAPTION_REACH && !(sideRuns(l) && sideRuns(r))) return [];
  // The header is the band between the rules around the nearest words.
  const cx = (l + r) / 2;
  const above = rules.h.filter(([hy, x0, x1]) => hy > middle(nearest) && x0 - 1 <= cx && cx <= x1 + 1).map(([hy]) => hy);
  const top = above.length ? Math.min(...above) : middle(nearest) + 2 * nearest.size;
  return inColumn.filter((i) => middle(i) <= top);
}

/**
 * The words printed left of the box on its top line within its cell (a tall box's question may sit
 * just above it):
 * the question a Y/N box answers, the coverage a premium box is for.
 */
function rowText(items: readonly TextItem[], rect: Rect, cellTop: number, others: readonly Rect[], caption: readonly TextItem[]): TextItem[] {
  const [x, y, , h] = rect;
  const top = Math.min(y + h + ROW_REACH, cellTop + 1);
  const left = items.filter((i) => !caption.includes(i) && middle(i) >= y - 1 && middle(i) <= top && right(i) <= x + 2);
  const lines = toLines(left);
  const runOf = (line: TextItem[], boxes: readonly Rect[]) => runLeftOf(line, x, [x, middle(line[0]!) - 1, 0, 2], boxes);
  // The highest line whose words reach the box; failing that, an answer box after a write-in box on its
  // question's line ("NAME OF TRUST: ____ Y/N") still answers that question.
  return lines.map((l) => runOf(l, others)).find((run) => run.length) ?? (lines.length ? runOf(lines[0]!, []) : []);
}

/**
 * Where a box sits, in the form's own words: used the same way on the blank forms templates are
 * derived from and on filled copies whose field names no template knows, so the two can be matched.
 */
export function cellLabel(page: LabelPage, box: { rect: Rect; kind: 'text' | 'checkbox' }, others: readonly Rect[]): CellLabel {
  const { items, rules, view } = page;
  const { rect } = box;
  const [x, , w] = rect;
  if (box.kind === 'checkbox') {
    const words = runRightOf(items, x + w, rect, others);
    return { label: join(words.length ? words : runLeftOf(items, x, rect, others).slice(-4)), row: '' };
  }
  const cell = ruledCell(rules, view, rect);
  const own = caption(items, cell, rect, others);
  const label = join(own.length ? own : columnHeader(items, rules, view, cell));
  const row = join(rowText(items, rect, cell[3], others, own));
  // A lone box named only by the words on its line (a Y/N answer box) is labelled by them.
  return label ? { label, row } : { label: row, row: '' };
}
