import type { FieldNotRead } from '../../../schemas/extraction-outcome.js';
import type { SubmissionData } from '../../../schemas/submission.js';
import type { Limits } from '../../config/limits.js';
import { ImageReadError } from '../../errors.js';
import type { PdfPage } from '../pdf/read-pdf-pages.js';
import { openImageFile } from '../raster/image-file-pages.js';
import { DocumentBudget, overBytes } from './document-budget.js';
import type { ExtractedDocument, OcrProvider } from './extract-document.js';
import { flagUnverifiedLayout } from './flag-unverified-layout.js';
import { identifyOrThrow, toDocumentRef } from './identify-form-pages.js';
import { orLossRun } from './or-loss-run.js';
import type { OnReadProgress } from './read-progress.js';
import { extractScannedForm } from './scanned-form-extractor.js';
import { footerOfScan, scannedPageReads } from './scanned-page-reads.js';
import { imageCache } from './upright-page-cache.js';

/** Reads a scanned image file (TIFF, JPEG, PNG) page by page by OCR; an image of no ACORD form may be a loss run. */
export async function readImageDocument(bytes: Uint8Array, fileName: string, id: string, ocr: OcrProvider, limits: Limits, progress: OnReadProgress, onPage?: (page: number) => void): Promise<ExtractedDocument> {
  if (bytes.byteLength > limits.fileBytes) throw new ImageReadError(fileName, 'too-large', overBytes(bytes, limits));
  // The page count is checked (openTiff) before any page is decoded; pages are decoded one at a time, on demand.
  const file = openImageFile(bytes, fileName, limits);
  const budget = new DocumentBudget(fileName, limits, onPage);
  try {
    const ocrOf = () => budget.ocr(ocr());
    const pages: PdfPage[] = Array.from({ length: file.pageCount }, (_, i) => ({ page: i + 1, ...file.pageSize(i + 1), widgets: [] }));
    const imageOf = imageCache((n) => budget.page(n, () => file.page(n)), ocrOf);
    progress({ stage: 'identify', pages: file.pageCount });
    // An image page's ink is not measured here: every unidentified image page counts as not read.
    const scannedReads = scannedPageReads(imageOf, ocrOf);
    const identified = await orLossRun(identifyOrThrow(pages, fileName, (n) => footerOfScan(n, imageOf, ocrOf, scannedReads), async () => false), {
      id,
      fileName,
      pageCount: file.pageCount,
      printedText: async () => null,
      imageOf,
      ocr: ocrOf,
      checkTime: (n) => budget.checkTime(n),
      progress,
    });
    if ('document' in identified) return identified;
    const { forms, formsNotRead, warnings, pagesNotRead } = identified;
    const parts: SubmissionData[] = [];
    const fieldsNotRead: FieldNotRead[] = [];
    for (const form of forms) {
      budget.checkTime(form.pages[0]);
      progress({ stage: 'ocr', page: form.pages[0], pages: file.pageCount });
      form.identifiedBy = 'footer-ocr';
      const scanned = await extractScannedForm(form, scannedReads, id, fileName);
      const reviewed = flagUnverifiedLayout(form, scanned.data, fileName);
      parts.push(reviewed.data);
      warnings.push(...scanned.warnings, ...reviewed.warnings);
      pagesNotRead.push(...scanned.pagesNotRead);
      fieldsNotRead.push(...scanned.fieldsNotRead);
    }
    return { document: toDocumentRef(id, fileName, 'image', file.pageCount, forms, formsNotRead), parts, unplaced: [], pagesNotRead, fieldsNotRead, warnings };
  } finally {
    budget.close();
  }
}
