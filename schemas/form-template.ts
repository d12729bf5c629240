import { z } from 'zod';
import { Rect } from './field.js';
import { FormId } from './submission.js';
import { ValueType } from './value-type.js';

export const TemplateWidget = z.object({ page: z.number().int().min(1), rect: Rect });

/**
 * A template page: its size and, for reading printed or scanned copies, the geometry of the blank
 * form (derived from the real form's drawing operators, never its artwork): the long printed rules
 * that page alignment locks onto, and where the footer that names form and edition is printed.
 */
export const TemplatePage = z.object({
  width: z.number(),
  height: z.number(),
  /** Horizontal rules [y, x0, x1] and vertical rules [x, y0, y1] in points; filled by the derive script. */
  rules: z.object({ h: z.array(z.tuple([z.number(), z.number(), z.number()])), v: z.array(z.tuple([z.number(), z.number(), z.number()])) }).optional(),
  /** Where "ACORD 125 (2016/03)" is printed, [x, y, w, h]: the region OCR reads to identify a scan. */
  footerRect: Rect.optional(),
  /**
   * For reading flattened copies by their text layer, a few of the blank form's own strings (never
   * its text wholesale): `anchors` [text, x, y, font size] that locate a printed copy on its page, and
   * `inFields` [text, x, y], the printed strings that fall where values are read (so they are not
   * taken for values). Filled by the derive script.
   */
  printedText: z
    .object({
      anchors: z.array(z.tuple([z.string(), z.number(), z.number(), z.number()])),
      inFields: z.array(z.tuple([z.string(), z.number(), z.number()])),
    })
    .optional(),
});
export type TemplatePage = z.infer<typeof TemplatePage>;

export const TemplateField = z.object({
  /** AcroForm field name as ACORD's data dictionary spells it, e.g. `NamedInsured_FullName_A`. */
  name: z.string(),
  kind: z.enum(['text', 'checkbox']),
  /** Model path the value goes to; null for boxes that carry no submission data (see `why`). */
  path: z.string().nullable(),
  why: z.string().optional(),
  /** From the model leaf the path names; null where path is null. */
  valueType: ValueType.nullable(),
  widgets: z.array(TemplateWidget).min(1),
  maxLength: z.number().int().min(0),
  multiline: z.boolean(),
  fontSize: z.number().nullable(),
  /** The form's own help text for the box (PDF /TU). */
  tooltip: z.string(),
  /**
   * The printed words that name the box where its first widget sits (its cell's caption, a check box's
   * words, its table column's header) and the words on its line left of its cell (a question's text):
   * how a copy with other field names is matched to this field (src/read/place/cell-label.ts).
   */
  label: z.string().optional(),
  rowLabel: z.string().optional(),
});
export type TemplateField = z.infer<typeof TemplateField>;

export const FormTemplate = z.object({
  form: FormId,
  /** As printed in the footer: "2016/03". */
  edition: z.string().regex(/^\d{4}\/\d{2}$/),
  /** The footer text that names form and edition on every page, e.g. "ACORD 125 (2016/03)". */
  footer: z.string(),
  /** Document titles seen on copies of this edition (metadata; not trusted for identification). */
  titles: z.array(z.string()),
  derivedFrom: z.array(z.object({ file: z.string(), sha256: z.string() })),
  pages: z.array(TemplatePage),
  fields: z.array(TemplateField),
});
export type FormTemplate = z.infer<typeof FormTemplate>;
