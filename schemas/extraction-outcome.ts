import { z } from 'zod';
import { DifferentInsureds } from './different-insureds.js';
import { FormInstance } from './submission.js';

/**
 * Why a page's values were not read. `unidentified`: not a page of a form we know; `no-alignment`:
 * a scan or print that does not line up with its template page.
 */
export const PageNotReadReason = z.enum(['unidentified', 'no-alignment']);
export const PageNotRead = z.object({ page: z.number().int().min(1), reason: PageNotReadReason, detail: z.string() });
export type PageNotRead = z.infer<typeof PageNotRead>;

/** What became of one input file: the same object the CLI prints and the workers will report. */
export const FileOutcome = z.object({
  fileName: z.string(),
  /** sha256 of the bytes; null where the file could not be opened at all. */
  document: z.string().nullable(),
  /**
   * `read`: every value found was placed · `incomplete`: read, but some values unplaced or pages not
   * read · `failed`: nothing read (see error) · `duplicate`: the same bytes as another file.
   */
  status: z.enum(['read', 'incomplete', 'failed', 'duplicate']),
  forms: z.array(FormInstance),
  valuesRead: z.number().int().min(0),
  valuesUnplaced: z.number().int().min(0),
  pagesNotRead: z.array(PageNotRead),
  warnings: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
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
