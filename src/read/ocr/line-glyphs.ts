import type { GrayImage } from '../raster/gray-image.js';
import { inkComponents } from '../raster/ink-components.js';
import { DARK } from './ink-pixels.js';
import type { OcrWord } from './ocr-engine.js';

/** Cells of a glyph's size-normalised darkness map: enough to tell "8" from "B" and "5" from "S", few enough to stay blur-tolerant. */
export const GLYPH_COLUMNS = 10;
export const GLYPH_ROWS = 14;
/** Samples per cell side: a 3 px wide "1" still fills its 10 columns evenly. */
const SAMPLES = 3;

/**
 * One glyph as OCR labelled it, described so that glyphs of one font at one size can be compared: its
 * ink box's share of ink over GLYPH_COLUMNS × GLYPH_ROWS cells (shape, whatever its size), and what the size
 * normalisation hides: its ink height and its foot's drop below the line's baseline (in em: "o" from
 * "O", "," from "'") and its width over its height ("0" from "O", "1" from "I" only where the font differs).
 */
export type Glyph = { label: string; cells: Float32Array; height: number; drop: number; aspect: number; confidence: number };

/** Fewest ink pixels of a glyph's part: fewer are scanner grain. */
const MIN_PART_PX = 3;
/**
 * Largest part, in em either way, that may be a dot of a glyph above or below its stroke (an "i", a
 * colon), and farthest its middle may be from the stroke's: an apostrophe over the end of a "y" ("Mary's") is no dot.
 */
const DOT_EM = 0.25;
const DOT_OFFSET_EM = 0.12;

/**
 * The glyphs of a one-line reading of `image` (its symbols' x0/x1 in its pixels; `emPx` the font's em),
 * or undefined when its segmentation is not clean: its ink is not one glyph per symbol, in order, each
 * near its symbol's box. A glyph is a connected part of the ink, with a dot above or below its middle
 * (an "i", a colon): glyphs whose columns overlap without touching ("ww", "Ti") stay apart. Two
 * touching glyphs (blur on a soft scan), a speck or a glyph broken in two leave the count wrong: no
 * per-glyph verdict can speak for the value then.
 */
export function lineGlyphs(words: readonly OcrWord[], image: GrayImage, emPx: number): Glyph[] | undefined {
  const symbols = words.flatMap((w) => w.symbols);
  const { labels, parts } = inkParts(image);
  const inked = parts.filter((p) => p.pixels >= MIN_PART_PX);
  const dot = (p: Part) => p.x1 - p.x0 + 1 <= DOT_EM * emPx && p.y1 - p.y0 + 1 <= DOT_EM * emPx;
  const glyphs = inked.filter((p) => !dot(p));
  for (const p of inked.filter(dot).sort((a, b) => a.x0 - b.x0)) {
    const mid = (p.x0 + p.x1) / 2;
    const gap = (g: Part) => Math.max(g.y0 - p.y1, p.y0 - g.y1);
    const hosts = glyphs.filter((g) => Math.abs((g.x0 + g.x1) / 2 - mid) <= DOT_OFFSET_EM * emPx && gap(g) > 0).sort((a, b) => gap(a) - gap(b));
    if (hosts[0]) glyphs[glyphs.indexOf(hosts[0])] = merged(hosts[0], p);
    else glyphs.push(p);
  }
  glyphs.sort((a, b) => a.x0 + a.x1 - (b.x0 + b.x1));
  if (symbols.length === 0 || glyphs.length !== symbols.length) return undefined;
  // LSTM boxes are approximate (a "4" boxed 90–139 px, its ink at 116–136): near, not on, its glyph.
  if (symbols.some((s, i) => s.x0 > glyphs[i]!.x1 + emPx / 2 || s.x1 < glyphs[i]!.x0 - emPx / 2)) return undefined;
  // The baseline is where most glyphs' feet stand: the median bottom ("g", "," hang below it).
  const feet = glyphs.map((g) => g.y1).sort((a, b) => a - b);
  const baseline = feet[Math.floor(feet.length / 2)]!;
  return symbols.map((s, i) => {
    const g = glyphs[i]!;
    return { label: s.text, cells: darkness(image, labels, g), height: (g.y1 - g.y0 + 1) / emPx, drop: (g.y1 - baseline) / emPx, aspect: (g.x1 - g.x0 + 1) / (g.y1 - g.y0 + 1), confidence: s.confidence };
  });
}

/** A glyph or a part of one: its ink box, its parts' labels, its ink pixel count. */
type Part = { x0: number; x1: number; y0: number; y1: number; ids: number[]; pixels: number };

const merged = (a: Part, b: Part): Part => ({ x0: Math.min(a.x0, b.x0), x1: Math.max(a.x1, b.x1), y0: Math.min(a.y0, b.y0), y1: Math.max(a.y1, b.y1), ids: [...a.ids, ...b.ids], pixels: a.pixels + b.pixels });

/** The 8-connected parts of the ink (grey below DARK), and each pixel's part (its id; -1 for paper). */
function inkParts(image: GrayImage): { labels: Int32Array; parts: Part[] } {
  const { label, x0, y0, x1, y1, area } = inkComponents(image.data, image.width, image.height, DARK);
  return { labels: label, parts: x0.map((_, id) => ({ x0: x0[id]!, x1: x1[id]!, y0: y0[id]!, y1: y1[id]!, ids: [id], pixels: area[id]! })) };
}

/**
 * Mean darkness (0 paper, 1 black) of each cell of the glyph's ink box, over GLYPH_COLUMNS × GLYPH_ROWS
 * cells sampled SAMPLES² times each; ink of other glyphs reaching into the box ("w" into "w") counts as paper.
 */
function darkness(image: GrayImage, labels: Int32Array, { x0, y0, x1, y1, ids }: Part): Float32Array {
  const own = new Set(ids);
  const cells = new Float32Array(GLYPH_COLUMNS * GLYPH_ROWS);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  for (let r = 0; r < GLYPH_ROWS; r++) {
    for (let c = 0; c < GLYPH_COLUMNS; c++) {
      let sum = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        const y = y0 + Math.floor(((r * SAMPLES + sy + 0.5) * h) / (GLYPH_ROWS * SAMPLES));
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = x0 + Math.floor(((c * SAMPLES + sx + 0.5) * w) / (GLYPH_COLUMNS * SAMPLES));
          const label = labels[y * image.width + x]!;
          if (label < 0 || own.has(label)) sum += 255 - image.data[y * image.width + x]!;
        }
      }
      cells[r * GLYPH_COLUMNS + c] = sum / (255 * SAMPLES * SAMPLES);
    }
  }
  return cells;
}
