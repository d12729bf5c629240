import { ExtractionOutcome, type FileOutcome } from '../../../schemas/extraction-outcome.js';
import { JITLESS } from '../../../schemas/jitless.js';
import type { LossRun } from '../../../schemas/loss-run.js';
import type { SovSchedule } from '../../../schemas/sov.js';
import { Submission, type DocumentRef, type UnplacedValue } from '../../../schemas/submission.js';
import { loadLimits, type Limits } from '../../config/limits.js';
import { asAcordPrepError } from '../../errors.js';
import { listLeaves } from '../../model/list-leaves.js';
import type { OcrEngine } from '../ocr/ocr-engine.js';
import type { DocumentReader } from './document-reader-thread.js';
import { sha256Of } from '../../store/content-store.js';
import type { ExtractedDocument, OcrProvider } from './extract-document.js';
import { mergeSubmissionData } from './merge-submission-data.js';
import { splitByInsured, type FilePart } from './split-by-insured.js';

export type InputFile = { fileName: string; bytes: Uint8Array };
/** `retryable`: false — the file is at fault, quarantine it; true — a time-out or crash, read it again later. */
export type FileFailure = { fileName: string; code: string; message: string; retryable: boolean };
export type ExtractSubmissionOptions = {
  /** The OCR pool to use; by default one is made for the submission, on first need, and closed after it. */
  ocr?: OcrProvider;
  limits?: Limits;
  /**
   * What reads each file: the CLI gives a DocumentReaderThread (a hard deadline; its own limits and OCR).
   * By default extractDocument in this thread, with `ocr` and `limits`.
   */
  reader?: DocumentReader;
};

export type ExtractionResult = {
  submission: Submission;
  /** Per file and overall: what was read, what was not and why. */
  outcome: ExtractionOutcome;
  /** Files that could not be read at all, each with what to do about it. */
  failures: FileFailure[];
  warnings: string[];
};

/** The outcome of a file read: `incomplete` when a value is unplaced or a page or box was not read. */
export function readOutcome(fileName: string, doc: ExtractedDocument): FileOutcome {
  const clean = doc.unplaced.length === 0 && doc.pagesNotRead.length === 0 && doc.fieldsNotRead.length === 0;
  return {
    fileName,
    document: doc.document.id,
    status: clean ? 'read' : 'incomplete',
    forms: doc.document.forms,
    ...(doc.document.formsNotRead ? { formsNotRead: doc.document.formsNotRead } : {}),
    valuesRead: doc.parts.reduce((n, part) => n + listLeaves(part).length, 0),
    valuesUnplaced: doc.unplaced.length,
    pagesNotRead: doc.pagesNotRead,
    fieldsNotRead: doc.fieldsNotRead,
    warnings: doc.warnings,
  };
}

const emptyOutcome = (fileName: string, document: string | null) => ({ fileName, document, forms: [], valuesRead: 0, valuesUnplaced: 0, pagesNotRead: [], fieldsNotRead: [], warnings: [] });

/** The outcome of a file that could not be read at all (here, or refused before reading by the CLI). */
export const failedOutcome = ({ fileName, code, message, retryable }: FileFailure, document: string | null): FileOutcome => ({
  ...emptyOutcome(fileName, document),
  status: 'failed',
  error: { code, message, retryable },
});

/**
 * What became of one file of a submission: read into a document, failed (with what to do), or the same
 * bytes as an earlier file (`duplicateOf` names it). The workers read each file apart and merge them here.
 */
export type DocumentReading = { fileName: string; id: string } & (
  | { status: 'read'; document: ExtractedDocument }
  | { status: 'failed'; failure: FileFailure }
  | { status: 'duplicate'; duplicateOf: string }
);

/**
 * Merges the readings of a submission's files, in their order, into one Submission with its outcome: the
 * documents read count; failed and duplicate files are listed in the outcome.
 */
