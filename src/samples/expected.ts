import { z } from 'zod';
import { ExtractionMethod, Rect } from '../../schemas/field.js';
import { FormId } from '../../schemas/submission.js';
import type { FormValue } from './form-values.js';
import type { SampleForm } from './sample-forms.js';
import type { XmlValue } from './xml-writer.js';

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

/** samples/<sample>/<file>.expected.json */
export const ExpectedFile = z.discriminatedUnion('kind', [
  z.object({ file: z.string(), kind: z.literal('pdf'), forms: z.array(ExpectedForm) }),
  z.object({ file: z.string(), kind: z.literal('acord-xml'), request: z.string(), fields: z.array(ExpectedField) }),
]);
export type ExpectedFile = z.infer<typeof ExpectedFile>;

const byPath = (a: ExpectedField, b: ExpectedField) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.page ?? 0) - (b.page ?? 0));

/** What an AcroForm extractor should read from one drawn form occupying `pages` of its document. */
export function expectedForm(form: SampleForm, values: readonly FormValue[], pages: readonly number[]): ExpectedForm {
  const fields = values.map((v): ExpectedField => {
    const widget = v.field.widgets[0]!;
    return { path: v.path, value: v.value, raw: v.raw, page: pages[widget.page - 1]!, rect: widget.rect, method: 'acroform', field: v.field.name };
  });
  const { template } = form;
  return { form: template.form, edition: template.edition, footer: template.footer, pages: [...pages], fields: fields.sort(byPath) };
}

export function expectedXmlFields(values: readonly XmlValue[], valueOf: (path: string) => ExpectedField['value']): ExpectedField[] {
  return values
    .map((v): ExpectedField => ({ path: v.path, value: valueOf(v.path), raw: v.raw, page: null, rect: null, method: 'acord-xml', field: v.field }))
    .sort(byPath);
}
