import type { GrayImage } from '../raster/gray-image.js';
import { columnInk, glyphAspect } from './glyph-shape.js';
import { subImage } from './sub-image.js';
import { ambiguousGlyphs, TWINS } from './look-alikes.js';
import type { OcrSymbol, OcrWord } from './ocr-engine.js';

type Shape = 'digit' | 'letter';

/**
 * Ink width over height that tells a digit from its look-alike letter, per group of glyphs: the
 * digit's at most `digit`, the letter's at least `letter` (for "1", "I" and "l" the other way round:
 * the letter is the narrow one); in between, or wider than MERGED (two glyphs run together), the
 * shape decides nothing. Measured on the broker-filled ACORD 125 scanned at 300 and 200 dpi (the
 * fills as pdf.js draws Helvetica), 5th to 95th percentile: 0, 2, 5, 6 and 8 0.60–0.72 (an 8 up to
 * 0.76), S and B 0.74–0.81, O and G 0.88–1.00, "1" 0.47–0.63, I and l 0.12–0.23 ("1" from vector
 * outlines 0.33, hence its bound, with FLAG besides). The band between
 * 5 and S or 8 and B is left wide: an S or B read as a digit must not be taken for one.
 */
const GROUPS: { glyphs: string; digit: number; letter: number }[] = [
  { glyphs: '0O6G', digit: 0.76, letter: 0.85 },
  { glyphs: '5S8B2Z', digit: 0.72, letter: 0.78 },
  { glyphs: '1Il', digit: 0.3, letter: 0.25 },
];
const MERGED = 1.2;
/**
 * Ink width beside the stem, over the height, that tells a "1" (its flag) from "I" and "l" (a stem
 * alone): blur widens a stem and its glyph alike, so this holds where the aspect's bounds, measured on
 * scans, do not. Helvetica's "1" rendered from vector outlines (no blur) has an aspect of 0.33–0.36,
 * between the scans' bounds, and a flag of 0.21–0.24; on the broker-filled real forms scanned at 300 and
 * 200 dpi its flag is 0.28–0.52, and an "I" or "l" standing alone has 0–0.06.
 */
const FLAG = { digit: 0.15, letter: 0.08 };

/**
 * Bow of the left side (glyphAspect) that tells "8" from "B", whose widths overlap (vector outlines draw
 * "B" at 0.71–0.76, scans "8" up to 0.76): measured on the broker-filled 125's identifiers scanned at 200
 * dpi and as vector outlines, a "B"'s straight stem bows 0–0.03, an "8"'s waist 0.06–0.15.
 */
const BOW = { digit: 0.055, letter: 0.035 };

function shapeOf(c: string, glyph: { aspect: number; stem: number; bow: number } | undefined): Shape | undefined {
  const group = GROUPS.find((g) => g.glyphs.includes(c));
  if (!group || glyph === undefined || glyph.aspect > MERGED) return undefined;
  const { aspect, stem, bow } = glyph;
  if (c === '8' || c === 'B') return bow >= BOW.digit ? 'digit' : bow <= BOW.letter ? 'letter' : undefined;
  if (group.glyphs === '1Il') return aspect >= group.digit && aspect - stem >= FLAG.digit ? 'digit' : aspect <= group.letter && aspect - stem <= FLAG.letter ? 'letter' : undefined;
  return aspect <= group.digit ? 'digit' : aspect >= group.letter ? 'letter' : undefined;
}

const readAs = (c: string): Shape => (c >= '0' && c <= '9' ? 'digit' : 'letter');

type Measured = { symbol: OcrSymbol; shape: Shape | undefined; touching: boolean };

/**
 * Each OCR symbol of `words` with the shape its ink has, and, when the symbols spell `raw` less its
 * spaces, each one's index in `raw` (else `at` is empty: clean-up changed the characters, and they
 * cannot be found among the symbols). Ink is measured down whole columns: on an image of `oneLine`, or,
 * on one of several lines, within the rows of each word's line (its box; a word without one is not
 * measured), where glyphs of other lines do not share them.
 */
function measureGlyphs(raw: string, words: readonly OcrWord[], image: GrayImage, oneLine: boolean): { measured: Measured[]; at: number[] } {
  const lineOf = (w: OcrWord) => (oneLine ? '' : w.box ? `${w.box.line.y0},${w.box.line.y1}` : undefined);
  // Each line's image with its columnInk, counted once for all its glyphs.
  const lines = new Map<string, { image: GrayImage; columns: Uint32Array }>();
  const measured = words.flatMap((w) => {
    const key = lineOf(w);
    if (key !== undefined && !lines.has(key)) {
      const lineImage = oneLine ? image : subImage(image, [0, w.box!.line.y0, image.width, w.box!.line.y1 + 1]);
      lines.set(key, { image: lineImage, columns: columnInk(lineImage) });
    }
    const line = key === undefined ? undefined : lines.get(key)!;
    // A glyph's neighbours are those of its own line.
    const row = key === undefined ? [] : words.filter((o) => lineOf(o) === key).flatMap((o) => o.symbols);
    return w.symbols.map((s): Measured => {
      const i = row.indexOf(s);
      const prev = row[i - 1];
      const next = row[i + 1];
      const glyph = line ? glyphAspect(line.image, s.x0, s.x1, prev ? (prev.x0 + prev.x1) / 2 : 0, next ? (next.x0 + next.x1) / 2 : line.image.width - 1, line.columns) : undefined;
      return { symbol: s, shape: shapeOf(s.text, glyph), touching: glyph?.touching ?? false };
    });
  });
  const symbols = words.flatMap((w) => w.symbols);
  const at = [...raw].flatMap((c, i) => (/\s/.test(c) ? [] : [i]));
  // An "I" spelled "l" by the word it is in (spellAddressAbbreviations) is still its symbol.
  const fold = (s: string) => s.replace(/l/g, 'I');
  const aligned = fold(at.map((i) => raw[i]).join('')) === fold(symbols.map((s) => s.text).join(''));
  return { measured, at: aligned ? at : [] };
}

