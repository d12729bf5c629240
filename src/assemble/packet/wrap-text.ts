import type { PDFFont } from 'pdf-lib';
import { winAnsiText } from './winansi-text.js';

/**
 * Breaks text into lines no wider than `width` at `size`: at spaces where it can, inside a word
 * where a word alone is too wide (a long e-mail address or policy number), so nothing overflows its
 * cell. Line breaks in the text are kept; each line is made drawable first (winAnsiText). Empty text
 * gives one empty line.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/).map((p) => winAnsiText(p, font))) {
    let line = '';
    for (const word of paragraph.split(' ').filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines.length ? lines : [''];
}
