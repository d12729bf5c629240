import type { FieldNotRead, PageNotRead } from '../../../schemas/extraction-outcome.js';
import type { SubmissionData, UnplacedValue } from '../../../schemas/submission.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import type { Ocr } from '../ocr/ocr-engine.js';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';
import { placeUnknownWidgets } from '../place/place-unknown-widgets.js';
import type { PdfPageKind } from '../raster/pdf-page-kind.js';
import { readPageText } from '../text-layer/read-page-text.js';
import { extractAcroForm } from './acroform-extractor.js';
import { pageRange } from './identify-form-pages.js';
import type { ScannedPageReads } from './scanned-page-reads.js';

/** What a page reader may use of its document: opened on first need, page images cached, OCR bound to the deadline. */
export type PageReadContext = {
  id: string;
  fileName: string;
  pages: PdfPage[];
  pdfjs: () => Promise<PDFDocumentProxy>;
  ocr: () => Ocr;
  /** Scanned pages aligned and read, some already while the document was being identified. */
  scannedReads: ScannedPageReads;
};

/** What reading a form's pages gave; absent lists are empty. */
export type PagesRead = {
  data: SubmissionData[];
  unplaced?: UnplacedValue[];
  warnings?: string[];
  pagesNotRead?: PageNotRead[];
  fieldsNotRead?: FieldNotRead[];
  /** Every printed anchor sat where the template has it, on all `form` pages: the layout is the template's. */
  layoutVerified?: boolean;
};

export type PageReader = {
  kind: 'acroform' | 'text-layer' | 'ocr' | 'none';
  accepts: (page: PdfPageKind) => boolean;
  /** Reads `part`, the pages of the form instance `form` this reader accepted. */
  read: (part: IdentifiedForm, form: IdentifiedForm, context: PageReadContext) => Promise<PagesRead>;
};

const acroForm: PageReader = {
  kind: 'acroform',
  accepts: (page) => page === 'form-fields',
  async read(part, _form, { id, pages, pdfjs }) {
    const { data, unknown } = extractAcroForm(part, pages, id);
    const placed = await placeUnknownWidgets(unknown, part, pages, pdfjs, id);
    return { data: [data, ...(placed.data ? [placed.data] : [])], unplaced: placed.unplaced };
  },
};

const textLayer: PageReader = {
  kind: 'text-layer',
  accepts: (page) => page === 'text-layer',
  async read(part, form, { id, pdfjs }) {
    const doc = await pdfjs();
    const texts = new Map(await Promise.all(part.pages.map(async (n) => [n, await readPageText(doc, n)] as const)));
    const read = (await import('./text-layer-extractor.js')).extractTextLayer(part, texts, id);
    // Every printed anchor where the template has it, on every page: the layout is the template's whatever the footer says.
    return { data: [read.data], layoutVerified: read.fullyAnchored === form.pages.length };
  },
};

const scanned: PageReader = {
  kind: 'ocr',
  // Text drawn as outlines is read like a scan, from the page rendered.
  accepts: (page) => page === 'image-only' || page === 'image-with-text' || page === 'vector-outlines',
  async read(part, _form, { id, fileName, scannedReads }) {
    const read = await (await import('./scanned-form-extractor.js')).extractScannedForm(part, scannedReads, id, fileName);
    return { data: [read.data], warnings: read.warnings, pagesNotRead: read.pagesNotRead, fieldsNotRead: read.fieldsNotRead };
  },
};

const blank: PageReader = {
  kind: 'none',
  accepts: (page) => page === 'blank',
  read: async (part, _form, { fileName }) => ({
    data: [],
    warnings: [`${fileName}: ACORD ${part.form} (${part.edition}) ${pageRange(part.pages)}: blank page(s), nothing to read`],
  }),
};

/**
 * How each kind of PDF page is read, best first: the first reader that accepts a page reads it. The text
 * layer's and the scans' readers load with their first page: a fillable form needs neither.
 */
export const PAGE_READERS: readonly PageReader[] = [acroForm, textLayer, scanned, blank];

export function pageReaderFor(page: PdfPageKind): PageReader {
  const reader = PAGE_READERS.find((r) => r.accepts(page));
  if (!reader) throw new Error(`no page reader accepts a ${page} page`);
  return reader;
}
