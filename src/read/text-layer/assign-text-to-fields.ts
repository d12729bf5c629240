import { groupTextLines } from './group-text-lines.js';
import type { Rect } from '../../../schemas/field.js';
import type { PageTransform } from '../raster/page-transform.js';
import { normalizeText } from './align-text-layer.js';
import { labelledOther, placeByCell, type CellBox, type CellLayout, type PlacedRun } from './place-by-cell.js';
import type { PageText, TextItem } from './read-page-text.js';
import { splitAtBoxes } from './split-at-boxes.js';

/** A template widget on the page being read (path, caption and font size serve reading by cell). */
export type FieldBox = CellBox & { kind: 'text' | 'checkbox' };

/**
 * What one box shows. `items` are the text pieces it was read from (template space); `guessed` says
 * some text started outside the box and was given to it because it is centred or right aligned in
 * it (a value wider than its box), which is worth a lower confidence.
 */
export type FieldReading = { name: string; raw: string; items: TextItem[]; guessed: boolean };

/** A printed string of the blank form that sits where values are read: [text, x, y] in template points. */
export type PrintedString = [string, number, number];

/** How far (points) a printed label may sit from where the template says and still be recognised. */
const LABEL_TOLERANCE = 1.5;
/** Text may start this far (points) left of its box: producers pad less than Acrobat does. */
const START_SLACK = 1.5;
/**
 * A value's baseline lies inside its box, at least this much (in font sizes) below the top: labels
 * printed right above a box have their baseline at or over its top edge.
 */
const TOP_CLEARANCE = 0.3;
/** How far (font sizes) below the box's bottom a baseline may sit (descending lines of tight boxes). */
const BOTTOM_SLACK = 0.3;
/** Pieces of one line closer than this (font sizes) are one run: a word space is about 0.28. */
const JOIN_GAP = 0.4;
/**
 * Pieces starting in the same box (or both in none) this close (font sizes) are one run: a monospaced
 * font's word space (Courier's is 0.6) is wider than JOIN_GAP.
 */
const WORD_GAP = 0.7;
/** Pieces of one run may overlap this much (font sizes, kerning); more is text printed over text. */
const OVERLAP = 0.15;
/** A gap wider than this (font sizes) inside a run is a word break. */
const SPACE_GAP = 0.15;
/** Lines closer than this (font sizes) are one line. */
const SAME_LINE = 0.25;
/** Left-aligned text starts within this many points of its box's left edge (Acrobat pads 2). */
const LEFT_PAD = 4;
/** Right-aligned text ends within this many points of its box's right edge. */
const RIGHT_PAD = 4;
/** Centred text has its centre within this many points of its box's centre. */
const ALIGN_TOLERANCE = 2;
/** Check boxes are small: a mark or character counts when its centre is this close (points) to one. */
const CHECK_PAD = 1;
/** A drawn mark must cover this share of the box's smaller side (a stray dot is not a tick). */
const MIN_MARK = 0.3;

/** Some producers print an empty box glyph for an unchecked box; any other character in a box checks it. */
const EMPTY_BOX = /^[\s☐□▢❏❐❑❒]*$/u;

const inRect = ([rx, ry, rw, rh]: Rect, x: number, y: number, pad = 0) => x >= rx - pad && x <= rx + rw + pad && y >= ry - pad && y <= ry + rh + pad;

/** Maps a page item into template points through the inverse of `t` (no rotation: print-to-PDF scales and shifts). */
function toTemplate(item: TextItem, t: PageTransform): TextItem {
  return { str: item.str, x: (item.x - t.e) / t.a, y: (item.y - t.f) / t.d, width: item.width / t.a, size: item.size / t.d };
}

/** Drops the blank form's own strings; a label a producer ran together with a value loses its head. */
function withoutPrinted(items: TextItem[], printed: readonly PrintedString[]): TextItem[] {
  if (!printed.length) return items;
  const out: TextItem[] = [];
  for (const item of items) {
    const str = normalizeText(item.str);
    const label = printed.find(([s, x, y]) => Math.abs(item.x - x) <= LABEL_TOLERANCE && Math.abs(item.y - y) <= LABEL_TOLERANCE && (str === s || str.startsWith(`${s} `)));
    if (!label) out.push(item);
    else if (str !== label[0]) {
      const cut = label[0].length + 1;
      out.push({ ...item, str: str.slice(cut), x: item.x + (item.width * cut) / str.length, width: (item.width * (str.length - cut)) / str.length });
    }
  }
  return out;
}

