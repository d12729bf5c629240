import { createRequire } from 'node:module';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { PdfReadError } from '../../errors.js';
import { sniffFileKind } from '../file-kinds/sniff-file-kind.js';

const require = createRequire(import.meta.url);
const PDFJS_ROOT = path.dirname(require.resolve('pdfjs-dist/package.json'));
// ACORD forms use the non-embedded standard 14 fonts: without these, pdfjs warns and mis-measures text.
const STANDARD_FONTS = path.join(PDFJS_ROOT, 'standard_fonts') + path.sep;
const CMAPS = path.join(PDFJS_ROOT, 'cmaps') + path.sep;

export type { PDFDocumentProxy };

/**
 * pdfjs's legacy build carries core-js, which replaces JSON.stringify for the whole process with a polyfill
 * (for JSON.rawJSON, which Node 20 lacks) 15-30x slower: the packet's JSON, the read results, job data
 * and records all paid for it. A fresh realm's own JSON.stringify is put back after pdfjs's main module
 * (loadPdfjs) and its worker module (imported by the first getDocument) have run.
 */
let nativeJsonStringify: typeof JSON.stringify | undefined;
const keepNativeJsonStringify = () => void (JSON.stringify = nativeJsonStringify ??= runInNewContext('JSON.stringify'));

let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/**
 * pdfjs, imported at its first use, not with this module: a fillable form is read through pdf-lib alone,
 * and pdfjs's main module (with the fetch and canvas modules it loads) cost ~0.1 s of every reader
 * thread's start, on the critical path of a cold `acord-prep extract`.
 */
export function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  return (pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    keepNativeJsonStringify();
    return pdfjs;
  }));
}

/**
 * Opens a PDF with pdfjs. Encrypted copies with an empty user password (common for ACORD's
 * XFA forms) open as they are; anything else unreadable becomes a PdfReadError naming the file.
 * Images over the per-image pixel limit are skipped by pdfjs (`maxImageSize`), never decoded.
 */
export async function openPdf(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): Promise<PDFDocumentProxy> {
  if (!isPdf(bytes)) throw new PdfReadError(fileName, 'not-a-pdf', 'the file does not start with %PDF- (after at most junk that is not "<")');
  const pdfjs = await loadPdfjs();
  // pdfjs transfers (empties) the buffer it is given: hand it a copy so the caller keeps its bytes.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    cMapUrl: CMAPS,
    cMapPacked: true,
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
    maxImageSize: limits.pixelsPerImage,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new PdfReadError(fileName, 'encrypted', 'the PDF needs a password to open; ask the sender for an unprotected copy');
    }
    throw new PdfReadError(fileName, 'corrupt', `pdfjs could not parse it (${(err as Error).message})`);
  } finally {
    keepNativeJsonStringify();
  }
}

/** A PDF by its first bytes (see sniffFileKind: `%PDF-` within the first KiB, after no `<`). */
export const isPdf = (bytes: Uint8Array): boolean => sniffFileKind(bytes).kind === 'pdf';
