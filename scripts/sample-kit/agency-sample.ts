import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { agencyValueWriter } from './agency-print.js';
import { drawForm, newSampleDocument, saveSampleDocument } from './draw-form.js';
import { expectedForm } from './expected.js';
import type { SampleSpec } from './synthetic-insureds.js';
import { buildSample, expectedJson, variantFile } from './write-sample.js';

/** Agency prints go to `<sample>-agency/` as `acord-125.agency.pdf`: flattened, with a text layer. */
export const AGENCY = 'agency';

/** The samples that also get agency prints of their forms (a 125 with producer and named-insured blocks, and a 126). */
export const AGENCY_SAMPLES = ['contractor-co'];

/**
 * Writes each form of the sample as an agency system prints it (scripts/sample-kit/agency-print.ts) beside
 * its `.expected.json`: the same values as the fillable form, read by the text layer. Returns the
 * paths written, relative to `root`.
 */
export async function writeAgencySample(spec: SampleSpec, root: string): Promise<string[]> {
  const { forms } = buildSample(spec);
  const name = `${spec.name}-${AGENCY}`;
  const dir = path.join(root, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const { form, values } of forms) {
    const doc = await newSampleDocument(`Synthetic ACORD ${form.template.form} sample - ${spec.name} (agency print)`);
    const pages = await drawForm(doc, form, values, { flat: true, valueWriter: await agencyValueWriter(doc, form.template, values) });
    const file = variantFile(form.file, AGENCY);
    await writeFile(path.join(dir, file), await saveSampleDocument(doc));
    const expected = { file, kind: 'pdf' as const, forms: [expectedForm(form, values, pages, 'text-layer')] };
    await writeFile(path.join(dir, `${file}.expected.json`), `${expectedJson(expected)}\n`);
    files.push(path.join(name, file), path.join(name, `${file}.expected.json`));
  }
  return files;
}
