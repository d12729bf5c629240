import type { SubmissionData } from '../../schemas/submission.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';
import { SubmissionBuilder } from './submission-builder.js';

/**
 * Reads one form instance's filled AcroForm fields into the model. A field with widgets on several
 * pages (the customer id on every 125 page) is read once, from its first widget. Fields the template
 * does not know are listed, not dropped silently: a newer edition may carry data we do not map yet.
 */
export function extractAcroForm(form: IdentifiedForm, pages: readonly PdfPage[], documentId: string): { data: SubmissionData; unknownFields: string[] } {
  const builder = new SubmissionBuilder();
  const seen = new Set<string>();
  const unknownFields: string[] = [];
  for (const pageNumber of form.pages) {
    const page = pages[pageNumber - 1]!;
    for (const w of page.widgets) {
      if (seen.has(w.name)) continue;
      seen.add(w.name);
      const field = form.template.byName.get(w.name);
      if (!field) {
        if (w.value.trim() !== '' && w.value !== 'Off') unknownFields.push(w.name);
        continue;
      }
      if (!field.path) continue;
      builder.set(field.path, w.value, { document: documentId, page: pageNumber, rect: w.rect, method: 'acroform', field: w.name });
    }
  }
  return { data: builder.build(), unknownFields };
}
