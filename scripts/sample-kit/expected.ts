import { z } from 'zod';
import { ExtractionMethod, Rect } from '../../schemas/field.js';
import { FormId } from '../../schemas/submission.js';
import type { FormValue } from './form-values.js';
import type { SampleForm } from './sample-forms.js';
import type { XmlValue } from '../../src/assemble/export/write-acord-request.js';

/** One value an extractor should find: where, as written, and as the model holds it. */
export const ExpectedField = z.object({
  path: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  raw: z.string(),
  /** 1-based page of the document (the first widget's page for a box on several pages); null for XML. */
  page: z.number().int().min(1).nullable(),
  rect: Rect.nullable(),
  method: ExtractionMethod,
  /** The AcroForm field name (without any parent prefix) or the XML element path below the request. */
  field: z.string(),
});
export type ExpectedField = z.infer<typeof ExpectedField>;

export const ExpectedForm = z.object({
  form: FormId,
  edition: z.string(),
  footer: z.string(),
  /** The document's pages this form takes, in form page order. */
  pages: z.array(z.number().int().min(1)),
  /** Sorted by path; paths are the form's own (a 140 names its buildings locations 0 and 1). */
  fields: z.array(ExpectedField),
});
export type ExpectedForm = z.infer<typeof ExpectedForm>;

/** How one page of a scanned variant was degraded: what a reader has to undo, and the truth to measure its alignment by. */
export const ScanDegradation = z.object({
  /** Turn of the sheet, degrees, clockwise as seen, about the page's centre. */
  angleDeg: z.number(),
  /** Size against the original: "fit to page" printing before the scan shrinks a form a few per cent. */
  scale: z.number(),
  /** Where the sheet lies against centred, points (x right, y down as seen). */
  shiftPt: z.tuple([z.number(), z.number()]),
  /** Weight of each neighbour in the 3-tap blur applied across and down ([b, 1 − 2b, b]). */
  blur: z.number(),
  /** Gray level of blank paper and of solid ink. */
  paper: z.number(),
  ink: z.number(),
  /** Standard deviation of the gray noise on paper, and the extra on full ink (scanner noise grows with darkness). */
  paperNoise: z.number(),
  inkNoise: z.number(),
  /** Dark specks of dust, each 1–3 pixels across. */
  specks: z.number().int(),
  /** Template points (origin bottom-left) → pixels of the page's image (PageTransform): what alignment should find. */
  transform: z.object({ a: z.number(), b: z.number(), c: z.number(), d: z.number(), e: z.number(), f: z.number() }),
});
export type ScanDegradation = z.infer<typeof ScanDegradation>;

/** A scanned variant's settings: one JPEG per page at `dpi`, pages in document order. */
export const ScanInfo = z.object({ dpi: z.number().int(), jpegQuality: z.number().int(), pages: z.array(ScanDegradation) });
export type ScanInfo = z.infer<typeof ScanInfo>;

/** samples/<sample>/<file>.expected.json */
export const ExpectedFile = z.discriminatedUnion('kind', [
  z.object({ file: z.string(), kind: z.literal('pdf'), forms: z.array(ExpectedForm), scan: ScanInfo.optional() }),
  z.object({ file: z.string(), kind: z.literal('acord-xml'), request: z.string(), fields: z.array(ExpectedField) }),
]);
export type ExpectedFile = z.infer<typeof ExpectedFile>;

const byPath = (a: ExpectedField, b: ExpectedField) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.page ?? 0) - (b.page ?? 0));

/**
 * What an extractor should read from one drawn form occupying `pages` of its document: 'acroform'
 * from the fillable drawing, 'text-layer' from its flattened copy, 'ocr' from a scan of that.
 */
export function expectedForm(form: SampleForm, values: readonly FormValue[], pages: readonly number[], method: ExtractionMethod = 'acroform'): ExpectedForm {
  const fields = values.map((v): ExpectedField => {
    const widget = v.field.widgets[0]!;
    return { path: v.path, value: v.value, raw: v.raw, page: pages[widget.page - 1]!, rect: widget.rect, method, field: v.field.name };
  });
  const { template } = form;
  return { form: template.form, edition: template.edition, footer: template.footer, pages: [...pages], fields: fields.sort(byPath) };
}

export function expectedXmlFields(values: readonly XmlValue[], valueOf: (path: string) => ExpectedField['value']): ExpectedField[] {
  return values
    .map((v): ExpectedField => ({ path: v.path, value: valueOf(v.path), raw: v.raw, page: null, rect: null, method: 'acord-xml', field: v.field }))
    .sort(byPath);
}
