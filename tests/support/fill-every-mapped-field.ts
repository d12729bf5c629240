import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import type { ExtractionMethod } from '../../schemas/field.js';
import type { FormTemplate, TemplateField } from '../../schemas/form-template.js';
import type { SubmissionData } from '../../schemas/submission.js';
import { getAtPath } from '../../src/model/model-path.js';
import { typedRawValue } from '../../scripts/sample-kit/typed-raw-values.js';

export type FilledField = { f: TemplateField; raw: string; value: string | number | boolean };

/** Fills every mapped field of a real blank form with pdf-lib, each with a value of its own type that differs from the others'. */
export async function fillEveryMappedField(blank: Uint8Array, template: FormTemplate): Promise<{ bytes: Uint8Array; expected: FilledField[] }> {
  const pdf = await PDFDocument.load(blank);
  const form = pdf.getForm();
  const expected = template.fields.filter((f) => f.path && f.valueType).map((f, n) => ({ f, ...typedRawValue(f.valueType!, n + 1) }));
  for (const { f, raw } of expected) {
    const field = form.getField(f.name);
    if (field instanceof PDFCheckBox) field.check();
    else if (field instanceof PDFTextField) field.setText(raw);
    else throw new Error(`${f.name}: unexpected field class`);
  }
  return { bytes: await pdf.save({ updateFieldAppearances: false }), expected };
}

type Leaf = { value: unknown; raw: string; source: { page: number; rect: number[]; method: string; field: string } };

/** Every filled field that did not read back as filled: value, page, rect, method and field name. */
export function readBackMismatches(part: SubmissionData | undefined, expected: readonly FilledField[], method: ExtractionMethod = 'acroform'): string[] {
  const mismatches: string[] = [];
  for (const { f, raw, value } of expected) {
    const leaf = getAtPath(part, f.path!) as Leaf | undefined;
    const w = f.widgets[0]!;
    if (!leaf) mismatches.push(`${f.name} → ${f.path}: missing`);
    else if (leaf.value !== value || leaf.source.page !== w.page || leaf.source.method !== method || leaf.source.field !== f.name) {
      mismatches.push(`${f.name} → ${f.path}: got ${JSON.stringify(leaf.value)} (raw ${JSON.stringify(leaf.raw)}) p${leaf.source.page}, want ${JSON.stringify(value)} from ${JSON.stringify(raw)} p${w.page}`);
    } else if (leaf.source.rect.some((v, i) => Math.abs(v - w.rect[i]!) > 0.5)) mismatches.push(`${f.name}: rect ${leaf.source.rect} ≠ ${w.rect}`);
  }
  return mismatches;
}
