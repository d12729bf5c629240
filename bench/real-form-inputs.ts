import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import type { TemplateField } from '../schemas/form-template.js';
import type { FormId } from '../schemas/submission.js';
import { Rng } from '../scripts/sample-kit/rng.js';
import { scanPdf } from '../scripts/sample-kit/scan-pdf.js';
import { typedRawValue } from '../scripts/sample-kit/typed-raw-values.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { brokerRawValue } from './broker-values.js';
import type { ExpectedValue } from './compare-with-expected.js';

export const FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/acord-forms');
export const FILES: Record<FormId, string> = { '125': 'acord-125.pdf', '126': 'acord-126.pdf', '140': 'acord-140.pdf' };

export const hasRealForms = existsSync(FORMS_DIR);

export type RealFormInputs = { form: FormId; pages: number; expected: ExpectedValue[]; flattened: Uint8Array; scans: Map<number, Uint8Array> };

export type RealFormFill = {
  /** 'typed': one short value per type, differing per field (T12, C13 …); 'broker': brokerRawValue, drawn from `seed`. */
  values: 'typed' | 'broker';
  seed?: string;
  /** The boxes to fill (default every mapped one); the rest stay blank. */
  only?: (field: TemplateField) => boolean;
};

/**
 * A real blank ACORD form (read from ../shared, never stored) with every mapped box filled, then
 * flattened (a print-to-PDF) and scanned at each dpi: the inputs the bench measures the text-layer and
 * OCR readers on. Exists only in memory.
 */
export async function realFormInputs(form: FormId, dpis: readonly number[], fill: RealFormFill = { values: 'typed' }): Promise<RealFormInputs> {
  const rng = new Rng(fill.seed ?? `broker-${form}`);
  const template = loadTemplates().find((t) => t.form === form && t.derivedFrom.some((d) => d.file === FILES[form]))!;
  const pdf = await PDFDocument.load(readFileSync(path.join(FORMS_DIR, FILES[form])));
  const acro = pdf.getForm();
  const expected: ExpectedValue[] = [];
  for (const [n, f] of template.fields.filter((x) => x.path && x.valueType).entries()) {
    if (fill.only && !fill.only(f)) continue;
    const { raw, value } = fill.values === 'broker' ? brokerRawValue(f, n + 1, rng) : typedRawValue(f.valueType!, n + 1);
    const field = acro.getField(f.name);
    if (field instanceof PDFCheckBox) field.check();
    else if (field instanceof PDFTextField) field.setText(raw);
    expected.push({ path: f.path!, value, raw: field instanceof PDFCheckBox ? '1' : raw });
  }
  acro.flatten();
  const flattened = await pdf.save();
  const keep = template.pages.map((_, i) => template.fields.flatMap((f) => f.widgets.filter((w) => w.page === i + 1).map((w) => w.rect)));
  const scans = new Map<number, Uint8Array>();
  for (const dpi of dpis) scans.set(dpi, (await scanPdf(flattened, { dpi, seed: `${fill.seed ?? 'bench'}-${form}-${dpi}`, keep, title: `bench ${form}` })).bytes);
  return { form, pages: template.pages.length, expected, flattened, scans };
}
