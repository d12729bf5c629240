import type { GrayImage } from '../raster/gray-image.js';
import { inkComponents } from '../raster/ink-components.js';

/** A thin printed line is light where it falls between pixel rows: lines are traced down to this grey. */
const FAINT = 192;

export type RuleSizes = {
  /** Rows and columns this close to the crop's edge are searched for a box border (px). */
  band: number;
  /** A dark line along such rows (or columns) at least this long is a border (px). */
  minRowRun: number;
  minColumnRun: number;
  /** Faint pixels erased either side of a border's trace (px): half a printed line's width. */
  halfWidth: number;
  /** A separate stroke at least this long (px) and at most `maxThickness` thick is a printed rule. */
  minRuleLength: number;
  maxThickness: number;
  /**
   * Marks of at most this many pixels are not part of a value when they are farther than `speckReach`
   * from any larger stroke, or touch the crop's left or right side (where a value never starts).
   */
  maxSpeck: number;
  speckReach: number;
};

/**
 * A copy of a box crop with the printed lines in it whitened, so that OCR does not read them as
 * "|", "_", "l" or "1" and ink counts do not take them for a value:
 * - box borders that alignment error lets into the crop: long dark lines along rows and columns near
 *   the edge. Only the line is erased, so a glyph touching it keeps the rest of its strokes;
 * - rules printed inside the box (the 125's "NO. OF MEMBERS ____" underline): strokes, apart from
 *   the text, much longer than thick;
 * - specks away from the text, and small marks on the crop's sides (a neighbouring label's colon
 *   that misalignment brings in, a border's corner): they would widen the inked span and come back
 *   as ".", "]" or "1" (a period beside its word stays).
 */
export function eraseRules(image: GrayImage, sizes: RuleSizes): GrayImage {
  return erase(image, sizes, false).cleaned;
}

/**
 * eraseRules' crop, and besides it the crop with only its printed lines erased (`specked`: the same
 * crop as eraseRules with `maxSpeck` 0 gives), from one tracing and one labelling of the strokes: a
 * glyph the box's clip cut to a sliver still shows there (glyphCutAtSide).
 */
export function eraseRulesKeepingSpecks(image: GrayImage, sizes: RuleSizes): { cleaned: GrayImage; specked: GrayImage } {
  const { cleaned, specked } = erase(image, sizes, true);
  return { cleaned, specked: specked! };
}

function erase(image: GrayImage, sizes: RuleSizes, keepSpecked: boolean): { cleaned: GrayImage; specked?: GrayImage } {
  const { width, height } = image;
  const data = Uint8Array.from(image.data);
  const band = Math.max(1, Math.round(sizes.band));
  const thickness = Math.max(1, Math.round(sizes.halfWidth));
  // Rows: pixel (x, y) at index y * width + x; columns: the same image read transposed.
  const rows: Grid = { across: width, along: height, at: (a, b) => b * width + a };
  const cols: Grid = { across: height, along: width, at: (a, b) => a * width + b };
  for (const [grid, minRun] of [[rows, sizes.minRowRun], [cols, sizes.minColumnRun]] as const) {
    const lanes = [...new Set([...Array(Math.min(band, grid.along)).keys()].flatMap((k) => [k, grid.along - 1 - k]))].sort((a, b) => a - b);
    eraseTracedLines(image.data, data, grid, lanes, minRun, thickness);
  }
  const specked = eraseStrokes(data, width, height, sizes, keepSpecked);
  return { cleaned: { ...image, data }, specked: specked && { ...image, data: specked } };
}

/** A view of the image as lanes (rows, or columns) of `across` pixels each, `along` lanes deep. */
type Grid = { across: number; along: number; at: (across: number, lane: number) => number };

/**
 * Dark paths that run across the grid within `lanes` (stepping at most one lane per pixel, so a line
 * tilted by what alignment leaves still counts) and are at least `minRun` long are whitened, with the
 * faint pixels joined to them up to `thickness` either side. Longest-path dynamic programming.
 */
function eraseTracedLines(src: Uint8Array, out: Uint8Array, grid: Grid, lanes: number[], minRun: number, thickness: number): void {
  const laneIndex = new Map(lanes.map((l, k) => [l, k]));
  const length = lanes.map(() => new Int32Array(grid.across));
  for (let a = 0; a < grid.across; a++) {
    for (let k = 0; k < lanes.length; k++) {
      if (src[grid.at(a, lanes[k]!)]! >= FAINT) continue;
      let best = 0;
      if (a > 0) {
        for (const d of [-1, 0, 1]) {
          const j = laneIndex.get(lanes[k]! + d);
          if (j !== undefined && length[j]![a - 1]! > best) best = length[j]![a - 1]!;
        }
      }
      length[k]![a] = best + 1;
    }
  }
  for (let a = grid.across - 1; a >= 0; a--) {
    for (let k = 0; k < lanes.length; k++) {
      if (length[k]![a]! < minRun) continue;
      // Walk the path back to its start, whitening as it goes; zeroed lengths keep it from being walked twice.
      let j = k;
      for (let b = a; b >= 0 && j >= 0; b--) {
        const lane = lanes[j]!;
        out[grid.at(b, lane)] = 255;
        for (const dir of [-1, 1]) {
          for (let t = 1; t <= thickness; t++) {
            const l = lane + dir * t;
            if (l < 0 || l >= grid.along || src[grid.at(b, l)]! >= FAINT) break;
            out[grid.at(b, l)] = 255;
          }
        }
        const here = length[j]![b]!;
        length[j]![b] = 0;
        if (here <= 1) break;
        let next = -1;
        for (const d of [0, -1, 1]) {
          const i = laneIndex.get(lane + d);
          if (i !== undefined && b > 0 && length[i]![b - 1] === here - 1) {
            next = i;
            break;
          }
        }
        j = next;
      }
    }
  }
}

/**
 * Connected strokes (8-neighbour, down to FAINT grey) that are long and thin, or stray specks, whitened
 * in place; with `keepSpecked`, a copy taken after the long strokes went and before the specks did.
 */
function eraseStrokes(data: Uint8Array, width: number, height: number, { minRuleLength, maxThickness, maxSpeck, speckReach }: RuleSizes, keepSpecked: boolean): Uint8Array | undefined {
  const { label, x0, y0, x1, y1, area } = inkComponents(data, width, height, FAINT);
  const isRule = (l: number) => {
    const w = x1[l]! - x0[l]! + 1;
    const h = y1[l]! - y0[l]! + 1;
    return (w >= minRuleLength && h <= maxThickness) || (h >= minRuleLength && w <= maxThickness);
  };
  const strokes = x0.map((_, l) => l).filter((l) => area[l]! > maxSpeck && !isRule(l));
  const nearStroke = (l: number) =>
    strokes.some((m) => x0[l]! <= x1[m]! + speckReach && x1[l]! >= x0[m]! - speckReach && y0[l]! <= y1[m]! + speckReach && y1[l]! >= y0[m]! - speckReach);
  const onSide = (l: number) => x0[l] === 0 || x1[l] === width - 1;
  const rule = x0.map((_, l) => isRule(l));
  const speck = x0.map((_, l) => !rule[l] && area[l]! <= maxSpeck && (onSide(l) || !nearStroke(l)));
  const whiten = (erase: boolean[]) => {
    if (!erase.includes(true)) return;
    for (let i = 0; i < label.length; i++) if (label[i]! >= 0 && erase[label[i]!]) data[i] = 255;
  };
  whiten(rule);
  const specked = keepSpecked ? Uint8Array.from(data) : undefined;
  whiten(speck);
  return specked;
}
