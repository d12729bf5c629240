import type { Rect } from '../../../schemas/field.js';
import { UNSURE_CONFIDENCE } from '../../config/review-threshold.js';
import type { SubmissionData } from '../../../schemas/submission.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import type { PageTransform } from '../raster/page-transform.js';
import { alignTextLayer } from '../text-layer/align-text-layer.js';
import { assignTextToFields, type FieldBox } from '../text-layer/assign-text-to-fields.js';
import type { PageText } from '../text-layer/read-page-text.js';
import { SubmissionBuilder } from './submission-builder.js';

/** Text placed by the form's printed anchors and inside its box: as sure as a typed value gets. */
const CONFIDENT = 0.99;

const mapRect = (t: PageTransform, [x, y, w, h]: Rect): Rect => [t.a * x + t.e, t.d * y + t.f, t.a * w, t.d * h];

/**
 * Reads one form instance of a flattened PDF (values drawn as text, check boxes drawn as marks) into
 * the model: each page is aligned to its template page, its text assigned to the template's boxes.
 * A field with boxes on several pages (the customer id on every 125 page) is read from the first
 * page that shows it. `pageTexts` holds the form's pages by document page number. `fullyAnchored`
 * counts the pages on which every printed anchor of the template page was found where the fit puts it:
 * the printed layout there is the template's.
 */
export function extractTextLayer(form: IdentifiedForm, pageTexts: ReadonlyMap<number, PageText>, documentId: string): { data: SubmissionData; fullyAnchored: number } {
  const builder = new SubmissionBuilder();
  const done = new Set<string>();
  let fullyAnchored = 0;
  form.pages.forEach((pageNumber, i) => {
    const text = pageTexts.get(pageNumber);
    const templatePage = form.templatePages[i]!;
    const page = form.template.pages[templatePage - 1];
    if (!text || !page) return;
    // Boxes without a model path still take their text, so it cannot drift into a neighbour.
    const boxes: (FieldBox & { path: string | null })[] = [];
    for (const f of form.template.fields) {
      for (const w of f.widgets) if (w.page === templatePage) boxes.push({ name: f.name, kind: f.kind, rect: w.rect, path: f.path, label: f.label, rowLabel: f.rowLabel, fontSize: f.fontSize });
    }
    const { transform, anchors } = alignTextLayer(text, page);
    if (anchors > 0 && anchors === page.printedText?.anchors.length) fullyAnchored++;
    const byName = new Map(boxes.map((b) => [b.name, b]));
    const layout = page.rules && { rules: page.rules, view: [0, 0, page.width, page.height] as Rect };
    for (const r of assignTextToFields(text, transform, boxes, page.printedText?.inFields ?? [], layout)) {
      const box = byName.get(r.name)!;
      if (!box.path || done.has(r.name)) continue;
      // Some of it given to a box by its alignment (it starts outside), or the page placed by its size
      // alone: a guess, so under the review threshold (0.8 was the threshold itself: never reviewed).
      const confidence = anchors > 0 && !r.guessed ? CONFIDENT : UNSURE_CONFIDENCE;
      const source = { document: documentId, page: pageNumber, rect: mapRect(transform, box.rect), method: 'text-layer' as const, field: r.name };
      if (builder.set(box.path, r.raw, source, confidence)) done.add(r.name);
    }
  });
  return { data: builder.build(), fullyAnchored };
}
