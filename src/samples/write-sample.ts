import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ValueType } from '../../schemas/value-type.js';
import { normalizeValue } from '../normalize/normalize-value.js';
import { completeTruth } from './complete-truth.js';
import { drawForm, newSampleDocument, saveSampleDocument } from './draw-form.js';
import { expectedForm, expectedXmlFields, type ExpectedFile } from './expected.js';
import { fitTruth, formValues, type FormValue } from './form-values.js';
import { sampleForms, type SampleForm } from './sample-forms.js';
import { syntheticSubmission, type SampleSpec, type SyntheticSubmission } from './synthetic-insureds.js';
import { checkTruth, type Truth } from './truth.js';
import { writeAcordXml } from './xml-writer.js';

/**
 * A sample's forms as one PDF (for splitting a document into forms) go to a folder of their own,
 * `<sample>-one-pdf/`: each folder is one broker submission, and the same forms twice in one would
 * list every building twice.
 */
export const ONE_PDF_SUFFIX = '-one-pdf';
export const ONE_PDF_FILE = 'all-forms.pdf';

export interface WrittenSample {
  /** Paths relative to the samples folder. */
  files: string[];
  /** Per form file: boxes filled and mapped boxes the template has. */
  coverage: { file: string; filled: number; mapped: number }[];
}

/** JSON with one expected field per line: small, and a diff shows which values changed. */
function expectedJson(value: unknown, indent = ''): string {
  const inline = typeof value !== 'object' || value === null || 'path' in value || (Array.isArray(value) && value.every((v) => typeof v !== 'object'));
  if (inline) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => inner + expectedJson(v, inner)).join(',\n')}\n${indent}]` : '[]';
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${expectedJson(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

export interface BuiltSample {
  sub: SyntheticSubmission;
  /** The submission's final truth: completed from the templates and fitted to the boxes. */
  truth: Truth;
  types: Map<string, ValueType>;
  /** Each form with what is written in its boxes. */
  forms: { form: SampleForm; values: FormValue[] }[];
}

/** A sample in memory: its truth and, per form, each box's raw text (tests fill real forms from these). */
export function buildSample(spec: SampleSpec): BuiltSample {
  const sub = syntheticSubmission(spec);
  const forms = sampleForms(sub);
  const truth = fitTruth(completeTruth(sub, forms), forms, sub.style);
  const types = checkTruth(truth);
  return { sub, truth, types, forms: forms.map((form) => ({ form, values: formValues(form, truth, sub.style) })) };
}

/**
 * Generates one sample into `<root>/<name>/` (emptied first): each form drawn and filled as its own
 * PDF, the ACORD XML request, and beside each input its `.expected.json`, all computed from the same
 * truth; with `combined`, also all forms in one PDF in `<root>/<name>-one-pdf/`.
 */
export async function writeSample(spec: SampleSpec, root: string): Promise<WrittenSample> {
  const { sub, truth, types, forms } = buildSample(spec);
  const files: string[] = [];
  const folder = async (name: string) => {
    const dir = path.join(root, name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return async (file: string, content: Uint8Array | ExpectedFile) => {
      await writeFile(path.join(dir, file), content instanceof Uint8Array ? content : `${expectedJson(content)}\n`);
      files.push(path.join(name, file));
    };
  };
  const coverage: WrittenSample['coverage'] = [];

  const write = await folder(spec.name);
  for (const { form, values } of forms) {
    const doc = await newSampleDocument(`Synthetic ACORD ${form.template.form} sample - ${spec.name}`);
    const pages = await drawForm(doc, form, values);
    await write(form.file, await saveSampleDocument(doc));
    await write(`${form.file}.expected.json`, { file: form.file, kind: 'pdf', forms: [expectedForm(form, values, pages)] });
    coverage.push({ file: form.file, filled: values.length, mapped: form.template.fields.filter((f) => f.path).length });
  }

  const xml = writeAcordXml(sub, truth);
  const fields = expectedXmlFields(xml.values, (p) => {
    const value = truth[p]!;
    const back = normalizeValue(types.get(p)!, xml.values.find((v) => v.path === p)!.raw).value;
    if (back !== value) throw new Error(`${spec.name}/submission.xml: ${p} reads back as ${JSON.stringify(back)}, not ${JSON.stringify(value)}`);
    return value;
  });
  await write('submission.xml', new TextEncoder().encode(xml.xml));
  await write('submission.xml.expected.json', { file: 'submission.xml', kind: 'acord-xml', request: xml.request, fields });

  if (spec.combined) {
    const doc = await newSampleDocument(`Synthetic ACORD submission - ${spec.name}`);
    const expected = [];
    for (const { form, values } of forms) {
      // Two forms in one file share field names (NamedInsured_FullName_A …): a parent field per form keeps them apart.
      const pages = await drawForm(doc, form, values, { namePrefix: form.file.replace(/\.pdf$/, '').replace(/-/g, '_') });
      expected.push(expectedForm(form, values, pages));
    }
    const writeOne = await folder(`${spec.name}${ONE_PDF_SUFFIX}`);
    await writeOne(ONE_PDF_FILE, await saveSampleDocument(doc));
    await writeOne(`${ONE_PDF_FILE}.expected.json`, { file: ONE_PDF_FILE, kind: 'pdf', forms: expected });
  }
  return { files, coverage };
}