export function mergeDocumentReadings(readings: readonly DocumentReading[]): ExtractionResult {
  const documents: DocumentRef[] = [];
  const parts: FilePart[] = [];
  const unplaced: UnplacedValue[] = [];
  const failures: FileFailure[] = [];
  const warnings: string[] = [];
  const outcomes: FileOutcome[] = [];
  const schedulesOfValues: SovSchedule[] = [];
  const lossRuns: LossRun[] = [];
  for (const reading of readings) {
    if (reading.status === 'duplicate') {
      warnings.push(`${reading.fileName}: the same bytes as ${reading.duplicateOf}; read once`);
      outcomes.push({ ...emptyOutcome(reading.fileName, reading.id), status: 'duplicate', duplicateOf: reading.duplicateOf });
    } else if (reading.status === 'failed') {
      failures.push(reading.failure);
      outcomes.push(failedOutcome(reading.failure, reading.id));
    } else {
      const doc = reading.document;
      documents.push(doc.document);
      parts.push(...doc.parts.map((data) => ({ fileName: reading.fileName, data })));
      unplaced.push(...doc.unplaced);
      schedulesOfValues.push(...(doc.schedulesOfValues ?? []));
      if (doc.lossRun) lossRuns.push(doc.lossRun);
      warnings.push(...doc.warnings);
      outcomes.push(readOutcome(reading.fileName, doc));
    }
  }
  const { toMerge, differentInsureds, warning } = splitByInsured(parts);
  const { data, conflicts } = mergeSubmissionData(toMerge);
  const everyFileRead = outcomes.every((o) => o.status === 'read' || o.status === 'duplicate');
  const status = documents.length === 0 ? 'failed' : everyFileRead && differentInsureds.length === 0 ? 'complete' : 'incomplete';
  return {
    submission: Submission.parse({
      ...data,
      documents,
      ...(schedulesOfValues.length ? { schedulesOfValues } : {}),
      ...(lossRuns.length ? { lossRuns } : {}),
      conflicts,
      unplaced,
    }, JITLESS),
    outcome: ExtractionOutcome.parse({ status, files: outcomes, differentInsureds, warnings: warning ? [warning] : [] }, JITLESS),
    failures,
    warnings,
  };
}

/**
 * extractDocument in this thread, loaded only now: given a reader (a thread), this process never loads the
 * readers. One OCR pool for the whole submission, started only if a scanned page needs it; `close` ends it.
 */
async function inPlaceReader(ocr: OcrProvider | undefined, limits: Limits): Promise<DocumentReader & { close(): Promise<void> }> {
  const [{ extractDocument }, { OcrPool }] = await Promise.all([import('./extract-document.js'), import('../ocr/ocr-pool.js')]);
  let pool: OcrEngine | undefined;
  const provider = ocr ?? (() => (pool ??= new OcrPool()));
  return { read: (bytes, fileName) => extractDocument(bytes, fileName, { ocr: provider, limits }), close: async () => pool?.close() };
}

/**
 * Reads the files of one submission and merges them into one Submission. A file that cannot be read
 * is reported and skipped; the others still count. The same bytes twice are one document. Without
 * `limits`, the defaults with the ACORD_PREP_LIMITS overrides apply (loadLimits).
 */
export async function extractSubmission(files: readonly InputFile[], options: ExtractSubmissionOptions = {}): Promise<ExtractionResult> {
  const limits = options.limits ?? loadLimits();
  const readings: DocumentReading[] = [];
  const seen = new Map<string, string>();
  const inPlace = options.reader ? undefined : await inPlaceReader(options.ocr, limits);
  const reader = options.reader ?? inPlace!;
  try {
    for (const file of files) {
      const id = sha256Of(file.bytes);
      const first = seen.get(id);
      if (first) {
        readings.push({ fileName: file.fileName, id, status: 'duplicate', duplicateOf: first });
        continue;
      }
      seen.set(id, file.fileName);
      try {
        const document = await reader.read(file.bytes, file.fileName);
        readings.push({ fileName: file.fileName, id, status: 'read', document });
      } catch (err) {
        // One bad file must not sink the others: an unexpected fault is reported like any unreadable file.
        const { code, message, retryable } = asAcordPrepError(err, file.fileName);
        readings.push({ fileName: file.fileName, id, status: 'failed', failure: { fileName: file.fileName, code, message, retryable } });
      }
    }
  } finally {
    await inPlace?.close();
  }
  return mergeDocumentReadings(readings);
}
