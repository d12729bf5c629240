import { cleanText, degrees, drawLinesOfText, lineSplit, rgb, type PDFFont, type PDFName, type PDFPage, type RGB } from 'pdf-lib';

export type TextOptions = { x: number; y: number; size: number; font: PDFFont; color?: RGB };

const BLACK = rgb(0, 0, 0);
const fontNames = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

/**
 * Writes the operators pdf-lib's `page.drawText` writes for the same text, font, size, colour and place.
 * pdf-lib's own adds a fresh name for the font to the page's resources on every call (two when the page had
 * another font set), each found free by scanning all names before it: a packet page of a few hundred lines
 * carried hundreds of names for its three fonts, and naming them took more time than drawing. Here a font
 * gets one name per page.
 */
export function drawText(page: PDFPage, text: string, { x, y, size, font, color = BLACK }: TextOptions): void {
  let names = fontNames.get(page);
  if (!names) fontNames.set(page, (names = new Map()));
  let name = names.get(font);
  if (!name) names.set(font, (name = page.node.newFontDictionary(font.name, font.ref)));
  const lines = lineSplit(cleanText(text)).map((line) => font.encodeText(line));
  page.pushOperators(...drawLinesOfText(lines, { color, font: name, size, lineHeight: size, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0), x, y }));
}
