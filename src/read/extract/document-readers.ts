import type { Limits } from '../../config/limits.js';
import type { FileKind } from '../file-kinds/sniff-file-kind.js';
import { spreadsheetFormat } from '../file-kinds/spreadsheet-format.js';
import type { ExtractedDocument, OcrProvider } from './extract-document.js';
import type { OnReadProgress } from './read-progress.js';

/** What is known of a file before it is read: its bytes, name and the kind its bytes say (sniffFileKind). */
export type FileFacts = { bytes: Uint8Array; fileName: string; kind: FileKind };

export type DocumentReadContext = {
  id: string;
  ocr: OcrProvider;
  limits: Limits;
  progress: OnReadProgress;
  onPage?: (page: number) => void;
};

/**
 * One way of reading a whole file. A PDF's pages are then each read by the page reader that accepts
 * their kind (PAGE_READERS: AcroForm, text layer, OCR, blank); a PDF or image holding no ACORD form
 * is read as a carrier's loss run when its first page is titled as one (orLossRun), which only
 * identification can tell, not the file's bytes. Each reader's module loads with its first file, not
 * with this one: a fillable PDF never pays for the XML parser, the spreadsheet readers or the image
 * decoders (a reader thread's start is on the critical path of every cold `acord-prep extract`).
 */
export type DocumentReader = {
  kind: 'schedule-of-values' | 'pdf' | 'image' | 'acord-xml';
  accepts: (file: FileFacts) => boolean;
  read: (file: FileFacts, context: DocumentReadContext) => Promise<ExtractedDocument>;
};

const scheduleOfValues: DocumentReader = {
  kind: 'schedule-of-values',
  accepts: ({ bytes, fileName, kind }) => spreadsheetFormat(bytes, fileName, kind) !== null,
  read: async ({ bytes, fileName }, { id, limits }) => (await import('./read-spreadsheet-document.js')).readSpreadsheetDocument(bytes, fileName, id, limits),
};

const pdf: DocumentReader = {
  kind: 'pdf',
  accepts: ({ kind }) => kind.kind === 'pdf',
  read: async ({ bytes, fileName }, { id, ocr, limits, progress, onPage }) => (await import('./read-pdf-document.js')).readPdfDocument(bytes, fileName, id, ocr, limits, progress, onPage),
};

const image: DocumentReader = {
  kind: 'image',
  accepts: ({ kind }) => kind.kind === 'image',
  read: async ({ bytes, fileName }, { id, ocr, limits, progress, onPage }) => (await import('./read-image-document.js')).readImageDocument(bytes, fileName, id, ocr, limits, progress, onPage),
};

const acordXml: DocumentReader = {
  kind: 'acord-xml',
  accepts: ({ kind }) => kind.kind === 'xml',
  async read({ bytes, fileName }, { id, limits }) {
    const { data, forms, unplaced, warnings } = await (await import('./acord-xml-extractor.js')).extractAcordXml(bytes, { id, fileName, limits });
    return { document: { id, fileName, kind: 'acord-xml', pageCount: 0, forms }, parts: [data], unplaced, pagesNotRead: [], fieldsNotRead: [], warnings };
  },
};

/** The file readers, first match wins: a spreadsheet is told by bytes and name before anything else. */
export const DOCUMENT_READERS: readonly DocumentReader[] = [scheduleOfValues, pdf, image, acordXml];
