/**
 * The inside of a DocumentReaderThread (document-reader-thread.ts): reads the documents it is sent, one at
 * a time, with one OCR pool kept for all of them (its tesseract workers cost ~0.5 s each to start).
 * It writes the page being read into shared memory, where the parent reads it even while this thread is
 * stuck inside a page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LimitsSchema } from '../../config/limits.js';
import { asAcordPrepError, toPlainError } from '../../errors.js';
import type { OcrEngine } from '../ocr/ocr-engine.js';
import { OcrPool } from '../ocr/ocr-pool.js';
import { extractDocument } from './extract-document.js';
import type { ReaderThreadData, ReadRequest, ReadResponse } from './document-reader-thread.js';

const port = parentPort;
if (!port) throw new Error('document-reader-thread-entry.ts runs inside the thread DocumentReaderThread starts, not on its own');
const data = workerData as ReaderThreadData;
const limits = Object.freeze(LimitsSchema.parse(data.limits));
const currentPage = new Int32Array(data.currentPage);
let pool: OcrEngine | undefined;
const ocr = data.ocr
  ? () => (pool ??= new OcrPool())
  : () => {
      throw new Error('this reader does not OCR');
    };

port.on('message', async ({ bytes, fileName }: ReadRequest) => {
  Atomics.store(currentPage, 0, 0);
  let response: ReadResponse;
  try {
    const document = await extractDocument(bytes, fileName, { limits, ocr, onPage: (page) => Atomics.store(currentPage, 0, page),
      onProgress: (progress) => port.postMessage({ kind: 'progress', progress } satisfies ReadResponse),
    });
    response = { kind: 'read', document };
  } catch (err) {
    response = { kind: 'failed', error: toPlainError(asAcordPrepError(err, fileName)) };
  }
  try {
    port.postMessage(response);
  } catch (err) {
    // A result that does not survive structured clone is our fault, not the file's: said as such.
    port.postMessage({ kind: 'failed', error: toPlainError(asAcordPrepError(err, fileName)) } satisfies ReadResponse);
  }
});
port.postMessage({ kind: 'ready' } satisfies ReadResponse);