/**
 * Whether the glyphs' own ink settles a reading's look-alikes (`sure`), and which of its look-alike
 * glyphs (indices in `raw`) are shaped as what was read (`settled`). Sure when no look-alike glyph is shaped as its
 * twin ("l" drawn as wide as a "1": "u11@" read "ull@"), and every glyph of `raw` that its twin would
 * read as well (ambiguousGlyphs: "A87977" read "AB7977") is shaped as what was read. `words` are the
 * OCR's for `image`; `raw` their cleaned text.
 */
export function decideLookAlikes(raw: string, words: readonly OcrWord[], image: GrayImage, oneLine: boolean): { sure: boolean; settled: ReadonlySet<number> } {
  const { measured, at } = measureGlyphs(raw, words, image, oneLine);
  const settled = new Set(at.filter((i, k) => measured[k]!.shape === readAs(raw[i]!)));
  // A glyph cut from a touching neighbour may keep a sliver of it: evidence enough to confirm a
  // reading (the groups' gaps are wide), not to overrule one in a word ("l" in "example").
  if (measured.some(({ symbol, shape, touching }) => !touching && shape !== undefined && shape !== readAs(symbol.text))) return { sure: false, settled };
  return { sure: ambiguousGlyphs(raw).every(({ index, byShape }) => byShape && settled.has(index)), settled };
}

/**
 * `raw` (the cleaned text of `words`, read from `image`) with each look-alike glyph whose own ink is
 * shaped as its twin, clear of its neighbours, read as that twin ("ull@" whose "l"s are as wide as a
 * "1": "u11@"; "C07614032" whose "0" is as wide as an "O": "CO7614032"), and `words` with the same
 * symbols changed, so that decideLookAlikes finds them settled. Only to a character `whitelist` allows
 * (empty: any). A "1" shaped as a letter becomes "I" or "l" by the case of the letters around it:
 * their shapes are the same stroke, which is why a reading is never changed between those two.
 */
export function correctLookAlikes(raw: string, words: readonly OcrWord[], image: GrayImage, oneLine: boolean, whitelist = ''): { raw: string; words: OcrWord[] } {
  const { measured, at } = measureGlyphs(raw, words, image, oneLine);
  if (at.length === 0) return { raw, words: [...words] };
  const shaped = measured.map(({ symbol, shape, touching }, k) => {
    if (touching || shape === undefined || shape === readAs(symbol.text)) return symbol.text;
    return twinsOf(symbol.text, raw, at[k]!).find((c) => whitelist === '' || whitelist.includes(c)) ?? symbol.text;
  });
  const changed = (c: string, k: number) => c !== measured[k]!.symbol.text;
  const chars = [...raw];
  shaped.forEach((c, k) => changed(c, k) && (chars[at[k]!] = c));
  // Only where the twin joins a neighbour of its kind ("u11", "CO7", "1S" → "IS"): a lone digit in a
  // word of letters is a font whose "l" is broader than Helvetica's ("Kowa1ski" in a serif scan). Or
  // where a capital was read after a small letter, inside a word, shaped as its digit ("Hi5" read "HiS"):
  // words do not set a capital there, and neither "1" nor "l" is one.
  const kind = (c: string | undefined) => (c === undefined ? undefined : /\d/.test(c) ? 'digit' : /[A-Za-z]/.test(c) ? 'letter' : undefined);
  const afterSmall = (k: number) => /^[OSBZG]$/.test(measured[k]!.symbol.text) && /[a-z]/.test(raw[at[k]! - 1] ?? '');
  const corrected = shaped.map((c, k) => (changed(c, k) && ([chars[at[k]! - 1], chars[at[k]! + 1]].some((n) => kind(n) === kind(c)) || afterSmall(k)) ? c : undefined));
  // Characters not corrected stay as `raw` has them (an "I" the word spells "l" stays "l").
  const out = [...raw];
  corrected.forEach((c, k) => c !== undefined && (out[at[k]!] = c));
  let k = 0;
  const fixed = words.map((w) => {
    const symbols = w.symbols.map((s) => ({ ...s, text: corrected[k++] ?? s.text }));
    return symbols.every((s, i) => s.text === w.symbols[i]!.text) ? w : { ...w, text: symbols.map((s) => s.text).join(''), symbols };
  });
  return { raw: out.join(''), words: fixed };
}

/**
 * The glyphs a look-alike at `index` of `raw` may be instead, likeliest first. For a "1": "l" inside a
 * word of small letters or after the last of them, else "I" (a word's first letter, or among capitals).
 */
function twinsOf(c: string, raw: string, index: number): string[] {
  if (c === 'l' || c === 'I') return ['1'];
  if (c !== '1') return TWINS[c] ? [TWINS[c]] : [];
  const token = (step: -1 | 1) => {
    for (let i = index + step; i >= 0 && i < raw.length && !/\s/.test(raw[i]!); i += step) if (/[A-Za-z]/.test(raw[i]!) && !/[Il]/.test(raw[i]!)) return raw[i];
    return undefined;
  };
  const before = token(-1);
  const after = token(1);
  const small = before !== undefined && (after ?? before) === (after ?? before).toLowerCase();
  return small ? ['l', 'I'] : ['I', 'l'];
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
