import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';
import type { OcrSymbol, OcrWord } from './ocr-engine.js';

/** Glyphs one ink run may hold (small letters of a word run together on a soft 200 dpi scan). */
const MAX_TOUCHING = 8;
/** Ink a glyph leaves short of its advance, in em (its side bearings: ~0.1 for digits and capitals). */
const BEARINGS_EM = 0.1;
/** Cost, per em of its width, of ink no glyph was read from (a speck costs little, a glyph a lot). */
const UNREAD_INK = 1.5;
/** Cost of a glyph with no ink of its own: it keeps its box. */
const NO_INK = 1;
/**
 * Weight of the distance between a run and its glyphs' boxes, in em, against the misfit of its width, and
 * the most it may cost: a box stretched over the rest of the line ("," boxed 335–548 px, its ink at
 * 337–340) must not pull its glyph into a neighbour's run.
 */
const PLACE_WEIGHT = 0.3;
const MAX_PLACE_COST = 0.3;
/**
 * A run whose glyphs' advances exceed its ink by more than this (em) holds more glyphs than it has room
 * for: the LSTM read a glyph twice or one that is not there ("CPPR0041187" for "CPP0041187": "004" on the
 * ink of "04", 0.51 em over). Right readings of the real forms' scans come to 0.13 em at most (a
 * sentence's last "e." 0.26); wrong ones seen 0.29–0.72.
 */
const CROWDED_EM = 0.25;

export type Run = { x0: number; x1: number };

/**
 * The words of a one-line reading with each symbol's left and right edges moved to its glyph's own ink:
 * the runs of inked columns of `image`. The LSTM's symbol boxes are approximate (on a soft 200 dpi scan
 * the "0" and "4" of "CP 04" came back boxed 79–111 and 90–139 px, their ink at 91–112 and 116–136),
 * and spacing measured from their centres put spaces where none were and missed real ones; the ink's
 * edges are where the glyphs are. Symbols and runs are paired in order, the pairing that best fits each
 * run's width to its glyphs' Helvetica advances (`advance`, em; `emPx` the em in pixels) and its place
 * to their boxes: a run may hold touching glyphs (split between them by advance, so no space lies inside
 * a run), be a speck no glyph was read from, and a glyph may have no run (it keeps its box; `onInk`,
 * per symbol in order across words, says which were placed on ink, `sharing` how many glyphs their run holds: 0 none).
 * `crowded` says some run was given more glyphs than its width has room for (CROWDED_EM).
 */
export function snapToInk(words: readonly OcrWord[], image: GrayImage, emPx: number, advance: (c: string) => number): { words: OcrWord[]; onInk: boolean[]; sharing: number[]; crowded: boolean } {
  const runs = inkRuns(image);
  const symbols = words.flatMap((w) => w.symbols);
  const groups = pairByFit(symbols, runs, emPx, advance);
  const snapped = symbols.map((s) => ({ ...s }));
  const onInk = symbols.map(() => false);
  const sharing = symbols.map(() => 0);
  let crowded = false;
  for (const { run, from, to } of groups) {
    sharing.fill(to - from, from, to);
    const { x0, x1 } = runs[run]!;
    const members = symbols.slice(from, to);
    const total = members.reduce((sum, m) => sum + advance(m.text), 0);
    if (to - from > 1 && total - BEARINGS_EM - (x1 - x0 + 1) / emPx > CROWDED_EM) crowded = true;
    let at = x0;
    members.forEach((m, k) => {
      const width = ((x1 - x0 + 1) * advance(m.text)) / total;
      snapped[from + k] = { ...m, x0: at, x1: at + width - 1 };
      onInk[from + k] = true;
      at += width;
    });
  }
  let k = 0;
  return { words: words.map((w) => ({ ...w, symbols: w.symbols.map(() => snapped[k++]!) })), onInk, sharing, crowded };
}

/** The cheapest in-order pairing of runs with groups of consecutive symbols (`from` to `to`, exclusive). */
function pairByFit(symbols: readonly OcrSymbol[], runs: readonly Run[], emPx: number, advance: (c: string) => number): { run: number; from: number; to: number }[] {
  const n = symbols.length;
  const m = runs.length;
  const cost = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const back = Array.from({ length: n + 1 }, () => new Array<[number, number]>(m + 1));
  cost[0]![0] = 0;
  // Advances summed from the left: a group's width is a difference, not a sum over the group, in the loop below.
  const before = [0];
  symbols.forEach((s, i) => before.push(before[i]! + advance(s.text)));
  const fit = (from: number, to: number, r: Run) => {
    const ink = (r.x1 - r.x0 + 1) / emPx;
    const expected = before[to]! - before[from]! - BEARINGS_EM;
    const boxes = (symbols[from]!.x0 + symbols[to - 1]!.x1) / 2;
    return Math.abs(ink - expected) + Math.min(MAX_PLACE_COST, (PLACE_WEIGHT * Math.abs(boxes - (r.x0 + r.x1) / 2)) / emPx);
  };
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = cost[i]![j]!;
      if (here === Infinity) continue;
      const relax = (i2: number, j2: number, c: number) => {
        if (here + c < cost[i2]![j2]!) [cost[i2]![j2], back[i2]![j2]] = [here + c, [i, j]];
      };
      if (j < m) relax(i, j + 1, (UNREAD_INK * (runs[j]!.x1 - runs[j]!.x0 + 1)) / emPx);
      if (i < n) relax(i + 1, j, NO_INK);
      for (let k = 1; k <= MAX_TOUCHING && i + k <= n && j < m; k++) relax(i + k, j + 1, fit(i, i + k, runs[j]!));
    }
  }
  const groups: { run: number; from: number; to: number }[] = [];
  for (let [i, j] = [n, m]; i > 0 || j > 0; ) {
    const [pi, pj] = back[i]![j]!;
    if (pj === j - 1 && pi < i) groups.push({ run: j - 1, from: pi, to: i });
    [i, j] = [pi, pj];
  }
  return groups;
}

/** Runs of columns holding ink, left to right. */
export function inkRuns(image: GrayImage): Run[] {
  const runs: Run[] = [];
  let start = -1;
  for (let x = 0; x <= image.width; x++) {
    let inked = false;
    for (let y = 0; x < image.width && y < image.height && !inked; y++) inked = image.data[y * image.width + x]! < DARK;
    if (inked && start < 0) start = x;
    if (!inked && start >= 0) {
      runs.push({ x0: start, x1: x - 1 });
      start = -1;
    }
  }
  return runs;
}
