import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FormId } from '../../../schemas/submission.js';

/**
 * Form and edition a footer names, and the "Page 2 of 4" printed beside it where it was read. `form`
 * is any ACORD form number ("160"): a form without a template is recognised, to be listed as not read.
 */
export type Footer = { form: string; edition: string; text: string; page?: number };

const FOOTER = /ACORD\s*(\d{1,4})\s*\((\d{4})\s*\/\s*(\d{2})\)/;
const PAGE_OF = /Page\s*(\d{1,2})\s*of\s*(\d{1,2})/i;

/** Reads "ACORD 125 (2016/03)" (and "Page N of M" if present) from footer text, of any ACORD form; null for none. */
export function parseFooter(text: string): Footer | null {
  const m = FOOTER.exec(text);
  if (!m) return null;
  // "ACORD 0125" is the 125.
  const form = String(Number(m[1]));
  const footer: Footer = { form, edition: `${m[2]}/${m[3]}`, text: `ACORD ${form} (${m[2]}/${m[3]})` };
  const page = parsePageNumber(text);
  if (page !== undefined) footer.page = page;
  return footer;
}

/** The form a footer names when acord-prep has templates for it; undefined for a form it does not read. */
export function formWithTemplates(footer: Footer): FormId | undefined {
  const form = FormId.safeParse(footer.form);
  return form.success ? form.data : undefined;
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
