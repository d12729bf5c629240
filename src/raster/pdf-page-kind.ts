import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { applyMatrix } from './matrix.js';
import { pageContent, type ImagePlacement } from './page-content.js';

/**
 * - form-fields: AcroForm widgets hold values (read them, not the page);
 * - text-layer: born-digital or flattened, values are text items;
 * - image-only: a scan, nothing visible but images (a scanner's invisible OCR layer may sit on it: `ocrLayer`);
 * - image-with-text: a page-size image with visible text drawn over it (a form printed on a scanned
 *   background, a fax header): its values may be in either;
 * - blank: nothing to read.
 */
export type PdfPageKind = 'form-fields' | 'text-layer' | 'image-only' | 'image-with-text' | 'blank';

export type PdfPageKindReport = {
  page: number;
  kind: PdfPageKind;
  /** Non-blank characters pdfjs extracts (invisible OCR text included). */
  textChars: number;
  filledWidgets: number;
  images: number;
  /** Share of the page area under images, 0..1. */
  imageCoverage: number;
  ocrLayer: boolean;
};

// A page number, a "Page 1 of 4" stamp or a fax banner line is not a text layer.
const MIN_TEXT_CHARS = 20;
const SCAN_COVERAGE = 0.5;

/** Classifies one page (1-based) of a PDF: which reader its values need. */
export async function pdfPageKind(bytes: Uint8Array, doc: PDFDocumentProxy, pageNumber: number): Promise<PdfPageKindReport> {
  const page = await doc.getPage(pageNumber);
  const [text, annotations, content] = await Promise.all([
    page.getTextContent(),
    page.getAnnotations({ intent: 'display' }),
    pageContent(bytes, doc, pageNumber),
  ]);
  let textChars = 0;
  for (const item of text.items) if ('str' in item) textChars += item.str.replace(/\s+/g, '').length;
  // Read-only and hidden fields carry the form author's values (ACORD's Form_EditionIdentifier_A), not the applicant's.
  const filledWidgets = annotations.filter((a) => a.subtype === 'Widget' && !a.readOnly && !a.hidden && hasValue(a.fieldValue)).length;
  const imageCoverage = coverage(content.images, page.view as [number, number, number, number]);
  const scanned = imageCoverage >= SCAN_COVERAGE;
  const kind: PdfPageKind =
    filledWidgets > 0 ? 'form-fields'
    : scanned && content.visibleText === 0 ? 'image-only'
    : scanned && textChars >= MIN_TEXT_CHARS ? 'image-with-text'
    : textChars >= MIN_TEXT_CHARS ? 'text-layer'
    : scanned ? 'image-only'
    : 'blank';
  page.cleanup();
  return {
    page: pageNumber,
    kind,
    textChars,
    filledWidgets,
    images: content.images.length,
    imageCoverage,
    ocrLayer: scanned && content.invisibleText > 0 && textChars > 0,
  };
}

function hasValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasValue);
  return typeof value === 'string' ? value.trim() !== '' && value !== 'Off' : value !== null && value !== undefined;
}

/** Summed area of each image's bounding box clipped to the page (overlaps counted twice), capped at 1. */
function coverage(images: ImagePlacement[], view: [number, number, number, number]): number {
  const [x0, y0, x1, y1] = view;
  const pageArea = (x1 - x0) * (y1 - y0);
  let covered = 0;
  for (const { matrix } of images) {
    const corners = [applyMatrix(matrix, 0, 0), applyMatrix(matrix, 1, 0), applyMatrix(matrix, 0, 1), applyMatrix(matrix, 1, 1)];
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    const w = Math.min(x1, Math.max(...xs)) - Math.max(x0, Math.min(...xs));
    const h = Math.min(y1, Math.max(...ys)) - Math.max(y0, Math.min(...ys));
    if (w > 0 && h > 0) covered += w * h;
  }
  return pageArea > 0 ? Math.min(1, covered / pageArea) : 0;
}
