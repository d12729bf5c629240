import type { PageNotRead } from '../../../schemas/extraction-outcome.js';
import type { DocumentRef } from '../../../schemas/submission.js';
import { UnknownFormError } from '../../errors.js';
import { identifyPdfForms, type FormNotRead, type IdentifiedForm } from '../identify/identify-pdf-forms.js';
import type { Footer } from '../identify/read-footers.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';

/** "page 3" or "pages 2–4", for warnings. */
export const pageRange = (pages: number[]) => (pages.length > 1 ? `pages ${pages[0]}–${pages.at(-1)}` : `page ${pages[0]}`);

/** The part of a form instance on the given pages. */
export function onPages(form: IdentifiedForm, pages: readonly number[]): IdentifiedForm {
  const keep = form.pages.map((p) => pages.includes(p));
  return { ...form, pages: form.pages.filter((_, i) => keep[i]), templatePages: form.templatePages.filter((_, i) => keep[i]) };
}

export function toDocumentRef(id: string, fileName: string, kind: DocumentRef['kind'], pageCount: number, forms: IdentifiedForm[], formsNotRead: FormNotRead[]): DocumentRef {
  const instances = forms.map(({ form, edition, templateEdition, pages, identifiedBy }) => ({ form, edition, templateEdition, pages, identifiedBy }));
  return { id, fileName, kind, pageCount, forms: instances, ...(formsNotRead.length ? { formsNotRead } : {}) };
}

/**
 * `isBlank` tells a page with nothing on it: an unidentified blank page has no values to lose. A file
 * holding only forms acord-prep does not read (an ACORD 160) is not a failure: they are listed.
 */
export async function identifyOrThrow(pages: PdfPage[], fileName: string, footerOf: (n: number) => Promise<Footer | null>, isBlank: (n: number) => Promise<boolean>) {
  const { forms, formsNotRead, unidentifiedPages } = await identifyPdfForms(pages, footerOf);
  if (forms.length === 0 && formsNotRead.length === 0) {
    throw new UnknownFormError(fileName, `none of its ${pages.length} page(s) is an ACORD 125, 126 or 140, nor another ACORD form (no known form fields, no "ACORD NNN (YYYY/MM)" footer)`);
  }
  const unread: number[] = [];
  for (const page of unidentifiedPages) if (!(await isBlank(page))) unread.push(page);
  const warnings = unread.length ? [`${fileName}: ${pageRange(unread)} not recognised as pages of an ACORD form; kept with the document, not read`] : [];
  const pagesNotRead = unread.map((page): PageNotRead => ({ page, reason: 'unidentified', detail: 'not a page of an ACORD form we recognise' }));
  for (const f of formsNotRead) {
    const detail = `ACORD ${f.form} (${f.edition}): a form acord-prep does not read`;
    warnings.push(`${fileName}: ${pageRange(f.pages)}: ${detail}; listed, not read`);
    pagesNotRead.push(...f.pages.map((page): PageNotRead => ({ page, reason: 'unsupported-form', detail })));
  }
  pagesNotRead.sort((a, b) => a.page - b.page);
  return { forms, formsNotRead, warnings, pagesNotRead };
}
