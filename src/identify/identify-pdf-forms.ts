import type { FormInstance } from '../../schemas/submission.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';
import { findTemplate, loadTemplates, newestTemplate, type LoadedTemplate } from '../templates/template-registry.js';
import type { Footer } from './read-footers.js';

export type IdentifiedForm = FormInstance & {
  template: LoadedTemplate;
  /** For each entry of `pages`, the template page it is (1-based). */
  templatePages: number[];
};

export type Identification = { forms: IdentifiedForm[]; unidentifiedPages: number[] };

/** Reads a page's printed footer; identification asks only where fields cannot answer. */
export type FooterReader = (pageNumber: number) => Promise<Footer | null>;

/** `exact`: every field of the template page is there, in place — the layout itself names the edition. */
type PageMatch = { template: LoadedTemplate; templatePage: number; exact: boolean };

const RECT_TOLERANCE = 3;

/**
 * Which template page a page of fillable fields is: the one whose widgets share most names and
 * positions with it. Positions tell editions apart where they reuse the data dictionary's names;
 * where whole pages are alike (140 page 3), the form already under way wins the tie.
 */
function matchByFields(page: PdfPage, current: LoadedTemplate | undefined): PageMatch | null {
  let best: (PageMatch & { score: number }) | undefined;
  for (const template of loadTemplates()) {
    for (const [i, names] of template.namesOnPage.entries()) {
      let score = template === current ? 0.1 : 0;
      const placedNames = new Set<string>();
      for (const w of page.widgets) {
        if (!names.has(w.name)) continue;
        const placed = template.byName
          .get(w.name)!
          .widgets.some((tw) => tw.page === i + 1 && Math.abs(tw.rect[0] - w.rect[0]) <= RECT_TOLERANCE && Math.abs(tw.rect[1] - w.rect[1]) <= RECT_TOLERANCE);
        score += placed ? 1 : 0.5;
        if (placed) placedNames.add(w.name);
      }
      if (score >= 1 && (!best || score > best.score)) {
        const exact = placedNames.size === names.size && page.widgets.every((w) => placedNames.has(w.name));
        best = { template, templatePage: i + 1, score, exact };
      }
    }
  }
  return best ?? null;
}

/**
 * Splits a PDF's pages into ACORD form instances: which form and edition each page belongs to, and
 * where one form ends and the next begins (a template page number that does not go up starts a new
 * one). Fillable pages are matched by their fields; the printed footer is read for pages without
 * fields and for the first page of each form, whose footer is the word on the edition.
 */
export async function identifyPdfForms(pages: readonly PdfPage[], footerOf: FooterReader): Promise<Identification> {
  const forms: IdentifiedForm[] = [];
  const unidentifiedPages: number[] = [];
  let current: IdentifiedForm | undefined;

  for (const page of pages) {
    let match = page.widgets.length ? matchByFields(page, current?.template) : null;
    let by: FormInstance['identifiedBy'] = 'acroform-fields';
    let footer: Footer | null | undefined;
    if (!match) {
      footer = await footerOf(page.page);
      const template = footer && (findTemplate(footer.form, footer.edition) ?? newestTemplate(footer.form));
      if (template) {
        // Without fields, a page's place in the form is its printed "Page N of M", else it follows the page before.
        const last = current?.template === template ? current.templatePages.at(-1)! : template.pages.length;
        const printed = footer!.page !== undefined && footer!.page <= template.pages.length ? footer!.page : undefined;
        match = { template, templatePage: printed ?? (last < template.pages.length ? last + 1 : 1), exact: false };
        by = 'footer-text';
      }
    }
    if (!match) {
      unidentifiedPages.push(page.page);
      continue;
    }
    const continues = current && current.template === match.template && current.templatePages.at(-1)! < match.templatePage;
    if (!continues) {
      if (!match.exact) footer ??= await footerOf(page.page);
      current = {
        form: match.template.form,
        edition: footer?.form === match.template.form ? footer.edition : match.template.edition,
        pages: [],
        identifiedBy: by,
        template: match.template,
        templatePages: [],
      };
      forms.push(current);
    }
    current!.pages.push(page.page);
    current!.templatePages.push(match.templatePage);
  }
  return { forms, unidentifiedPages };
}
