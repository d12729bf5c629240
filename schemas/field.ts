import { z } from 'zod';

/** How a value was obtained; `reviewer` marks a human correction. */
export const ExtractionMethod = z.enum(['acord-xml', 'acroform', 'text-layer', 'ocr', 'reviewer']);
export type ExtractionMethod = z.infer<typeof ExtractionMethod>;

/** PDF user space, points, origin at the page's bottom-left: [x, y, width, height]. */
export const Rect = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Rect = z.infer<typeof Rect>;

export const Source = z.object({
  /** Document id: the sha256 of the original file's bytes. */
  document: z.string().min(1),
  /** 1-based page in the original document; null where the input has no pages (XML). */
  page: z.number().int().min(1).nullable(),
  rect: Rect.nullable(),
  method: ExtractionMethod,
  /** The AcroForm field name or XML element path the value was read from. */
  field: z.string().optional(),
  /**
   * For `reviewer`: the audit event (events table id) that recorded the change. A corrected value keeps
   * the document, page and rect it was read from, so its evidence stays one click away.
   */
  auditEvent: z.number().int().positive().optional(),
});
export type Source = z.infer<typeof Source>;

/**
 * A leaf of the submission: the normalized value (null when the raw text could not be normalized),
 * the text as read, how sure we are (0..1), and where it came from.
 */
export function field<T extends z.ZodType>(value: T) {
  return z.object({
    value: value.nullable(),
    raw: z.string(),
    confidence: z.number().min(0).max(1),
    source: Source,
    /**
     * Other sources that gave the same value when forms were merged (the 125 and the XML agreeing):
     * a value read twice independently needs less review. Absent when one source gave it.
     */
    confirmedBy: z.array(Source).optional(),
  });
}
export const AnyField = field(z.unknown());
export type AnyField = z.infer<typeof AnyField>;
