import type { FieldNotRead } from '../../../schemas/extraction-outcome.js';
import type { SubmissionData, UnplacedValue } from '../../../schemas/submission.js';
import type { Limits } from '../../config/limits.js';
import { PdfReadError } from '../../errors.js';
import { readFooter, type Footer } from '../identify/read-footers.js';
import { openPdf, type PDFDocumentProxy } from '../pdf/open-pdf.js';
import { readAcroFormWidgets } from '../pdf/read-acroform-widgets.js';
import { readPdfPages } from '../pdf/read-pdf-pages.js';
import { pdfPageKind } from '../raster/pdf-page-kind.js';
import { readPageText } from '../text-layer/read-page-text.js';
import { DocumentBudget, overBytes } from './document-budget.js';
import type { ExtractedDocument, OcrProvider } from './extract-document.js';
import { flagUnverifiedLayout } from './flag-unverified-layout.js';
import { identifyOrThrow, onPages, toDocumentRef } from './identify-form-pages.js';
import { mergeSubmissionData } from './merge-submission-data.js';
import { orLossRun } from './or-loss-run.js';
import { pageReaderFor, type PageReader } from './page-readers.js';
import type { OnReadProgress } from './read-progress.js';
import { footerOfScan, scannedPageReads } from './scanned-page-reads.js';
import { imageCache } from './upright-page-cache.js';

/**
 * Reads a PDF: its forms identified from widgets or footers, each page read by the page reader that
 * accepts its kind (PAGE_READERS); a PDF of no ACORD form may be a loss run.
 */
export async function readPdfDocument(bytes: Uint8Array, fileName: string, id: string, ocr: OcrProvider, limits: Limits, progress: OnReadProgress, onPage?: (page: number) => void): Promise<ExtractedDocument> {
  if (bytes.byteLength > limits.fileBytes) throw new PdfReadError(fileName, 'too-large', overBytes(bytes, limits));
  const budget = new DocumentBudget(fileName, limits, onPage);
  const ocrOf = () => budget.ocr(ocr());
  // pdfjs opens what pdf-lib cannot (encrypted copies) and reads printed text; it is opened only when needed.
  let pdfjsDoc: Promise<PDFDocumentProxy> | undefined;
  const pdfjs = () => (pdfjsDoc ??= openPdf(bytes, fileName, limits));
  try {
    const fast = await readAcroFormWidgets(bytes);
    const pages = fast?.some((p) => p.widgets.length) ? fast : await readPdfPages(await pdfjs());
    if (pages.length === 0) throw new PdfReadError(fileName, 'no-pages', 'the PDF has no pages');
    if (pages.length > limits.pagesPerDocument) {
      throw new PdfReadError(fileName, 'too-large', `${pages.length} pages is over the ${limits.pagesPerDocument}-page limit; split the file and send the submission's forms on their own`);
    }
    progress({ stage: 'identify', pages: pages.length });

    const readers = new Map<number, Promise<PageReader>>();
    const readerOf = (n: number) => {
      let r = readers.get(n);
      if (!r) {
        r = pages[n - 1]!.widgets.length ? Promise.resolve(pageReaderFor('form-fields')) : pdfjs().then((doc) => pdfPageKind(bytes, doc, n)).then((k) => pageReaderFor(k.kind));
        readers.set(n, r);
      }
      return r;
    };
    const readingOf = async (n: number) => (await readerOf(n)).kind;
    // The image decoders load with the first page read as a scan, not with a fillable form.
    const imageOf = imageCache(async (n) => budget.page(n, async () => (await import('../raster/scanned-page-image.js')).scannedPageImage(bytes, await pdfjs(), n, { limits, fileName, signal: budget.signal })), ocrOf);
    const scannedReads = scannedPageReads(imageOf, ocrOf);
    const readFooterOf = async (n: number): Promise<Footer | null> => {
      budget.checkTime(n);
      const reading = await readingOf(n);
      if (reading === 'ocr') return footerOfScan(n, imageOf, ocrOf, scannedReads);
      return reading === 'none' ? null : readFooter(await pdfjs(), n);
    };
    const footers = new Map<number, Promise<Footer | null>>();
    const footerOnce = (n: number) => {
      let footer = footers.get(n);
      if (!footer) {
        footer = readFooterOf(n);
        footer.catch(() => undefined); // a prefetch nobody awaits must not be an unhandled rejection
        footers.set(n, footer);
      }
      return footer;
    };
    // Reading page n+1's footer starts with page n's: one OCR worker reads each while the next page decodes.
    const footerOf = (n: number) => {
      if (n < pages.length && !pages[n]!.widgets.length) void footerOnce(n + 1);
      return footerOnce(n);
    };
    const identified = await orLossRun(identifyOrThrow(pages, fileName, footerOf, async (n) => (await readingOf(n)) === 'none'), {
      id,
      fileName,
      pageCount: pages.length,
      printedText: async (n) => ((await readingOf(n)) === 'ocr' ? null : (await readPageText(await pdfjs(), n)).items),
      imageOf,
      ocr: ocrOf,
      checkTime: (n) => budget.checkTime(n),
      progress,
    });
    if ('document' in identified) return identified;
    const { forms, formsNotRead, warnings, pagesNotRead } = identified;

    const parts: SubmissionData[] = [];
    const unplaced: UnplacedValue[] = [];
    const fieldsNotRead: FieldNotRead[] = [];
    for (const form of forms) {
      const byReader = new Map<PageReader, number[]>();
      for (const p of form.pages) {
        const r = await readerOf(p);
        byReader.set(r, [...(byReader.get(r) ?? []), p]);
      }
      if (form.identifiedBy === 'footer-text' && (await readingOf(form.pages[0]!)) === 'ocr') form.identifiedBy = 'footer-ocr';
      // A form is usually read one way; a form whose pages differ (one page re-scanned) is read page group by group.
      const formParts: SubmissionData[] = [];
      for (const [reader, readerPages] of byReader) {
        budget.checkTime(readerPages[0]);
        progress({ stage: reader.kind === 'ocr' ? 'ocr' : 'extract', page: readerPages[0], pages: pages.length });
        const read = await reader.read(onPages(form, readerPages), form, { id, fileName, pages, pdfjs, ocr: ocrOf, scannedReads });
        formParts.push(...read.data);
        unplaced.push(...(read.unplaced ?? []));
        warnings.push(...(read.warnings ?? []));
        pagesNotRead.push(...(read.pagesNotRead ?? []));
        fieldsNotRead.push(...(read.fieldsNotRead ?? []));
        if (read.layoutVerified) form.layoutVerified = true;
      }
      const reviewed = flagUnverifiedLayout(form, formParts.length === 1 ? formParts[0]! : mergeSubmissionData(formParts).data, fileName);
      parts.push(reviewed.data);
      warnings.push(...reviewed.warnings);
    }
    return { document: toDocumentRef(id, fileName, 'pdf', pages.length, forms, formsNotRead), parts, unplaced, pagesNotRead, fieldsNotRead, warnings };
  } finally {
    budget.close();
    if (pdfjsDoc) await (await pdfjsDoc.catch(() => null))?.destroy();
  }
}