const fitsVertically = ([, ry, , rh]: Rect, y: number, size: number) => y >= ry - BOTTOM_SLACK * size && y <= ry + rh - TOP_CLEARANCE * size;

/** The text box a piece starting at (x, baseline y) was typed in, by its start point. */
function startBox(boxes: readonly FieldBox[], x: number, y: number, size: number): FieldBox | undefined {
  let best: FieldBox | undefined;
  for (const b of boxes) {
    const [rx, , rw, rh] = b.rect;
    if (x < rx - START_SLACK || x >= rx + rw - SPACE_GAP * size) continue;
    if (!fitsVertically(b.rect, y, size)) continue;
    // Overlapping boxes: the smaller one is the more specific.
    if (!best || rw * rh < best.rect[2] * best.rect[3]) best = b;
  }
  return best;
}

/**
 * The box a run belongs to. A run that fits its start box, or starts at its left edge (typed left
 * aligned and running on past the right edge), is that box's. Otherwise it is centred or right
 * aligned in a box too narrow for it, and so started outside it: the box it is centred in, or ends
 * at the right edge of, claims it, as a guess.
 */
function ownerOf(boxes: readonly FieldBox[], run: TextItem, start: FieldBox | undefined): { box: FieldBox; guessed: boolean } | undefined {
  const end = run.x + run.width;
  if (start && (end <= start.rect[0] + start.rect[2] + SPACE_GAP * run.size || run.x <= start.rect[0] + LEFT_PAD)) return { box: start, guessed: false };
  const cx = run.x + run.width / 2;
  const aligned = boxes.find((b) => {
    if (b === start || !fitsVertically(b.rect, run.y, run.size)) return false;
    const [rx, , rw] = b.rect;
    return Math.abs(cx - (rx + rw / 2)) <= ALIGN_TOLERANCE || (end <= rx + rw && rx + rw - end <= RIGHT_PAD);
  });
  if (aligned) return { box: aligned, guessed: true };
  return start && { box: start, guessed: false };
}

/** Groups pieces into lines (top to bottom), each sorted left to right. */
const lines = (items: TextItem[]) => groupTextLines(items, SAME_LINE);

/** Joins pieces left to right, with a space where the gap between them is a word break. */
function joinLine(items: TextItem[]): string {
  let s = '';
  let end = -Infinity;
  for (const it of items) {
    if (s && it.x - end > SPACE_GAP * it.size && !/\s$/.test(s) && !/^\s/.test(it.str)) s += ' ';
    s += it.str;
    end = Math.max(end, it.x + it.width);
  }
  return s.trim();
}

type Run = { items: TextItem[]; box: FieldBox | undefined };

/**
 * Splits a line's pieces (left to right) into runs: a piece joins the run before it when it touches
 * it (a word gap, no overlap: text printed over text is another value) and starts in the same box,
 * between boxes, or after the run has already passed its box's right edge. So a long name that runs
 * on over the next box stays one run, and values in narrow neighbouring boxes stay apart.
 */
function runsOf(line: TextItem[], textBoxes: readonly FieldBox[]): Run[] {
  const runs: Run[] = [];
  let run: Run | undefined;
  for (const item of line) {
    const box = startBox(textBoxes, item.x, item.y, item.size);
    const last = run?.items.at(-1);
    const end = last ? last.x + last.width : 0;
    const gap = item.x - end;
    const near = last && gap >= -OVERLAP * item.size && Math.abs(item.size - last.size) <= 0.2 * last.size;
    const touches = near && gap <= JOIN_GAP * item.size;
    const overflowed = run?.box && end > run.box.rect[0] + run.box.rect[2];
    if (run && ((touches && (box === run.box || !box || overflowed)) || (near && box === run.box && gap <= WORD_GAP * item.size))) run.items.push(item);
    else runs.push((run = { items: [item], box }));
  }
  return runs;
}

