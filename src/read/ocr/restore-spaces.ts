import { StandardFontEmbedder } from 'pdf-lib';
import type { GrayImage } from '../raster/gray-image.js';
import type { OcrSymbol, OcrWord } from './ocr-engine.js';
import { snapToInk } from './snap-to-ink.js';

// Loaded at the first scanned box, not with the module: unpacking the metrics costs ~90 ms of every start.
let helvetica: StandardFontEmbedder | undefined;
/** A glyph's advance in em (ACORD fills are Helvetica); characters it cannot encode count as a digit's. */
export function advanceEm(c: string): number {
  helvetica ??= StandardFontEmbedder.for('Helvetica' as Parameters<typeof StandardFontEmbedder.for>[0]);
  try {
    return helvetica.widthOfTextAtSize(c, 1);
  } catch {
    return 0.556;
  }
}

/**
 * Where Helvetica's "1" has its ink, in em from the centre of its advance: its flag and stem (0.26 em of
 * ink) sit 0.048 em left of it (its AFM's bounding box; no other digit or capital sits more than 0.036
 * off). Measured from ink centres as if centred, a space before a "1" came to 0.22 em of extra room and
 * one after it to 0.32, the former among the doubts (DOUBT_EM): every "CP 04 11 35" drawn from vector
 * outlines went to review. A "1" with a foot (pdf.js's stand-in for Helvetica draws one, 0.43
 * em of ink) is centred; a "1" whose ink is wider than ONE_FLAG_EM is taken for one. Measured on the
 * broker-filled 125: 0.23–0.26 em from vector outlines, 0.37–0.43 on its 300 dpi scan, 0.28–0.46 at 200 dpi.
 * Taken for the other, a "1" is placed 0.048 em astray: a space beside it is doubted, not invented or lost.
 */
const ONE_INK_OFFSET_EM = -0.048;
const ONE_FLAG_EM = 0.28;

/**
 * Extra room between two glyph centres, in em, from which they are taken as two words: most of
 * Helvetica's space (0.278 em). Glyph centres sit within ~0.05 em of their advance's centre, and
 * pdf-lib draws fills unkerned, so without a space the extra room is near 0; tesseract's boxes on a
 * soft 200 dpi scan wander more (0.14 em put spaces in "C345"), and its spaces come out at 0.22 em or more.
 */
const SPACE_EM = 0.18;
/**
 * Extra room that says neither: measured on broker-style fills of the real 140 scanned at 300 and 200
 * dpi (1 000 pairs), pairs without a space fall at -0.2…0.1 em, with one at 0.22…0.35; between, a
 * reading's spacing is a guess.
 */
const DOUBT_EM = [0.1, 0.24] as const;
/**
 * Glyphs whose ink sits near the centre of their advance: capitals, digits, the round small letters and
 * the punctuation between form numbers ("07, CP", "10 / CP").
 * The narrow ones ("r", "t", "f", "i", "l", "j") and punctuation sit off-centre by up to 0.1 em, which
 * put false spaces in words ("Smi th"); a space is looked for only between two of these, and where a
 * small letter meets a digit ("ed 8"). Never before a comma, period, semicolon or colon (CLOSING):
 * writers put none there. Room there is a speck read as a period ("CP 04 11 35." on a 300 dpi scan) or
 * a real one boxed astray ("$1,000,000 ." on a 200 dpi one): the mark is kept, the reading doubtful.
 */
const CENTRED = /^[A-Z0-9,./;:]$/;
const ROUND_SMALL = /^[a-eg-hk-qs-z]$/;
const CLOSING = /^[,.;:]$/;
const isDigit = (c: string) => c >= '0' && c <= '9';
const mayPartAt = (a: string, b: string) => (CENTRED.test(a) && CENTRED.test(b)) || (isDigit(a) && ROUND_SMALL.test(b)) || (ROUND_SMALL.test(a) && isDigit(b));

/**
 * A symbol box wider than this many times its glyph's advance is not the glyph's alone: the LSTM boxes
 * a glyph over its neighbours now and then ("0" from 41 to 90 px in "T302", the "3" and "2" beside it
 * 24 px wide), and the centre of such a box put a false space in "T30 2" on both reads of a 200 dpi
 * scan. Glyph ink is at most ~0.95 of its advance; blur adds ~0.05 em.
 */
const MAX_BOX_ADVANCE = 1.3;

/** Pairs needed to measure a word's em from its own glyphs, rather than trust the box's font size. */
const MIN_PAIRS = 3;

/**
 * The words of an OCR reading with the spaces the LSTM dropped put back: tesseract reads "CP 04 11 35"
 * as "CP 041135" (digit groups a space apart look like one word to it). Where two neighbouring glyphs'
 * centres lie farther apart than their Helvetica advances say, by half a space or more, a space was
 * there. `emPx` is the font's em in the image's pixels as the box's font size says; a word of enough
 * glyphs measures its own (an auto-sized box may be drawn smaller), from its median pair. `doubtful`
 * when a gap was neither clearly a space nor clearly none, a closing mark stands apart, or a space was
 * found beside a glyph box that is not the glyph's own (MAX_BOX_ADVANCE).
 *
 * Given the image of a one-line reading (`line`), glyphs are placed by their own ink (snapToInk) rather
 * than by the LSTM's boxes, and tesseract's own word breaks are measured too: one with no room for a
 * space is one it invented ("IL O 0 17", "T30 2" on soft 200 dpi scans), and the two words are joined
 * (the first's spelling takes the second's, which becomes ''); one halfway is doubtful.
 */
