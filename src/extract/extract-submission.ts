import type { DifferentInsured } from '../../schemas/different-insureds.js';
import { Submission, type DocumentRef } from '../../schemas/submission.js';
import { AcordPrepError } from '../errors.js';
import { documentId, extractDocument } from './extract-document.js';
import { mergeSubmissionData } from './merge-submission-data.js';
import { OcrPool } from '../ocr/ocr-pool.js';
import { splitByInsured, type FilePart } from './split-by-insured.js';

export type InputFile = { fileName: string; bytes: Uint8Array };
export type FileFailure = { fileName: string; code: string; message: string };

export type ExtractionResult = {
  submission: Submission;
  /** Files that could not be read at all, each with what to do about it. */
  failures: FileFailure[];
  warnings: string[];
  /** The insureds the files name when they name more than one (only the first listed as merged is in the submission); else empty. */
  differentInsureds: DifferentInsured[];
};

/**
 * Reads the files of one submission and merges them into one Submission. A file that cannot be read
 * is reported and skipped; the others still count. The same bytes twice are one document.
 */
export async function extractSubmission(files: readonly InputFile[]): Promise<ExtractionResult> {
  const documents: DocumentRef[] = [];
  const parts: FilePart[] = [];
  const failures: FileFailure[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  // One OCR pool for the whole submission, started only if a scanned page needs it.
  let pool: OcrPool | undefined;
  const ocr = () => (pool ??= new OcrPool());
  try {
    for (const file of files) {
      const id = documentId(file.bytes);
      const first = seen.get(id);
      if (first) {
        warnings.push(`${file.fileName}: the same bytes as ${first}; read once`);
        continue;
      }
      seen.set(id, file.fileName);
      try {
        const doc = await extractDocument(file.bytes, file.fileName, { ocr });
        documents.push(doc.document);
        parts.push(...doc.parts.map((data) => ({ fileName: file.fileName, data })));
        warnings.push(...doc.warnings);
      } catch (err) {
        // One bad file must not sink the others: an unexpected fault is reported like any unreadable file.
        failures.push(
          err instanceof AcordPrepError
            ? { fileName: file.fileName, code: err.code, message: err.message }
            : { fileName: file.fileName, code: 'internal-error', message: `${file.fileName}: unexpected failure while reading (${(err as Error).message}); please report it with the file` },
        );
      }
    }
  } finally {
    await pool?.close();
  }
  const { toMerge, differentInsureds, warning } = splitByInsured(parts);
  if (warning) warnings.push(warning);
  const { data, conflicts } = mergeSubmissionData(toMerge);
  return { submission: Submission.parse({ ...data, documents, conflicts }), failures, warnings, differentInsureds };
}
