import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { imageCoverage, SCAN_COVERAGE } from './image-coverage.js';
import { pageContent } from './page-content.js';

/**
 * - form-fields: AcroForm widgets hold values (read them, not the page);
 * - text-layer: born-digital or flattened, values are text items;
 * - image-only: a scan, nothing visible but images (a scanner's invisible OCR layer may sit on it: `ocrLayer`);
 * - image-with-text: a page-size image with visible text drawn over it (a form printed on a scanned
 *   background, a fax header): its values may be in either;
 * - vector-outlines: no text and no page-size image, but text drawn as filled outlines (Microsoft Print
 *   to PDF, Ghostscript's -dNoOutputFonts): only its rendering can be read;
 * - blank: nothing to read.
 */
export type PdfPageKind = 'form-fields' | 'text-layer' | 'image-only' | 'image-with-text' | 'vector-outlines' | 'blank';

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
  /** Filled subpaths shaped like glyphs: text drawn as outlines. */
  glyphShapes: number;
};

// A page number, a "Page 1 of 4" stamp or a fax banner line is not a text layer.
const MIN_TEXT_CHARS = 20;
/** A few lines of text drawn as outlines; an outlined ACORD 125 page fills 3,000 to 7,000, a vector logo a few dozen. */
const MIN_OUTLINE_GLYPHS = 200;

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
  const coverage = imageCoverage(content.images, page.view);
  const scanned = coverage >= SCAN_COVERAGE;
  const kind: PdfPageKind =
    filledWidgets > 0 ? 'form-fields'
    : scanned && content.visibleText === 0 ? 'image-only'
    : scanned && textChars >= MIN_TEXT_CHARS ? 'image-with-text'
    : textChars >= MIN_TEXT_CHARS ? 'text-layer'
    : scanned ? 'image-only'
    : content.glyphShapes >= MIN_OUTLINE_GLYPHS ? 'vector-outlines'
    : 'blank';
  page.cleanup();
  return {
    page: pageNumber,
    kind,
    textChars,
    filledWidgets,
    images: content.images.length,
    imageCoverage: coverage,
    ocrLayer: scanned && content.invisibleText > 0 && textChars > 0,
    glyphShapes: content.glyphShapes,
  };
}

function hasValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasValue);
  return typeof value === 'string' ? value.trim() !== '' && value !== 'Off' : value !== null && value !== undefined;
}
