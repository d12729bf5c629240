import type { SubmissionData } from '../../../schemas/submission.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import type { PdfPage, PdfWidget } from '../pdf/read-pdf-pages.js';
import { SubmissionBuilder } from './submission-builder.js';

/** A filled widget whose name the form's template does not know, with the page it is on. */
export type UnknownWidget = { page: number; widget: PdfWidget };

export const isFilled = (w: PdfWidget) => w.value.trim() !== '' && w.value !== 'Off';

/**
 * Reads one form instance's filled AcroForm fields into the model. A field with widgets on several
 * pages (the customer id on every 125 page) is read once, from its first widget. Filled fields the
 * template does not know are handed back, not dropped: an edition nobody derived still carries data.
 */
export function extractAcroForm(form: IdentifiedForm, pages: readonly PdfPage[], documentId: string): { data: SubmissionData; unknown: UnknownWidget[] } {
  const builder = new SubmissionBuilder();
  const seen = new Set<string>();
  const unknown: UnknownWidget[] = [];
  for (const pageNumber of form.pages) {
    const page = pages[pageNumber - 1]!;
    for (const w of page.widgets) {
      if (seen.has(w.name)) continue;
      seen.add(w.name);
      const field = form.template.byName.get(w.name);
      if (!field) {
        if (isFilled(w)) unknown.push({ page: pageNumber, widget: w });
        continue;
      }
      if (!field.path) continue;
      builder.set(field.path, w.value, { document: documentId, page: pageNumber, rect: w.rect, method: 'acroform', field: w.name });
    }
  }
  return { data: builder.build(), unknown };
}
