import { GLYPH_COLUMNS, GLYPH_ROWS, type Glyph } from './line-glyphs.js';

/** Least OCR confidence of a glyph taken as a prototype of its label. */
const PROTOTYPE_CONFIDENCE = 0.9;
/** Fewest prototypes of a glyph's label (from other values) for a verdict on it. */
const MIN_PROTOTYPES = 3;
/**
 * Prototypes kept per label, and per label from one text: a form's variety of one glyph from many values,
 * few enough that the vote stays cheap (measured: 0.13 s of CPU for the 4-page 125's ~2 400 glyphs).
 */
const MAX_PER_LABEL = 30;
const MAX_PER_TEXT = 2;
/**
 * Weights of the features the size normalisation hides, against the cells' distance: "o" and "O" differ
 * by 0.2 em of height (2 here), "," and "'" by 0.6 em of drop, a 1 px jitter of a 300 dpi glyph costs 0.2.
 */
const HEIGHT_WEIGHT = 10;
const DROP_WEIGHT = 10;
const ASPECT_WEIGHT = 4;
/**
 * Farthest a glyph may be from the prototype that decides it, and how much nearer that must be than any
 * other label's. Measured on the broker-filled 125 scanned at 300 dpi: a glyph's nearest prototype of its
 * own label is 0.27 away (median; 0.53 at the 90th percentile, 1.0 at the 99th), of another 2.66 (1.85
 * at the 10th percentile); at 200 dpi 0.36 (0.60, 0.93) and 2.37 (1.75).
 */
const BOUND = 1.5;
const MARGIN = 2;
/**
 * Labels whose glyphs are one shape in Helvetica: "I" and "l" are the same stroke, so their prototypes
 * vote as one ("Pioneer Plains Insurance" contested its "I" by the "l"s). Which of the two a stroke is,
 * only its word can tell: the first read's, which decideLookAlikes already doubts where a word cannot.
 */
const SAME_SHAPE: Readonly<Record<string, string>> = { l: 'I' };

export type GlyphVerdict = 'agree' | 'disagree' | 'undecided';

/**
 * A second, independent read of held values by the document's own glyphs (the adaptive-template idea): a
 * form's fills are printed in one or a few fonts, so each glyph OCR labelled should look like the other
 * glyphs the document's sure reads gave that label. Prototypes are the glyphs of `values` OCR was sure
 * of; each value is judged only by other values' prototypes (never one with its own text: a value printed
 * on several pages would vouch for itself). A value agrees when every glyph's nearest prototype within
 * BOUND carries its label by MARGIN over any other label; disagrees when one glyph is so near another
 * label; is undecided otherwise (too few prototypes of a label, a glyph like none).
 */
export function voteByPrototypes(values: readonly { text: string; glyphs: readonly Glyph[] }[]): GlyphVerdict[] {
  const judged = values.map(({ text, glyphs }) => glyphs.map((g) => prototype(text, g)));
  const candidates = indexed(judged.flat().filter((p) => p.confidence >= PROTOTYPE_CONFIDENCE));
  // A sure-looking misread ("AB7977") would vouch for the next one and contest the right ones: a prototype
  // nearer another label's prototypes than its own is dropped before the vote.
  const prototypes = indexed(
    candidates.all.filter((p) => {
      const { own, other } = nearest(p, candidates, Infinity);
      return own < Infinity && other >= own;
    }),
  );
  return judged.map((glyphs) => {
    let verdict: GlyphVerdict = 'agree';
    for (const glyph of glyphs) {
      const { own, other, count } = nearest(glyph, prototypes, BOUND);
      if (other < BOUND && other * MARGIN <= own) return 'disagree';
      if (count < MIN_PROTOTYPES || !(own <= BOUND && own * MARGIN <= other)) verdict = 'undecided';
    }
    return verdict;
  });
}

/**
 * A glyph with its shape class, its weighted features and cells, and two coarser views of its cells: n
 * times the squared distance of means over n cells is a floor of those cells' own, so most prototypes
 * are ruled out by 7 numbers (`key`: the features and the quadrants' means, weighted so) or 35 (`pooled`, 2 × 2).
 */
type Prototype = { text: string; label: string; confidence: number; features: Float32Array; cells: Float32Array; pooled: Float32Array; key: Float32Array };

