import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormId } from '../../schemas/submission.js';

/** Form and edition a footer names, and the "Page 2 of 4" printed beside it where it was read. */
export type Footer = { form: FormId; edition: string; text: string; page?: number };

const FOOTER = /ACORD\s*0?(\d{3})\s*\((\d{4})\s*\/\s*(\d{2})\)/;
const PAGE_OF = /Page\s*(\d{1,2})\s*of\s*(\d{1,2})/i;

/** Reads "ACORD 125 (2016/03)" (and "Page N of M" if present) from footer text; null for other forms or none. */
export function parseFooter(text: string): Footer | null {
  const m = FOOTER.exec(text);
  if (!m) return null;
  const form = FormId.safeParse(m[1]);
  if (!form.success) return null;
  const footer: Footer = { form: form.data, edition: `${m[2]}/${m[3]}`, text: `ACORD ${m[1]} (${m[2]}/${m[3]})` };
  const page = parsePageNumber(text);
  if (page !== undefined) footer.page = page;
  return footer;
}

/** N of "Page N of M", when it is a page that can be. */
export function parsePageNumber(text: string): number | undefined {
  const m = PAGE_OF.exec(text);
  return m && +m[1]! >= 1 && +m[1]! <= +m[2]! ? +m[1]! : undefined;
}

/**
 * The printed footer of a page, or null. ACORD prints it in the bottom 60 pt; looking only there
 * keeps references in body text ("Attach ACORD 823") out. Text extraction costs ~10 ms a page, so
 * callers ask only for the pages they need.
 */
export async function readFooter(doc: PDFDocumentProxy, pageNumber: number): Promise<Footer | null> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const bottom = (page.view[1] ?? 0) + 60;
  const strip = content.items
    .filter((item) => 'str' in item && item.transform[5] <= bottom)
    .map((item) => ('str' in item ? item.str : ''))
    .join(' ');
  return parseFooter(strip);
}
