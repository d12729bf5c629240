import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { ReadDocumentJob, type ReadDocumentSummary } from '../schemas/jobs.js';
import { loadLimits } from '../src/config/limits.js';
import { AcordPrepError } from '../src/errors.js';
import { DocumentReaderThread } from '../src/read/extract/document-reader-thread.js';
import type { ReadProgress } from '../src/read/extract/read-progress.js';
import { readStoredDocument } from '../src/service/read-stored-document.js';
import { ContentStore } from '../src/store/content-store.js';
import { readSandboxSettings, SandboxSettings } from './sandbox-settings.js';

/**
 * The read-document job, run by BullMQ in a child process (a sandbox): pdfjs and OCR block their
 * thread and may use a lot of memory, and a crash here costs one attempt, not the worker. Each document
 * is read in this process's DocumentReaderThread, stopped at its deadline even inside a page; the thread
 * (and its OCR workers) is started with the process and kept for the next job.
 */
const settings = readSandboxSettings(SandboxSettings, 'read-document');
const store = new ContentStore(settings.storeDir);
// The thread does the reading, so SANDBOX_MEMORY_MB is its heap.
const reader = new DocumentReaderThread({ ...loadLimits(), heapMbPerDocument: settings.readerHeapMb });
// Started now, not by the first job; a thread that cannot start fails that job with the reason.
reader.start().catch(() => undefined);

export default async function readDocument(job: SandboxedJob): Promise<ReadDocumentSummary> {
  const payload = ReadDocumentJob.parse(job.data);
  try {
    // Progress is a report: a lost message to the parent must not fail the reading.
    const onProgress = (progress: ReadProgress) => void job.updateProgress(progress).catch(() => undefined);
    return await readStoredDocument(payload, { store, dataDir: settings.dataDir, reader, onProgress });
  } catch (err) {
    // The same bytes fail the same way: no retry. A failure of the machine is thrown as is, to be retried.
    if (err instanceof AcordPrepError && !err.retryable) throw new UnrecoverableError(`[${err.code}] ${err.message}`);
    throw err;
  }
}
