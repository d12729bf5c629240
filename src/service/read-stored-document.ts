import type { ReadDocumentJob, ReadDocumentSummary } from '../../schemas/jobs.js';
import { asAcordPrepError } from '../errors.js';
import type { DocumentReader } from '../read/extract/document-reader-thread.js';
import { readOutcome } from '../read/extract/extract-submission.js';
import type { OnReadProgress } from '../read/extract/read-progress.js';
import type { ContentStore } from '../store/content-store.js';
import { writeDocumentResult } from './document-results.js';

/** `reader`: the DocumentReaderThread of the process, built with its limits (a hard deadline per document). */
export type ReadStoredDocumentDeps = { store: ContentStore; dataDir: string; reader: DocumentReader; onProgress?: OnReadProgress };

/**
 * Reads one stored document of a submission and keeps what it gave in the results area, read or failed,
 * so the packet step finds every document's result by its hash. Throws the AcordPrepError of a failure
 * (its `retryable` says whether another try may help) after recording it.
 */
export async function readStoredDocument(job: ReadDocumentJob, deps: ReadStoredDocumentDeps): Promise<ReadDocumentSummary> {
  const { submissionId, sha256, fileName } = job;
  try {
    const bytes = await deps.store.read(sha256);
    const extracted = await deps.reader.read(bytes, fileName, deps.onProgress);
    await writeDocumentResult(deps.dataDir, submissionId, sha256, { status: 'read', fileName, extracted });
    deps.onProgress?.({ stage: 'done', pages: extracted.document.pageCount });
    const outcome = readOutcome(fileName, extracted);
    return {
      sha256,
      fileName,
      status: outcome.status === 'read' ? 'read' : 'incomplete',
      forms: outcome.forms.map(({ form, edition }) => ({ form, edition })),
      valuesRead: outcome.valuesRead,
      pid: process.pid,
    };
  } catch (err) {
    const failure = asAcordPrepError(err, fileName);
    await writeDocumentResult(deps.dataDir, submissionId, sha256, { status: 'failed', fileName, error: { code: failure.code, message: failure.message, retryable: failure.retryable } });
    throw failure;
  }
}
