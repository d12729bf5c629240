import type { ValueType } from '../../../schemas/value-type.js';
import { normalizeValue, type FieldFacts } from '../normalize/normalize-value.js';
import type { OcrWord } from './ocr-engine.js';

/** Value types whose syntax is free enough that tesseract's language model has something to say. */
const FREE_TYPES: ReadonlySet<ValueType> = new Set(['text', 'code', 'email', 'url']);

/**
 * The OCR's confidence in a value: its least sure word, one misread word in a long value not
 * averaged away by the rest. For numbers, dates, states and the like, tesseract's word confidence
 * is its dictionary's verdict (near 0 for "TX" or "$444,420" read right), so the characters' own
 * confidence is used; for free text both count. Measured on 12 test renders and scans of the 125's
 * page 1 (1 176 values, 37 wrong): 9 wrong values at or above 0.8 and 82 right ones below it; the
 * word confidence alone gave 8 and 149, the characters' alone 14 and 58.
 */
export function ocrConfidence(type: ValueType, words: OcrWord[]): number {
  const symbols = Math.min(...words.map((w) => w.minSymbolConfidence));
  if (!FREE_TYPES.has(type)) return symbols;
  return (Math.min(...words.map((w) => w.confidence)) + symbols) / 2;
}

/**
 * Whether a cleaned OCR reading looks like a value of its box: it normalizes by its type (a number's
 * commas must group thousands, so "32,0000" does not) or says the box does not apply ("N/A"), and it
 * fits the box's maxLength.
 */
export function plausibleValue(type: ValueType, raw: string, maxLength: number, facts: FieldFacts = {}): boolean {
  const { value, notApplicable } = normalizeValue(type, raw, facts);
  return (value !== null || notApplicable === true) && !(maxLength > 0 && raw.length > maxLength);
}
