import type { PDFFont } from 'pdf-lib';

// Common characters outside WinAnsi with a readable stand-in; anything else left becomes "?".
const STAND_INS: Record<string, string> = { '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2192': '->', '\u2190': '<-', '\u2264': '<=', '\u2265': '>=', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u2715': 'x', '\u2713': 'v', '\u00b7': '-' };

const charsets = new WeakMap<PDFFont, Set<number>>();

/**
 * Text a standard font can draw: the standard 14 fonts encode WinAnsi only, and pdf-lib throws on any
 * other character (a Cyrillic name, an emoji in a remark). Accents outside WinAnsi lose their mark
 * (NFKD), known symbols get a stand-in, the rest becomes "?"; tabs and line breaks become spaces.
 */
export function winAnsiText(text: string, font: PDFFont): string {
  let set = charsets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsets.set(font, set);
  }
  let out = '';
  for (const ch of text.replace(/[\t\r\n\f\v]/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if (set.has(code)) out += ch;
    else if (STAND_INS[ch]) out += STAND_INS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => set.has(c.codePointAt(0)!)) ? base : code < 0x20 ? '' : '?';
    }
  }
  return out;
}
