import type { FormInstance } from '../../../schemas/submission.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';
import { loadTemplates, nearestTemplate, type LoadedTemplate } from '../templates/template-registry.js';
import { formWithTemplates, type Footer } from './read-footers.js';

export type IdentifiedForm = FormInstance & {
  template: LoadedTemplate;
  templateEdition: string;
  /** For each entry of `pages`, the template page it is (1-based). */
  templatePages: number[];
  /**
   * Whether the template's boxes are known to be where this form's are: the template is of the printed
   * edition, or every page's widgets sat exactly where the template's do. When false, values read by
   * position may come from the wrong box and go to review.
   */
  layoutVerified: boolean;
};

/** A form found by its footer that has no template (an ACORD 160, 139 …): its pages are listed, never read. */
export type FormNotRead = { form: string; edition: string; pages: number[] };

export type Identification = { forms: IdentifiedForm[]; formsNotRead: FormNotRead[]; unidentifiedPages: number[] };

/** Reads a page's printed footer; identification asks only where fields do not answer exactly. */
export type FooterReader = (pageNumber: number) => Promise<Footer | null>;

/** `exact`: every field of the template page is there, in place (a zero-size one may be missing) — the layout itself names the edition. */
type PageMatch = { template: LoadedTemplate; templatePage: number; exact: boolean };

const RECT_TOLERANCE = 3;

type ScoredMatch = PageMatch & { score: number };

/**
 * For each template that shares names with a page of fillable fields, its page sharing most names and
 * positions with it: a name in place counts 1, elsewhere ½. Editions reuse the data dictionary's names,
 * so only positions tell them apart; where whole pages are alike in two editions (126 pages 1–3 of
 * 2016/09 and 2025/03, 140 page 3), they tie.
 */
function fieldMatches(page: PdfPage): ScoredMatch[] {
  const matches: ScoredMatch[] = [];
  for (const template of loadTemplates()) {
    let best: ScoredMatch | undefined;
    for (const [i, names] of template.namesOnPage.entries()) {
      let score = 0;
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
        const exact = [...template.laidOutOnPage[i]!].every((n) => placedNames.has(n)) && page.widgets.every((w) => placedNames.has(w.name));
        best = { template, templatePage: i + 1, score, exact };
      }
    }
    if (best) matches.push(best);
  }
  return matches;
}

const topScored = (matches: ScoredMatch[]) => matches.filter((m) => m.score === Math.max(...matches.map((x) => x.score)));

/**
 * Splits a PDF's pages into ACORD form instances: which form and edition each page belongs to, and
 * where one form ends and the next begins (a template page number that does not go up starts a new
 * one). Fillable pages are matched by their fields' names and positions; where editions tie on a page,
 * the template that reads most of the following pages in order is taken, so one physical form stays
 * one instance. The printed footer is read for pages without fields, for pages whose fields no template
 * matches exactly, and for the first page of a form whose layout several templates match: on a form's
 * first page, its footer then names the edition and picks the template.
 * A page whose footer names a form without a template is listed in `formsNotRead`, whatever its fields
 * look like: ACORD forms share the data dictionary's field names, so a fillable 160 resembles a 125.
 */
export async function identifyPdfForms(pages: readonly PdfPage[], footerOf: FooterReader): Promise<Identification> {
  const matches = pages.map((p) => (p.widgets.length ? fieldMatches(p) : []));
  const tops = matches.map(topScored);
  /** How many pages from `start` on `template` reads in order as well as any template does, and how many of them exactly. */
  const run = (start: number, template: LoadedTemplate) => {
    let length = 0;
    let exact = 0;
    for (let k = start, last = 0; k < pages.length; k++) {
      const m = tops[k]!.find((x) => x.template === template);
      if (!m || m.templatePage <= last) break;
      last = m.templatePage;
      length++;
      if (m.exact) exact++;
    }
    return { length, exact };
  };
  /** The candidates whose templates read the longest run of pages from `start`, most of them exactly: several where editions share a layout. */
  const longestRuns = (candidates: ScoredMatch[], start: number) => {
    const runs = candidates.map((m) => ({ m, ...run(start, m.template) }));
    const length = Math.max(...runs.map((r) => r.length));
    const exact = Math.max(...runs.filter((r) => r.length === length).map((r) => r.exact));
    return runs.filter((r) => r.length === length && r.exact === exact).map((r) => r.m);
  };

  const forms: IdentifiedForm[] = [];
  const formsNotRead: FormNotRead[] = [];
  const unidentifiedPages: number[] = [];
  let current: IdentifiedForm | undefined;
  /** Consecutive pages of one form and edition are one form, unless a page says it is page 1. */
  const notRead = ({ form, edition, page: printed }: Footer, page: number) => {
    const last = formsNotRead.at(-1);
    if (last && last.form === form && last.edition === edition && last.pages.at(-1) === page - 1 && printed !== 1) last.pages.push(page);
    else formsNotRead.push({ form, edition, pages: [page] });
  };

  for (const [i, page] of pages.entries()) {
    const top = tops[i]!;
    // A form goes on while its template reads the next page, unless another template's layout fits that page
    // exactly or the page looks most like another form.
    const goesOn = (m: ScoredMatch) => top.includes(m) || top.every((t) => !t.exact && t.template.form === m.template.form);
    const ongoing = current && matches[i]!.find((m) => m.template === current!.template && m.templatePage > current!.templatePages.at(-1)! && goesOn(m));
    const choices = ongoing ? [ongoing] : top.length ? longestRuns(top, i) : [];
    let match: PageMatch | undefined = choices[0];
    let by: FormInstance['identifiedBy'] = 'acroform-fields';
    let footer: Footer | null | undefined;
    // Fields that fit no template exactly may be another form's that shares their names: its footer says.
    if (!match || !match.exact) footer = await footerOf(page.page);
    if (footer && !formWithTemplates(footer)) {
      notRead(footer, page.page);
      continue;
    }
    if (!match) {
      const form = footer && formWithTemplates(footer);
      const template = form && nearestTemplate(form, footer!.edition);
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
      if (!match.exact || choices.length > 1) {
        footer ??= await footerOf(page.page);
        // Where positions confirm no single template, footer and layout must agree: the printed edition picks it.
        if (footer?.form === match.template.form) {
          const named = nearestTemplate(match.template.form, footer.edition);
          match = (match.exact ? choices : matches[i]!).find((m) => m.template === named) ?? match;
        }
      }
      const edition = footer?.form === match.template.form ? footer.edition : match.template.edition;
      current = {
        form: match.template.form,
        edition,
        templateEdition: match.template.edition,
        pages: [],
        identifiedBy: by,
        template: match.template,
        templatePages: [],
        layoutVerified: true,
      };
      forms.push(current);
    }
    current!.pages.push(page.page);
    current!.templatePages.push(match.templatePage);
    current!.layoutVerified &&= current!.edition === current!.templateEdition || match.exact;
  }
  return { forms, formsNotRead, unidentifiedPages };
}
