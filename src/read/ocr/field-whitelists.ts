import type { ValueType } from '../../../schemas/value-type.js';

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
/** Printable ASCII less the backtick, tilde, caret, pipe and braces: on a form they are border or noise, never data. */
const PRINTABLE = `${UPPER}${LOWER}${DIGITS} !"#$%&'()*+,-./:;<=>?@[\\]_`;

/**
 * The characters tesseract may answer for a box of each value type. A narrow whitelist is the
 * cheapest accuracy there is: a date box cannot come back with "O" or "l", so the model has to pick
 * the digit. Separators a printer might use but our normalizer accepts (date "-" and "."; money
 * parentheses for negatives) stay in, so a valid value is never forced into a wrong one. Free text
 * keeps printable ASCII: tesseract's eng set also has curly quotes, dashes and symbols like "™" that
 * it reads into borders and short capitals, and ACORD fills are ASCII.
 */
export const FIELD_WHITELISTS: Record<ValueType, string> = {
  text: PRINTABLE,
  // Without lower case, "l" in "C1l4" has to be a "1" or "I"; words in a code box get their case from CODE_WORDS.
  // "%" for deductible types ("EQ%", "%"): without it a percent sign is read as a letter ("EQY").
  code: `${UPPER}${DIGITS}-/.#&()% `,
  date: `${DIGITS}/-.`,
  time: `${DIGITS}:APM. `,
  // "K" and "M" for amounts written in thousands or millions ("$250K", "$1.25M").
  money: `${DIGITS}$,.()-KMkm`,
  integer: `${DIGITS},`,
  decimal: `${DIGITS},.-`,
  percent: `${DIGITS}.%`,
  year: DIGITS,
  boolean: 'XYx',
  // Small letters too, though clean-up makes them capitals: a lone glyph has no x-height to tell its case
  // by, and tesseract's LSTM reads a lone "N" as "n" at 0.98; with the capitals alone it kept "N" at
  // 0.15–0.53, and each right answer went to review (measured on the shipped 200 and 300 dpi scans).
  yesNo: 'YNyn',
  // Brokers write states as "Co", "Florida" or "Fla." too: small letters and the period keep them readable.
  state: `${UPPER}${LOWER}.`,
  // Letters for Canadian postal codes (A1A 1A1); clean-up turns letters in a US ZIP back into digits.
  postalCode: `${DIGITS}${UPPER}- `,
  phone: `${DIGITS}()-+. xX`,
  taxId: `${DIGITS}-`,
  email: `${UPPER}${LOWER}${DIGITS}@._-+`,
  url: `${UPPER}${LOWER}${DIGITS}:/.-_?=&%#~+`,
};

/**
 * For the second read of a code box that holds words ("Joisted Masonry"): normalization keeps their
 * case, which the code whitelist cannot see.
 */
export const CODE_WORDS_WHITELIST = `${FIELD_WHITELISTS.code}${LOWER}`;
