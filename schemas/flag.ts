import { z } from 'zod';
import { Rect } from './field.js';
import { FormId } from './submission.js';

/**
 * What is wrong with one value: `missing` — a checklist item has no value · `invalid` — a value breaks
 * its format or range · `inconsistent` — two values disagree (across forms, or a total) · `low-confidence`
 * — read with less confidence than the review threshold · `unreadable` — a box or page that could not
 * be read · `appetite` — the carrier's appetite rules object to (or need) the value.
 */
export const FlagCode = z.enum(['missing', 'invalid', 'inconsistent', 'low-confidence', 'unreadable', 'appetite']);
export type FlagCode = z.infer<typeof FlagCode>;

/** `blocking`: stops the stage named by `when` · `warning`: an underwriter should look · `info`: noted. */
export const FlagSeverity = z.enum(['blocking', 'warning', 'info']);
export type FlagSeverity = z.infer<typeof FlagSeverity>;

/** When an item is needed: `quote` — cannot quote without it · `bind` — a subjectivity, needed before binding. */
export const Need = z.enum(['quote', 'bind']);
export type Need = z.infer<typeof Need>;

/**
 * The spot a reviewer is shown: the value's box, or for a missing value the template box where it
 * belongs on the form that should hold it. `page`/`rect` are null where there is no page (XML, or a
 * form not in the submission).
 */
export const FlagSource = z.object({
  /** Document id (sha256); null when the form that should hold the value is not in the submission. */
  document: z.string().nullable(),
  fileName: z.string().optional(),
  form: FormId.optional(),
  page: z.number().int().min(1).nullable(),
  /** PDF points, as a leaf's source rect. */
  rect: Rect.nullable(),
  /** The box's printed label on the form ("FEIN OR SOC SEC #"), for a person and for the broker request. */
  label: z.string().optional(),
  /** The template field name of the box, where one is known. */
  field: z.string().optional(),
});
export type FlagSource = z.infer<typeof FlagSource>;

/**
 * What a reviewer did about a flag (the review desk writes these; the packet prints them): `corrected` —
 * the value was changed · `confirmed` — the value stands as read · `waived` — not needed for this
 * submission · `ask-broker` — only the broker can answer: the item goes into the broker request.
 */
export const FlagResolution = z.object({
  action: z.enum(['corrected', 'confirmed', 'waived', 'ask-broker']),
  by: z.string(),
  at: z.string().datetime(),
  note: z.string().optional(),
  /** The value after correction, as text. */
  value: z.string().optional(),
  /** The audit event (events table id) that recorded this decision. */
  auditEvent: z.number().int().positive().optional(),
});
export type FlagResolution = z.infer<typeof FlagResolution>;

export const Flag = z.object({
  /** Stable for the same rule on the same path: `<rule>:<path>`, so a re-check keeps resolutions. */
  id: z.string().min(1),
  /** Canonical model path with indices (`premises[0].address.zip`); for a whole-form item, the section's path. */
  path: z.string(),
  code: FlagCode,
  severity: FlagSeverity,
  when: Need,
  /** The id of the checklist item, value rule or appetite rule that raised it. */
  rule: z.string().min(1),
  /** One sentence a person acts on: what is wrong and, where it helps, the value concerned. */
  message: z.string().min(1),
  source: FlagSource.nullable(),
  /** The value concerned, as text (FEIN masked to its last 4), where there is one. */
  value: z.string().optional(),
  resolution: FlagResolution.optional(),
});
export type Flag = z.infer<typeof Flag>;