export function restoreSpaces(words: readonly OcrWord[], emPx: number, line?: GrayImage): { words: string[]; doubtful: boolean } {
  let doubtful = false;
  const snapped = line ? snapToInk(words, line, emPx, advanceEm) : undefined;
  const placed = snapped?.words ?? words;
  const firsts = placed.map((_, i) => placed.slice(0, i).reduce((n, w) => n + w.symbols.length, 0));
  // A glyph placed alone on its own run of ink is centred where its ink is; one sharing a run was placed by advance.
  const onOwnInk = (k: number) => snapped?.sharing[k] === 1;
  const pairAt = (a: OcrSymbol, b: OcrSymbol, k: number) => pairOf(a, b, onOwnInk(k), onOwnInk(k + 1), emPx);
  const spaced = placed.map((w, wi) => {
    const s = w.symbols;
    if (s.length < 2 || s.some((x) => x.text.length !== 1)) return w.text;
    const pairs = s.slice(1).map((b, i) => pairAt(s[i]!, b, firsts[wi]! + i));
    const measured = pairs.map((p) => p.distance / p.advance).sort((x, y) => x - y);
    // The median pair has no space in it as long as most pairs have none; a smaller em than the box's
    // font size says is taken (auto-sized fill), a larger one is not (that would hide spaces).
    const em = pairs.length >= MIN_PAIRS ? Math.min(emPx, measured[Math.floor(measured.length / 2)]!) : emPx;
    // A box is judged by the larger em: a fill drawn larger than its box's font size has wider glyphs.
    const boxEm = Math.max(emPx, measured[Math.floor(measured.length / 2)]!);
    const own = (i: number) => s[i]!.x1 - s[i]!.x0 <= MAX_BOX_ADVANCE * advanceEm(s[i]!.text) * boxEm && s[i]!.x0 >= (s[i - 1]?.x0 ?? -Infinity) && s[i]!.x1 <= (s[i + 1]?.x1 ?? Infinity);
    let text = s[0]!.text;
    pairs.forEach((p, i) => {
      if (!mayPartAt(s[i]!.text, s[i + 1]!.text)) {
        text += s[i + 1]!.text;
        return;
      }
      const extra = p.distance / em - p.advance;
      if (CLOSING.test(s[i + 1]!.text)) {
        if (extra >= DOUBT_EM[0]) doubtful = true;
        text += s[i + 1]!.text;
        return;
      }
      if (extra >= DOUBT_EM[0] && extra < DOUBT_EM[1]) doubtful = true;
      // A space found beside a box that is not its glyph's own may be where that box put it.
      if (extra >= SPACE_EM && !(own(i) && own(i + 1))) doubtful = true;
      text += (extra >= SPACE_EM ? ' ' : '') + s[i + 1]!.text;
    });
    return text;
  });
  if (!line) return { words: spaced, doubtful };
  // Tesseract's own breaks, measured by the em its words' glyphs give together (a word of a glyph or two gives none of its own).
  const within = placed.flatMap((w, wi) => w.symbols.slice(1).map((b, i) => pairAt(w.symbols[i]!, b, firsts[wi]! + i))).map((p) => p.distance / p.advance);
  const lineEm = within.length >= MIN_PAIRS ? Math.min(emPx, within.sort((x, y) => x - y)[Math.floor(within.length / 2)]!) : emPx;
  // Only between glyphs both placed on their ink: a box tesseract stretched ("," boxed over the rest of
  // the line in "07, CP") would put its glyph anywhere.
  for (let i = placed.length - 1; i > 0; i--) {
    const a = placed[i - 1]!.symbols.at(-1);
    const b = placed[i]!.symbols[0];
    if (!a || !b || a.text.length !== 1 || b.text.length !== 1 || !mayPartAt(a.text, b.text)) continue;
    if (!snapped!.onInk[firsts[i]! - 1] || !snapped!.onInk[firsts[i]!]) continue;
    const p = pairAt(a, b, firsts[i]! - 1);
    const extra = p.distance / lineEm - p.advance;
    if (extra >= DOUBT_EM[0] && extra < DOUBT_EM[1]) doubtful = true;
    if (extra >= DOUBT_EM[0]) continue;
    spaced[i - 1] += spaced[i]!;
    spaced[i] = '';
  }
  return { words: spaced, doubtful };
}

/**
 * Two neighbouring glyphs' distance (px) between the centres of their advances and the distance their
 * advances give without a space (em). A glyph's box that is its own ink (`aInk`, `bInk`) is centred in
 * its advance but for Helvetica's "1" (ONE_INK_OFFSET_EM; `emPx` the em in px); another box by its centre.
 */
function pairOf(a: OcrSymbol, b: OcrSymbol, aInk: boolean, bInk: boolean, emPx: number): { distance: number; advance: number } {
  const centre = (s: OcrSymbol, ink: boolean) => (s.x0 + s.x1) / 2 - (ink && s.text === '1' && s.x1 - s.x0 + 1 <= ONE_FLAG_EM * emPx ? ONE_INK_OFFSET_EM * emPx : 0);
  const distance = centre(b, bInk) - centre(a, aInk);
  return { distance, advance: (advanceEm(a.text) + advanceEm(b.text)) / 2 };
}