/**
 * Reads the values a flattened page shows in the template's boxes. Page text is mapped into template
 * space through `transform` (template → page) and the form's own printed strings are dropped. A
 * check box is on when a character (other than an empty-box glyph) or a drawn mark sits in it. Other text is joined into runs
 * (see runsOf), each given to the box it starts in, or, when it is too wide for that box, to the box
 * it is centred or right aligned in (see ownerOf); a box's runs become its lines, top to bottom,
 * joined with "\n". Blank boxes give no reading. With the page's ruled cells (`layout`), text captioned
 * for another box is dropped and what the boxes miss is read by cell (place-by-cell.ts): values
 * printed off their box, and name-and-address cells printed as one block. A block's parts are read
 * `guessed` unless the parser found every part.
 */
export function assignTextToFields(text: PageText, transform: PageTransform, boxes: readonly FieldBox[], printed: readonly PrintedString[], layout?: CellLayout): FieldReading[] {
  const checkBoxes = boxes.filter((b) => b.kind === 'checkbox');
  const textBoxes = boxes.filter((b) => b.kind === 'text');
  const readings = new Map<string, FieldReading>();
  const read = (name: string) => {
    let r = readings.get(name);
    if (!r) readings.set(name, (r = { name, raw: '', items: [], guessed: false }));
    return r;
  };

  const loose: TextItem[] = [];
  for (const item of withoutPrinted(text.items.map((i) => toTemplate(i, transform)), printed)) {
    const box = checkBoxes.find((b) => inRect(b.rect, item.x + item.width / 2, item.y + 0.35 * item.size, CHECK_PAD));
    if (!box) loose.push(item);
    else if (!EMPTY_BOX.test(item.str)) read(box.name).items.push(item);
  }
  for (const [px, py, pw, ph] of text.marks) {
    const [x, y, w, h] = [(px - transform.e) / transform.a, (py - transform.f) / transform.d, pw / transform.a, ph / transform.d];
    const box = checkBoxes.find((b) => inRect(b.rect, x + w / 2, y + h / 2, CHECK_PAD) && Math.max(w, h) >= MIN_MARK * Math.min(b.rect[2], b.rect[3]));
    if (box) read(box.name);
  }
  for (const r of readings.values()) r.raw = '1';

  // An item that pdfjs joined across boxes is split where a box holding no text of its own begins: a
  // box with its own text beside a long value is run over (the value overflows), not filled by it.
  const starts = loose.map((item) => startBox(textBoxes, item.x, item.y, item.size));
  const split = loose.flatMap((item, i) =>
    splitAtBoxes(item, (x, y, size) => {
      const box = startBox(textBoxes, x, y, size);
      return box && (box === starts[i] || !starts.some((s, j) => j !== i && s === box)) ? box : undefined;
    }),
  );
  const placed: PlacedRun[] = [];
  for (const line of lines(split)) {
    for (const run of runsOf(line, textBoxes)) {
      const first = run.items[0]!;
      const last = run.items.at(-1)!;
      const owner = ownerOf(textBoxes, { str: '', x: first.x, y: first.y, size: first.size, width: last.x + last.width - first.x }, run.box);
      const str = joinLine(run.items);
      // With cells to go by, text captioned for something else ("License #: …") is no box's value.
      if (layout && owner && labelledOther(str, owner.box)) continue;
      placed.push({ items: run.items, text: str, box: owner?.box, guessed: owner?.guessed ?? false });
    }
  }
  const parsed = layout ? placeByCell(placed, textBoxes, boxes, layout) : new Map();
  for (const run of placed) {
    if (!run.box) continue;
    const reading = read(run.box.name);
    reading.items.push(...run.items);
    reading.guessed ||= run.guessed;
  }
  for (const r of readings.values()) if (r.raw === '') r.raw = lines(r.items).map(joinLine).join('\n');
  for (const [name, { raw, items, complete }] of parsed) readings.set(name, { name, raw, items, guessed: !complete });
  return [...readings.values()].filter((r) => r.raw !== '');
}
