import type { GrayImage } from '../raster/gray-image.js';
import { glyphAspect } from './glyph-shape.js';
import { ambiguousGlyphs } from './look-alikes.js';
import type { OcrSymbol, OcrWord } from './ocr-engine.js';

type Shape = 'digit' | 'letter';

/**
 * Ink width over height that tells a digit from its look-alike letter, per group of glyphs: the
 * digit's at most `digit`, the letter's at least `letter` (for "1", "I" and "l" the other way round:
 * the letter is the narrow one); in between, or wider than MERGED (two glyphs run together), the
 * shape decides nothing. Measured on the broker-filled ACORD 125 scanned at 300 and 200 dpi (the
 * fills as pdf.js draws Helvetica), 5th to 95th percentile: 0, 2, 5, 6 and 8 0.60–0.72 (an 8 up to
 * 0.76), S and B 0.74–0.81, O and G 0.88–1.00, "1" 0.47–0.63, I and l 0.12–0.23. The band between
 * 5 and S or 8 and B is left wide: an S or B read as a digit must not be taken for one.
 */
const GROUPS: { glyphs: string; digit: number; letter: number }[] = [
  { glyphs: '0O6G', digit: 0.76, letter: 0.85 },
  { glyphs: '5S8B2Z', digit: 0.72, letter: 0.78 },
  { glyphs: '1Il', digit: 0.45, letter: 0.25 },
];
const MERGED = 1.2;

function shapeOf(c: string, aspect: number | undefined): Shape | undefined {
  const group = GROUPS.find((g) => g.glyphs.includes(c));
  if (!group || aspect === undefined || aspect > MERGED) return undefined;
  if (group.glyphs === '1Il') return aspect >= group.digit ? 'digit' : aspect <= group.letter ? 'letter' : undefined;
  return aspect <= group.digit ? 'digit' : aspect >= group.letter ? 'letter' : undefined;
}

const readAs = (c: string): Shape => (c >= '0' && c <= '9' ? 'digit' : 'letter');

/**
 * Whether the glyphs' own ink settles a reading's look-alikes (`sure`), and which of its look-alike
 * glyphs (indices in `raw`) are shaped as what was read (`settled`). Sure when no look-alike glyph is shaped as its
 * twin ("l" drawn as wide as a "1": "u11@" read "ull@"), and every glyph of `raw` that its twin would
 * read as well (ambiguousGlyphs: "A87977" read "AB7977") is shaped as what was read. `words` are the
 * OCR's for `image`; `raw` their cleaned text. When clean-up changed the characters, the ambiguous
 * ones cannot be found among the symbols and are not settled. Ink is measured down whole columns, so
 * only on an image of `oneLine`: on one of several lines, glyphs of other lines share them.
 */
export function decideLookAlikes(raw: string, words: readonly OcrWord[], image: GrayImage, oneLine: boolean): { sure: boolean; settled: ReadonlySet<number> } {
  const symbols = words.flatMap((w) => w.symbols);
  const measured: { symbol: OcrSymbol; shape: Shape | undefined; touching: boolean }[] = symbols.map((s, i) => {
    const prev = symbols[i - 1];
    const next = symbols[i + 1];
    const glyph = oneLine ? glyphAspect(image, s.x0, s.x1, prev ? (prev.x0 + prev.x1) / 2 : 0, next ? (next.x0 + next.x1) / 2 : image.width - 1) : undefined;
    return { symbol: s, shape: shapeOf(s.text, glyph?.aspect), touching: glyph?.touching ?? false };
  });
  const compact = [...raw].map((c, i) => ({ c, i })).filter(({ c }) => !/\s/.test(c));
  const aligned = compact.map(({ c }) => c).join('') === measured.map(({ symbol }) => symbol.text).join('');
  const settled = new Set(aligned ? compact.filter(({ c }, k) => measured[k]!.shape === readAs(c)).map(({ i }) => i) : []);
  // A glyph cut from a touching neighbour may keep a sliver of it: evidence enough to confirm a
  // reading (the groups' gaps are wide), not to overrule one in a word ("l" in "example").
  if (measured.some(({ symbol, shape, touching }) => !touching && shape !== undefined && shape !== readAs(symbol.text))) return { sure: false, settled };
  return { sure: ambiguousGlyphs(raw).every(({ index, byShape }) => byShape && settled.has(index)), settled };
}

/**
 * `other` (another reading of the same box) with the glyphs `settled` by their shape in `raw` put
 * back where it read their look-alike twin: a second read that differs from the first only there
 * ("AB7977" against "A87977" whose "8" is shaped as a digit) does not contest it.
 */
export function withSettledGlyphs(other: string, raw: string, settled: ReadonlySet<number>): string {
  if (other.length !== raw.length) return other;
  return [...other].map((c, i) => (settled.has(i) && c !== raw[i] && GROUPS.some((g) => g.glyphs.includes(c) && g.glyphs.includes(raw[i]!)) && readAs(c) !== readAs(raw[i]!) ? raw[i]! : c)).join('');
}
