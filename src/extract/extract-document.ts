import { createHash } from 'node:crypto';
import type { DocumentRef, SubmissionData } from '../../schemas/submission.js';
import { PdfReadError, UnknownFormError, UnsupportedFileError } from '../errors.js';
import { identifyPdfForms } from '../identify/identify-pdf-forms.js';
import { readFooter } from '../identify/read-footers.js';
import { isPdf, openPdf, type PDFDocumentProxy } from '../pdf/open-pdf.js';
import { readAcroFormWidgets } from '../pdf/read-acroform-widgets.js';
import { readPdfPages } from '../pdf/read-pdf-pages.js';
import { extractAcordXml } from './acord-xml-extractor.js';
import { extractAcroForm } from './acroform-extractor.js';

/** Larger inputs are refused before parsing: a real ACORD submission PDF is a few MB. */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

export type ExtractedDocument = {
  document: DocumentRef;
  /** One entry per form instance found, in document order. */
  parts: SubmissionData[];
  /** Things a reviewer should know that did not stop the reading. */
  warnings: string[];
};

export const documentId = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<');
}

const pageRange = (pages: number[]) => (pages.length > 1 ? `pages ${pages[0]}–${pages.at(-1)}` : `page ${pages[0]}`);

async function extractPdf(bytes: Uint8Array, fileName: string, id: string): Promise<ExtractedDocument> {
  if (bytes.byteLength > MAX_PDF_BYTES) {
    throw new PdfReadError(fileName, 'too-large', `${(bytes.byteLength / 2 ** 20).toFixed(0)} MB is over the ${MAX_PDF_BYTES / 2 ** 20} MB limit; split the file`);
  }
  // pdfjs opens what pdf-lib cannot (encrypted copies) and reads printed text; it is opened only when needed.
  let pdfjsDoc: Promise<PDFDocumentProxy> | undefined;
  const pdfjs = () => (pdfjsDoc ??= openPdf(bytes, fileName));
  try {
    const fast = await readAcroFormWidgets(bytes);
    const pages = fast?.some((p) => p.widgets.length) ? fast : await readPdfPages(await pdfjs());
    if (pages.length === 0) throw new PdfReadError(fileName, 'no-pages', 'the PDF has no pages');
    const { forms, unidentifiedPages } = await identifyPdfForms(pages, async (n) => readFooter(await pdfjs(), n));
    if (forms.length === 0) {
      throw new UnknownFormError(fileName, `none of its ${pages.length} page(s) is an ACORD 125, 126 or 140 we have a template for (no known form fields, no "ACORD NNN (YYYY/MM)" footer)`);
    }
    const warnings: string[] = [];
    if (unidentifiedPages.length) warnings.push(`${fileName}: ${pageRange(unidentifiedPages)} not part of an ACORD 125/126/140; kept with the document, not read`);
    const parts: SubmissionData[] = [];
    for (const form of forms) {
      const { data, unknownFields } = extractAcroForm(form, pages, id);
      parts.push(data);
      if (unknownFields.length) {
        warnings.push(`${fileName}: ACORD ${form.form} (${form.edition}) ${pageRange(form.pages)}: ${unknownFields.length} filled field(s) the template does not know: ${unknownFields.slice(0, 10).join(', ')}`);
      }
      if (form.pages.every((p) => pages[p - 1]!.widgets.length === 0)) {
        warnings.push(`${fileName}: ACORD ${form.form} (${form.edition}) ${pageRange(form.pages)} has no fillable fields (flattened or scanned); its printed values were not read`);
      }
    }
    const document: DocumentRef = {
      id,
      fileName,
      kind: 'pdf',
      pageCount: pages.length,
      forms: forms.map(({ form, edition, pages: p, identifiedBy }) => ({ form, edition, pages: p, identifiedBy })),
    };
    return { document, parts, warnings };
  } finally {
    if (pdfjsDoc) await (await pdfjsDoc.catch(() => null))?.destroy();
  }
}

/** Reads one input file (PDF or ACORD XML) into model parts, with its document record. */
export async function extractDocument(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  const id = documentId(bytes);
  if (isPdf(bytes)) return extractPdf(bytes, fileName, id);
  if (looksLikeXml(bytes)) {
    const { data, forms } = await extractAcordXml(bytes, { id, fileName });
    return { document: { id, fileName, kind: 'acord-xml', pageCount: 0, forms }, parts: [data], warnings: [] };
  }
  throw new UnsupportedFileError(fileName, 'not a PDF and not ACORD XML; send the ACORD forms as PDF or ACORD XML');
}
