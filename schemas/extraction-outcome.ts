import { z } from 'zod';
import { DifferentInsureds } from './different-insureds.js';
import { Rect } from './field.js';
import { DocumentRef, FormInstance } from './submission.js';

/**
 * Why a page's values were not read. `unidentified`: not a page of an ACORD form we recognise;
 * `unsupported-form`: its footer names an ACORD form acord-prep has no reader for (a 160); `no-alignment`:
 * a scan or print that does not line up with its template page.
 */
export const PageNotReadReason = z.enum(['unidentified', 'unsupported-form', 'no-alignment']);
export const PageNotRead = z.object({ page: z.number().int().min(1), reason: PageNotReadReason, detail: z.string() });
export type PageNotRead = z.infer<typeof PageNotRead>;

/**
 * Why one box's value was not read though its page was: `ocr-timeout` — OCR did not answer in time ·
 * `ocr-worker-died` — the OCR thread crashed under it · `ocr-failed` — OCR refused its crop. The box
 * may hold a value: a reviewer reads it from the page (or the file is read again).
 */
export const FieldNotReadReason = z.enum(['ocr-timeout', 'ocr-worker-died', 'ocr-failed']);
export type FieldNotReadReason = z.infer<typeof FieldNotReadReason>;
export const FieldNotRead = z.object({
  page: z.number().int().min(1),
  /** Where the box is on the page: PDF points, origin bottom-left, as a leaf's source rect. */
  rect: Rect,
  /** The template field name of the box. */
  field: z.string(),
  /** The model path its value would have had. */
  path: z.string(),
  reason: FieldNotReadReason,
  detail: z.string(),
});
export type FieldNotRead = z.infer<typeof FieldNotRead>;

/**
 * Why a file was not read. `retryable`: false — the file itself is at fault (corrupt, encrypted,
 * unsupported, over a limit, no form we know): the same bytes fail again, quarantine them · true — the
 * machine was (an OCR time-out, a crashed worker, out of memory): try the file again later.
 */
export const FileError = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() });
export type FileError = z.infer<typeof FileError>;

/** What became of one input file: the same object the CLI prints and the workers will report. */
export const FileOutcome = z.object({
  fileName: z.string(),
  /** sha256 of the bytes; null where the file could not be opened at all. */
  document: z.string().nullable(),
  /**
   * `read`: every value found was placed · `incomplete`: read, but some values unplaced, or pages or
   * boxes not read · `failed`: nothing read (see error) · `duplicate`: the same bytes as another file.
   */
  status: z.enum(['read', 'incomplete', 'failed', 'duplicate']),
  forms: z.array(FormInstance),
  /** Forms found by their footer that acord-prep does not read (their pages are in `pagesNotRead`); absent when none. */
  formsNotRead: DocumentRef.shape.formsNotRead,
  valuesRead: z.number().int().min(0),
  valuesUnplaced: z.number().int().min(0),
  pagesNotRead: z.array(PageNotRead),
  /** Boxes of pages that were read whose value could not be (OCR time-out or failure): to review. */
  fieldsNotRead: z.array(FieldNotRead),
  warnings: z.array(z.string()),
  error: FileError.optional(),
  duplicateOf: z.string().optional(),
});
export type FileOutcome = z.infer<typeof FileOutcome>;

export const ExtractionOutcome = z.object({
  /**
   * `complete` only when every file was read, every value found was placed, and every file names
   * the same insured (another insured's files are listed, not merged).
   */
  status: z.enum(['complete', 'incomplete', 'failed']),
  files: z.array(FileOutcome),
  /** Empty when the files name one insured; else each insured, its files and whether they were merged. */
  differentInsureds: DifferentInsureds,
  /** Warnings about the submission as a whole (not one file). */
  warnings: z.array(z.string()),
});
export type ExtractionOutcome = z.infer<typeof ExtractionOutcome>;