const POOLED_COLUMNS = GLYPH_COLUMNS / 2;
const QUADRANT_CELLS = (GLYPH_COLUMNS * GLYPH_ROWS) / 4;
const KEY = 7;

function prototype(text: string, g: Glyph): Prototype {
  const features = Float32Array.of(HEIGHT_WEIGHT * g.height, DROP_WEIGHT * g.drop, ASPECT_WEIGHT * Math.log(g.aspect));
  const pooled = new Float32Array(POOLED_COLUMNS * (GLYPH_ROWS / 2));
  const key = new Float32Array(KEY);
  key.set(features);
  g.cells.forEach((v, i) => {
    const [row, column] = [Math.floor(i / GLYPH_COLUMNS), i % GLYPH_COLUMNS];
    pooled[Math.floor(row / 2) * POOLED_COLUMNS + Math.floor(column / 2)]! += v / 4;
    key[3 + (row < GLYPH_ROWS / 2 ? 0 : 2) + (column < GLYPH_COLUMNS / 2 ? 0 : 1)]! += v / Math.sqrt(QUADRANT_CELLS);
  });
  return { text, label: SAME_SHAPE[g.label] ?? g.label, confidence: g.confidence, features, cells: g.cells, pooled, key };
}

type Prototypes = { byLabel: Map<string, Prototype[]>; all: Prototype[]; keys: Float32Array };

/** Prototypes by label, at most MAX_PER_LABEL of each and MAX_PER_TEXT of each from one text, and all of them with their keys side by side. */
function indexed(prototypes: readonly Prototype[]): Prototypes {
  const byLabel = new Map<string, Prototype[]>();
  const perText = new Map<string, number>();
  const all: Prototype[] = [];
  for (const p of prototypes) {
    const list = byLabel.get(p.label) ?? byLabel.set(p.label, []).get(p.label)!;
    const key = `${p.label}\n${p.text}`;
    if (list.length >= MAX_PER_LABEL || (perText.get(key) ?? 0) >= MAX_PER_TEXT) continue;
    perText.set(key, (perText.get(key) ?? 0) + 1);
    list.push(p);
    all.push(p);
  }
  const keys = new Float32Array(all.length * KEY);
  all.forEach((p, i) => keys.set(p.key, i * KEY));
  return { byLabel, all, keys };
}

/**
 * A glyph's distance to the nearest prototype of its label (`own`) and of any other (`other`), none from
 * a value reading its text, and how many of its label there are. Distances that cannot matter are not
 * measured exactly: beyond MARGIN times the own one, or beyond `reach` when that is larger (a verdict
 * against the glyph needs another label within BOUND; the prototypes' own check, within reach Infinity,
 * asks only whether another is nearer).
 */
function nearest(glyph: Prototype, { byLabel, all, keys }: Prototypes, reach: number): { own: number; other: number; count: number } {
  let own = Infinity;
  let count = 0;
  for (const p of byLabel.get(glyph.label) ?? []) {
    if (p.text === glyph.text) continue;
    count++;
    own = Math.min(own, distance(glyph, p, own));
  }
  let other = reach === Infinity ? own : Math.max(reach, own === Infinity ? 0 : own * MARGIN);
  const key = glyph.key;
  for (let j = 0; j < all.length; j++) {
    let floor = 0;
    for (let t = 0; t < KEY; t++) floor += (keys[j * KEY + t]! - key[t]!) ** 2;
    if (floor >= other * other) continue;
    const p = all[j]!;
    if (p.label !== glyph.label && p.text !== glyph.text) other = Math.min(other, distance(glyph, p, other));
  }
  return { own, other, count };
}

/** Distance of two glyphs, or `stop` once it is known to reach `stop`. */
function distance(a: Prototype, b: Prototype, stop: number): number {
  const limit = stop * stop;
  let d = 0;
  for (let i = 0; i < 3; i++) d += (a.features[i]! - b.features[i]!) ** 2;
  let floor = d;
  for (let i = 0; i < a.pooled.length && floor < limit; i++) floor += 4 * (a.pooled[i]! - b.pooled[i]!) ** 2;
  if (floor >= limit) return stop;
  for (let i = 0; i < a.cells.length && d < limit; i++) d += (a.cells[i]! - b.cells[i]!) ** 2;
  return Math.min(Math.sqrt(d), stop);
}
