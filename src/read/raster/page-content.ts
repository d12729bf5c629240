import type { PDFRawStream } from 'pdf-lib';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { pdfLibDocument } from '../pdf/pdf-lib-document.js';
import type { Matrix } from '../geometry/matrix.js';
import { pdfLibPageContent } from './pdf-lib-page-content.js';
import { pdfjsPageContent } from './pdfjs-page-content.js';

export type ImagePlacement = {
  /** Maps the image's unit square into the page's default user space (points, y up). */
  matrix: Matrix;
  /** Samples across and down, as the image dictionary says. */
  width: number;
  height: number;
  /** The image XObject as stored, to take a JPEG out of; null for inline images and when only pdfjs could read the page. */
  stream: PDFRawStream | null;
};

/** What a page paints: enough to tell a scan from a text layer and to know a scan is nothing but its image. */
export type PageContent = {
  images: ImagePlacement[];
  /** Text-showing operators painted visibly / in render mode 3 (invisible: a scanner's OCR layer). */
  visibleText: number;
  invisibleText: number;
  /** Painted paths and shadings: rules, boxes, stamps drawn over a scan. */
  vectorMarks: number;
  /** Filled subpaths shaped like glyphs (see GlyphShapeCounter): text drawn as outlines. */
  glyphShapes: number;
};

// Classifying a page and taking its image each want its content: walked once per opened document.
const walked = new WeakMap<PDFDocumentProxy, Map<number, Promise<PageContent>>>();

/**
 * Reads a page's content stream with pdf-lib: far cheaper than pdfjs's operator list, which decodes
 * every image it meets (~0.25 s for a 300 dpi scan). pdfjs is the fallback when pdf-lib cannot read the file.
 */
export function pageContent(bytes: Uint8Array, doc: PDFDocumentProxy, pageNumber: number): Promise<PageContent> {
  let pages = walked.get(doc);
  if (!pages) walked.set(doc, (pages = new Map()));
  let content = pages.get(pageNumber);
  if (!content) {
    content = readPageContent(bytes, doc, pageNumber);
    pages.set(pageNumber, content);
  }
  return content;
}

async function readPageContent(bytes: Uint8Array, doc: PDFDocumentProxy, pageNumber: number): Promise<PageContent> {
  const pdfLib = await pdfLibDocument(bytes);
  const fromPdfLib = pdfLib && pdfLib.getPageCount() === doc.numPages ? pdfLibPageContent(pdfLib, pageNumber - 1) : null;
  return fromPdfLib ?? pdfjsPageContent(await doc.getPage(pageNumber));
}
