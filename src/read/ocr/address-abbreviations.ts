/**
 * Abbreviations written in mixed case in addresses whose small "l" Helvetica draws as its capital "I"
 * (the same stroke): the USPS secondary unit designators and street suffixes of Publication 28 with an
 * "l" after their first letter, and the common "Flr". Tesseract reads "2nd Fl." as "2nd FI." and
 * nothing in the glyph says otherwise; the word does.
 */
const ABBREVIATIONS = new Set([
  'Fl', 'Flr', 'Bldg', 'Lbby', 'Lowr', 'Slip', 'Blvd', 'Blf', 'Blfs', 'Clb', 'Clf', 'Clfs', 'Fld', 'Flds', 'Fls', 'Flt', 'Flts', 'Gln', 'Glns', 'Hl', 'Hls',
  'Holw', 'Isl', 'Isle', 'Ml', 'Mls', 'Pl', 'Pln', 'Plns', 'Plz', 'Vl', 'Vly', 'Vlys', 'Vlg', 'Vlgs', 'Ln',
]);

/** Whether `text` is written the way these abbreviations are found in: in mixed case, with a number (an address line). */
const addressLike = (text: string) => /[a-z]/.test(text) && /\d/.test(text);

/** The abbreviation a token spells once its "I"s after the first letter may be "l"s, or undefined. */
function abbreviationOf(token: string): string | undefined {
  if (ABBREVIATIONS.has(token)) return token;
  const spelled = token[0] + token.slice(1).replace(/I/g, 'l');
  return ABBREVIATIONS.has(spelled) ? spelled : undefined;
}

/**
 * `text` with each word that is one of these abbreviations but for an "I" read for its "l" spelled as
 * the abbreviation ("2nd FI." → "2nd Fl."), where the text is address-like: mixed case with a number.
 */
export function spellAddressAbbreviations(text: string): string {
  if (!addressLike(text)) return text;
  return text.replace(/\b[A-Z][A-Za-z]+\b/g, (token) => abbreviationOf(token) ?? token);
}

/** Whether the word at `index` of `text` is one of these abbreviations in an address-like text: its "l" is settled by the word. */
export function isAddressAbbreviation(text: string, index: number): boolean {
  const token = /^[A-Za-z]+/.exec(text.slice(index))?.[0];
  return token !== undefined && addressLike(text) && ABBREVIATIONS.has(token);
}
