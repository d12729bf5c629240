import type { ValueType } from '../../../schemas/value-type.js';
import { normalizeValue, type FieldFacts } from '../normalize/normalize-value.js';
import type { GrayImage } from '../raster/gray-image.js';
import { FIELD_WHITELISTS } from './field-whitelists.js';
import type { OcrRequest, OcrResult, OcrSymbol, OcrWord } from './ocr-engine.js';

const both = (s: string) => [...new Set(`${s}${s.toUpperCase()}`)].join('');
const MONTH_LETTERS = both('januaryfebruarymarchaprilmayjunejulyaugustseptemberoctobernovemberdecember');
/** Units brokers write after an area or distance ("3,300 sq ft", "3300 SF", "12 miles"), as the normaliser accepts them. */
const UNIT_LETTERS = both('sqftefilm');

/**
 * What broker spellings of each type (scripts/sample-kit/broker-spellings.ts) add to the type's digit
 * whitelist: month names and ordinals ("Oct 1 2021", "October 1st, 2021", "01-Oct-2021"), units
 * ("3,300 sq ft", "79,000 USD", "25 percent"), extensions ("x12", "ext. 12") and small "pm".
 */
const SPELLING_CHARACTERS: Partial<Record<ValueType, string>> = {
  date: `${MONTH_LETTERS}${both('stndrdth')}, .`,
  integer: `${UNIT_LETTERS}. `,
  decimal: `${UNIT_LETTERS}. `,
  money: 'USD ',
  percent: `${both('percntp')} .`,
  phone: `${both('ext')}:, `,
  time: 'apm',
};

/** A glyph's confidence below which its box may hide what the whitelist kept it from reading. */
const UNSURE_GLYPH = 0.5;

/**
 * A value written with words that normalizes as written ("Oct 1 2021", "3,300 sq ft", "79,000 USD"):
 * the digit clean-up would turn its letters into digits ("0ct12021"). Undefined for anything else.
 */
export function asSpelled(type: ValueType, text: string, facts: FieldFacts): string | undefined {
  if (!SPELLING_CHARACTERS[type]) return undefined;
  const t = text.replace(/\s+/g, ' ').trim();
  return /[A-Za-z]{2}/.test(t) && normalizeValue(type, t, facts).value !== null ? t : undefined;
}

/**
 * A second read of a box of digits whose first read lost letters: its clean text is no value of the
 * type ("Oct 1 2021" read "12021"), or an unsure glyph's box is wider than a glyph ("250 SF" read
 * "250"). Read with the letters the type's spellings use, it is taken when it is such a spelling; the
 * type's digit whitelist stays the cheap first read for the many boxes written in digits.
 */
export async function rereadSpelled<R extends OcrResult>(
  type: ValueType,
  first: { result: R; raw: string },
  image: GrayImage,
  request: OcrRequest,
  emPx: number,
  facts: FieldFacts,
  read: { recognize: (img: GrayImage, req: OcrRequest) => Promise<R>; clean: (text: string) => string },
): Promise<{ result: R; raw: string; whitelist: string } | undefined> {
  const extra = SPELLING_CHARACTERS[type];
  if (!extra || first.raw === '') return undefined;
  const valid = normalizeValue(type, first.raw, facts).value !== null;
  if (valid && !lostGlyphs(first.result.words, emPx)) return undefined;
  const whitelist = `${FIELD_WHITELISTS[type]}${extra}`;
  const result = await read.recognize(image, { ...request, whitelist });
  const raw = read.clean(result.text);
  return asSpelled(type, raw, facts) === undefined ? undefined : { result, raw, whitelist };
}

/**
 * Whether the read left glyphs out: an unsure glyph whose box is wider than any glyph (Helvetica's
 * widest are under 1 em). The LSTM stretches the last digit it could read over the letters the
 * whitelist kept it from reading ("0" over "0 SF", "4" over "4 USD": 2–3 em at confidence 0.00–0.01);
 * two digits it merged are as wide but sure (0.98 and up; measured on the shipped scans and the real
 * forms' 200 dpi scans).
 */
function lostGlyphs(words: readonly OcrWord[], emPx: number): boolean {
  return words.some((w) => w.symbols.some((s) => stretchedOverUnread(s, emPx)));
}

/** An unsure glyph boxed wider than any glyph: the LSTM stretched it over glyphs it did not read (lostGlyphs). */
export const stretchedOverUnread = (s: OcrSymbol, emPx: number) => s.x1 - s.x0 > emPx && s.confidence < UNSURE_GLYPH;
