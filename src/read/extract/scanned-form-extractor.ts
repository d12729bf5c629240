import pLimit from 'p-limit';
import type { Rect } from '../../../schemas/field.js';
import type { FieldNotRead, PageNotRead } from '../../../schemas/extraction-outcome.js';
import type { SubmissionData } from '../../../schemas/submission.js';
import { rectAsStored } from '../align/page-orientation.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import { UNSURE_CONFIDENCE } from '../../config/review-threshold.js';
import { settleHeldReadings } from '../ocr/settle-held-readings.js';
import { applyTransform, type PageTransform } from '../raster/page-transform.js';
import type { PageGeometry, ScannedPageReads } from './scanned-page-reads.js';
import { SubmissionBuilder } from './submission-builder.js';

/**
 * Pages in flight at once: one being decoded and aligned on the main thread while the OCR workers
 * read the other. More only holds more page images in memory (8 MB each at 300 dpi).
 */
const PAGES_IN_FLIGHT = 2;

/**
 * A page aligned with fewer of its printed rules found than this is read, but none of its values counts
 * as sure: a placement one block of evenly spaced rows off still found 39 % of them, and read every
 * answer from its neighbour at up to 0.98. The generated scans align at 0.98 or better.
 */
const SURE_ALIGNMENT = 0.8;

/** A template rect as the bounding box, in the scanned page's own points, of where the image shows it. */
function pageRect(rect: Rect, t: PageTransform, image: PageGeometry): Rect {
  const [x, y, w, h] = rect;
  const corners = [applyTransform(t, x, y), applyTransform(t, x + w, y), applyTransform(t, x, y + h), applyTransform(t, x + w, y + h)];
  const k = 72 / image.dpi;
  const xs = corners.map(([px]) => px * k);
  const ys = corners.map(([, py]) => (image.height - py) * k);
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(Math.min(...xs)), r(Math.min(...ys)), r(Math.max(...xs) - Math.min(...xs)), r(Math.max(...ys) - Math.min(...ys))];
}

/**
 * Reads one form instance from page images (a scanned PDF or image files): each page is aligned to
 * its template page from the printed rules, then every box is read by OCR or ink density. A page that
 * does not align is reported, not guessed at; a box whose OCR failed is listed in `fieldsNotRead`.
 */
export async function extractScannedForm(
  form: IdentifiedForm,
  pageReads: ScannedPageReads,
  documentId: string,
  fileName: string,
): Promise<{ data: SubmissionData; warnings: string[]; pagesNotRead: PageNotRead[]; fieldsNotRead: FieldNotRead[] }> {
  const limit = pLimit(PAGES_IN_FLIGHT);
  const warnings: string[] = [];
  const pagesNotRead: PageNotRead[] = [];
  const firstReads = await Promise.all(
    form.pages.map((pageNumber, i) =>
      limit(async () => {
        const templatePage = form.templatePages[i]!;
        const { page, transform, quality, readings } = await pageReads.of(pageNumber, form.template, templatePage);
        if (page.turned) warnings.push(`${fileName}: page ${pageNumber} was scanned ${page.turned === 180 ? 'upside down' : 'sideways'}; turned ${page.turned}° clockwise to read it`);
        if (!readings) {
          const detail = `does not line up with ACORD ${form.form} (${form.edition}) page ${templatePage} (${Math.round(quality * 100)} % of its printed lines found)`;
          warnings.push(`${fileName}: page ${pageNumber} ${detail}; its values were not read — check the scan`);
          pagesNotRead.push({ page: pageNumber, reason: 'no-alignment', detail });
          return null;
        }
        if (quality < SURE_ALIGNMENT) warnings.push(`${fileName}: page ${pageNumber} lines up only partly with ACORD ${form.form} (${form.edition}) page ${templatePage} (${Math.round(quality * 100)} % of its printed lines found); its values go to review`);
        return { pageNumber, quality, readings, pageRects: readings.map((r) => rectAsStored(pageRect(r.rect, transform, page), page)) };
      }),
    ),
  );
  // Second reads once every page has had its first: the whole form's glyphs check each value.
  const aligned = firstReads.filter((p) => p !== null);
  const settled = await settleHeldReadings(aligned.map((p) => p.readings));
  const pages = aligned.map((p, i) => ({
    pageNumber: p.pageNumber,
    readings: settled[i]!.map((r, k) => ({ ...r, confidence: p.quality < SURE_ALIGNMENT ? Math.min(r.confidence, UNSURE_CONFIDENCE) : r.confidence, pageRect: p.pageRects[k]! })),
  }));
  // In page order, so a field printed on several pages is taken from the first that shows it.
  const builder = new SubmissionBuilder();
  const done = new Set<string>();
  const unread: FieldNotRead[] = [];
  for (const page of pages) {
    for (const r of page.readings) {
      if (done.has(r.name)) continue;
      if (r.unread) {
        unread.push({ page: page.pageNumber, rect: r.pageRect, field: r.name, path: r.path, ...r.unread });
        continue;
      }
      const source = { document: documentId, page: page.pageNumber, rect: r.pageRect, method: 'ocr' as const, field: r.name };
      if (builder.set(r.path, r.raw, source, r.confidence)) done.add(r.name);
    }
  }
  // A box printed on several pages is not read only if no page gave its value.
  const fieldsNotRead = unread.filter((u) => !done.has(u.field));
  for (const u of fieldsNotRead) warnings.push(`${fileName}: page ${u.page}: box ${u.field} (${u.path}) not read (${u.reason}: ${u.detail}); read it from the page, or read the file again`);
  return { data: builder.build(), warnings, pagesNotRead, fieldsNotRead };
}
