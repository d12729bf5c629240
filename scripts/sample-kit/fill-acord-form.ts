import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import type { FormTemplate } from '../../schemas/form-template.js';

/** What a checked box says in raw form; anything else leaves the box unchecked. */
const CHECKED = /^(1|y|yes|x|on|true)$/i;

/**
 * Fills a real blank ACORD form (a plain AcroForm copy, e.g. ../shared/acord-forms/acord-125.pdf)
 * with raw box texts keyed by the model path each box maps to in `template` (the form's own
 * paths: `premises[0].physicalAddress.cityName`), and returns the filled PDF's bytes. Text boxes get
 * `setText(raw)`, checkboxes are checked when raw is "1" (or Y/X/on). For tests only: the result
 * holds ACORD's licensed artwork, so it must stay in memory or a temp dir, never in samples/.
 * pdf-lib cannot open the encrypted XFA copies.
 */
export async function fillAcordForm(
  blank: Uint8Array,
  template: FormTemplate,
  rawByPath: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): Promise<Uint8Array> {
  const entries = rawByPath instanceof Map ? [...rawByPath] : Object.entries(rawByPath);
  const fieldByPath = new Map(template.fields.filter((f) => f.path).map((f) => [f.path!, f.name]));
  const doc = await PDFDocument.load(blank, { updateMetadata: false });
  const form = doc.getForm();
  const unknown: string[] = [];
  for (const [path, raw] of entries) {
    const name = fieldByPath.get(path);
    const field = name ? form.getFieldMaybe(name) : undefined;
    if (!field) {
      unknown.push(path);
    } else if (field instanceof PDFCheckBox) {
      if (CHECKED.test(raw.trim())) field.check();
      else field.uncheck();
    } else if (field instanceof PDFTextField) {
      field.setText(raw);
    } else {
      unknown.push(`${path} (${name} is neither a text box nor a checkbox)`);
    }
  }
  if (unknown.length) throw new Error(`ACORD ${template.form} (${template.edition}) has no box for: ${unknown.join(', ')}`);
  return doc.save();
}
