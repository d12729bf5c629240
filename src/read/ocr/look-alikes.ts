import { isCodeLike } from '../normalize/normalize-value.js';
import { isAddressAbbreviation } from './address-abbreviations.js';

/** Glyph pairs Helvetica on a scan makes look alike: a digit and the letter OCR confuses it with. */
export const TWINS: Record<string, string> = { '0': 'O', O: '0', '1': 'I', I: '1', '5': 'S', S: '5', '8': 'B', B: '8', '2': 'Z', Z: '2', '6': 'G', G: '6' };

/**
 * A code-like reading decided by its box's code list: kept when the list has it, else the one spelling
 * the list has among those its look-alike glyphs allow ("0" read in a premium basis box is "O").
 * Undefined when the list decides nothing (no list, none or several spellings in it).
 */
export function resolveByCodeList(raw: string, list: readonly string[] | undefined): string | undefined {
  if (!list || !isCodeLike(raw)) return undefined;
  const upper = raw.toUpperCase();
  if (list.includes(upper)) return upper;
  if (upper.length > 6) return undefined;
  let spellings = [''];
  for (const c of upper) spellings = spellings.flatMap((s) => (TWINS[c] ? [s + c, s + TWINS[c]] : [s + c]));
  const known = spellings.filter((s) => list.includes(s));
  return known.length === 1 ? known[0] : undefined;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isUpper = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';

/**
 * The glyphs of a reading whose look-alike would read as well: in a token of capitals and digits
 * ("CO7614032", "A87977", "1S-2019"), a digit beside a capital or a capital beside a digit that has a
 * twin; or an "I" or "l" no word around it decides. Neither the type (free text, an identifier) nor a
 * list can say which was written (tesseract read "AB7977" for "A87977" at 0.90): only the glyph's own
 * shape can (decideLookAlikes). `byShape` is false where not even that can: Helvetica's "I" and "l"
 * are the same stroke, and after a capital in a two-letter token ("Fl.", "FI") nothing tells them apart
 * but an address abbreviation the token spells in an address-like text ("2nd Fl.").
 */
export function ambiguousGlyphs(raw: string): { index: number; byShape: boolean }[] {
  const found: { index: number; byShape: boolean }[] = [];
  for (const m of raw.matchAll(/[A-Za-z0-9]+/g)) {
    const token = m[0];
    if (/^[A-Z][Il]$/.test(token) && !isAddressAbbreviation(raw, m.index)) found.push({ index: m.index + 1, byShape: false });
    if (!/\d/.test(token) || !/[A-Z]/.test(token)) continue;
    for (let i = 0; i < token.length; i++) {
      const c = token[i]!;
      if (!TWINS[c]) continue;
      const near = [token[i - 1], token[i + 1]];
      if (isDigit(c) ? near.some(isUpper) : near.some(isDigit)) found.push({ index: m.index + i, byShape: true });
    }
  }
  return found;
}
