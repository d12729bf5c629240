import { ParseSpeeds, PDFDocument } from 'pdf-lib';

// pdf-lib parses the whole file: do it once per input buffer, however many readers and pages ask.
const documents = new WeakMap<Uint8Array, Promise<PDFDocument | null>>();

/**
 * pdf-lib's view of a PDF's bytes, or null where pdf-lib cannot read them: encrypted copies (pdf-lib
 * parses them to the end before refusing, so the /Encrypt marker is checked first) and damage that
 * pdfjs repairs. Strict about invalid objects, so a half-read file goes to pdfjs instead.
 */
export function pdfLibDocument(bytes: Uint8Array): Promise<PDFDocument | null> {
  let doc = documents.get(bytes);
  if (!doc) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/Encrypt');
    doc = encrypted
      ? Promise.resolve(null)
      : // Fastest: parse without yielding to the event loop every 100 objects (a third of the wall time).
        PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true, parseSpeed: ParseSpeeds.Fastest }).catch(() => null);
    documents.set(bytes, doc);
  }
  return doc;
}
