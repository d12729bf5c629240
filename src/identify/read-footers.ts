import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormId } from '../../schemas/submission.js';

export type Footer = { form: FormId; edition: string; text: string };

const FOOTER = /ACORD\s*0?(\d{3})\s*\((\d{4})\s*\/\s*(\d{2})\)/;

/** Reads "ACORD 125 (2016/03)" from a line of text; null for other forms or none. */
export function parseFooter(text: string): Footer | null {
  const m = FOOTER.exec(text);
  if (!m) return null;
  const form = FormId.safeParse(m[1]);
  if (!form.success) return null;
  return { form: form.data, edition: `${m[2]}/${m[3]}`, text: `ACORD ${m[1]} (${m[2]}/${m[3]})` };
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
  for (const item of content.items) {
    if (!('str' in item) || item.transform[5] > bottom) continue;
    const found = parseFooter(item.str);
    if (found) return found;
  }
  return null;
}
