import type { FieldNotRead, PageNotRead } from '../../../schemas/extraction-outcome.js';
import type { LossRun } from '../../../schemas/loss-run.js';
import type { SovSchedule } from '../../../schemas/sov.js';
import type { DocumentRef, SubmissionData, UnplacedValue } from '../../../schemas/submission.js';
import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { UnsupportedFileError } from '../../errors.js';
import { describeFileKind, sniffFileKind } from '../file-kinds/sniff-file-kind.js';
import type { Ocr, OcrEngine } from '../ocr/ocr-engine.js';
import { OcrPool } from '../ocr/ocr-pool.js';
import { sha256Of } from '../../store/content-store.js';
import { DOCUMENT_READERS } from './document-readers.js';
import type { OnReadProgress } from './read-progress.js';
import { namingKind } from './read-refusals.js';

/** Hands out the OCR pool on first need; whoever made the provider closes the pool. */
export type OcrProvider = () => Ocr;
export type ExtractOptions = {
  ocr?: OcrProvider;
  /** Bounds on bytes, pages, pixels, XML size and time (src/config/limits.ts, `loadLimits`); defaults when absent. */
  limits?: Limits;
  /** Told each page as its reading starts: whoever stops a stuck reading can say which page it was on. */
  onPage?: (page: number) => void;
  /** Told as reading moves from stage to stage, for the job's progress on the queue board. */
  onProgress?: OnReadProgress;
};

export type ExtractedDocument = {
  document: DocumentRef;
  /** One entry per form instance found, in document order. */
  parts: SubmissionData[];
  /** Filled values found that have no place in the model: kept, and counted against a clean read. */
  unplaced: UnplacedValue[];
  /** Pages whose values were not read, each with why. */
  pagesNotRead: PageNotRead[];
  /** Boxes on pages read whose value could not be (an OCR job timed out or failed), each with why. */
  fieldsNotRead: FieldNotRead[];
  /** Things a reviewer should know that did not stop the reading. */
  warnings: string[];
  /** A spreadsheet's sheets read as schedules of values (document kind `schedule-of-values`). */
  schedulesOfValues?: SovSchedule[];
  /** A carrier's loss run read into claims (document kind `loss-run`). */
  lossRun?: LossRun;
};

/** A document's id is the sha256 of its bytes: the key it is stored under too. */
export const documentId = sha256Of;

/**
 * Reads one input file — a PDF (fillable, flattened or scanned), a scanned image (TIFF, JPEG, PNG) or
 * ACORD XML — into model parts, with its document record; a spreadsheet (.xlsx, .csv) into schedules
 * of values, and a PDF or image of no ACORD form that is a carrier's loss run into its claims. Without
 * an OCR provider, a pool is made for this file and closed after it.
 */
export async function extractDocument(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  let ownPool: OcrEngine | undefined;
  const ocr: OcrProvider = options.ocr ?? (() => (ownPool ??= new OcrPool()));
  const limits = options.limits ?? DEFAULT_LIMITS;
  const progress = options.onProgress ?? (() => undefined);
  const id = documentId(bytes);
  const kind = sniffFileKind(bytes);
  try {
    const file = { bytes, fileName, kind };
    const reader = DOCUMENT_READERS.find((r) => r.accepts(file));
    if (!reader) throw new UnsupportedFileError(fileName, `not a PDF, a scanned image (TIFF, JPEG, PNG), ACORD XML or a schedule of values (.xlsx, .csv): it looks like ${kind.kind === 'unknown' ? kind.looksLike : describeFileKind(kind)}`);
    return await reader.read(file, { id, ocr, limits, progress, onPage: options.onPage });
  } catch (err) {
    throw namingKind(err, kind);
  } finally {
    await ownPool?.close();
  }
}
