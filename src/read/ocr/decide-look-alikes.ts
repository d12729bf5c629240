import type { GrayImage } from '../raster/gray-image.js';
import { glyphAspect } from './glyph-shape.js';
import { ambiguousGlyphs } from './look-alikes.js';
import type { OcrSymbol, OcrWord } from './ocr-engine.js';

type Shape = 'digit' | 'letter';

/**
 * Ink width over height that tells a digit from its look-alike letter, per group of glyphs: the
 * digit's at most `digit`, the letter's at least `letter` (and "1" at least `digit`, "I" and "l" at
 * most `letter`: there the letter is the narrow one); in between, or wider than `merged` (two glyphs
 * touching), the shape decides nothing. Measured on the broker-filled ACORD 125 scanned at 300 and
 * 200 dpi (Helvetica fills): 0, 2, 5, 6 and 8 0.49–0.72, S and B 0.74–0.81, O and G 0.88–0.98, 1
 * 0.56–0.63, I and l 0.12–0.16.
 */
const GROUPS: { glyphs: string; digit: number; letter: number }[] = [
  { glyphs: '0O6G', digit: 0.76, letter: 0.85 },
  { glyphs: '5S8B2Z', digit: 0.72, letter: 0.74 },
  { glyphs: '1Il', digit: 0.4, letter: 0.25 },
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
 * Whether the glyphs' own ink settles a reading's look-alikes: no look-alike glyph is shaped as its
 * twin ("l" drawn as wide as a "1": "u11@" read "ull@"), and every glyph of `raw` that its twin would
 * read as well (ambiguousGlyphs: "A87977" read "AB7977") is shaped as what was read. `words` are the
 * OCR's for `image`; `raw` their cleaned text. When clean-up changed the characters, the ambiguous
 * ones cannot be found among the symbols and are not settled. Ink is measured down whole columns, so
 * only on an image of `oneLine`: on one of several lines, glyphs of other lines share them.
 */
export function decideLookAlikes(raw: string, words: readonly OcrWord[], image: GrayImage, oneLine: boolean): boolean {
  const symbols = words.flatMap((w) => w.symbols);
  const measured: { symbol: OcrSymbol; shape: Shape | undefined }[] = symbols.map((s, i) => {
    const prev = symbols[i - 1];
    const next = symbols[i + 1];
    const aspect = oneLine ? glyphAspect(image, s.x0, s.x1, prev ? (prev.x1 + s.x0) / 2 : 0, next ? (s.x1 + next.x0) / 2 : image.width - 1) : undefined;
    return { symbol: s, shape: shapeOf(s.text, aspect) };
  });
  if (measured.some(({ symbol, shape }) => shape !== undefined && shape !== readAs(symbol.text))) return false;
  const ambiguous = ambiguousGlyphs(raw);
  if (ambiguous.length === 0) return true;
  const compact = [...raw].map((c, i) => ({ c, i })).filter(({ c }) => !/\s/.test(c));
  if (compact.map(({ c }) => c).join('') !== measured.map(({ symbol }) => symbol.text).join('')) return false;
  const at = new Map(compact.map(({ i }, k) => [i, measured[k]!]));
  return ambiguous.every(({ index, byShape }) => byShape && at.get(index)?.shape === readAs(raw[index]!));
}
