import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Rect } from '../../schemas/field.js';
import type { ValueType } from '../../schemas/value-type.js';
import { normalizeValue } from '../../src/read/normalize/normalize-value.js';
import { ATTACHMENT_FILES, lossRunFiles, sampleLossRuns, sovCsv, sovRows, sovWorkbook } from './attachment-samples.js';
import { completeTruth } from './complete-truth.js';
import { drawForm, newSampleDocument, saveSampleDocument } from './draw-form.js';
import { scanPdf } from './scan-pdf.js';
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

/**
 * Variants of the forms go to folders of their own for the same reason: `<sample>-flat/` holds
 * every form flattened (`acord-125.flat.pdf`), `<sample>-scan300/` the scans at 300 dpi
 * (`acord-125.scan300.pdf`) of the forms the spec names.
 */
export const FLAT = 'flat';
export const scanVariant = (dpi: number) => `scan${dpi}`;
export const variantFile = (file: string, variant: string) => file.replace(/\.pdf$/, `.${variant}.pdf`);

/** The folders a spec's sample takes under samples/. */
export function sampleFolders(spec: SampleSpec): string[] {
  const one = spec.combined ? [`${spec.name}${ONE_PDF_SUFFIX}`, `${spec.name}${ONE_PDF_SUFFIX}-${FLAT}`] : [];
  return [spec.name, `${spec.name}-${FLAT}`, ...one, ...(spec.scans ?? []).map((s) => `${spec.name}-${scanVariant(s.dpi)}`)];
}

export interface WrittenSample {
  /** Paths relative to the samples folder. */
  files: string[];
  /** Per form file: boxes filled and mapped boxes the template has. */
  coverage: { file: string; filled: number; mapped: number }[];
}

/** JSON with one expected field per line: small, and a diff shows which values changed. */
export function expectedJson(value: unknown, indent = ''): string {
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
  return { sub, truth, types, forms: forms.map((form) => ({ form, values: formValues(form, truth, sub.style, `${spec.name}/${form.file}`) })) };
}

/** Our drawing of forms as one PDF: fillable, or flattened (values as page text). */
async function drawnPdf(title: string, forms: BuiltSample['forms'], options: { flat: boolean; prefixed?: boolean }) {
  const doc = await newSampleDocument(title);
  const expected = [];
  for (const { form, values } of forms) {
    // Two forms in one file share field names (NamedInsured_FullName_A …): a parent field per form keeps them apart.
    const namePrefix = options.prefixed ? form.file.replace(/\.pdf$/, '').replace(/-/g, '_') : undefined;
    const pages = await drawForm(doc, form, values, { namePrefix, flat: options.flat });
    expected.push(expectedForm(form, values, pages, options.flat ? 'text-layer' : 'acroform'));
  }
  return { bytes: await saveSampleDocument(doc), forms: expected };
}

/** Per page of a form, what a scan of it must keep on the image: the boxes holding values and the footer. */
function scanKeeps({ form, values }: BuiltSample['forms'][number]): Rect[][] {
  return form.template.pages.map((page, i) => [
    ...values.flatMap((v) => v.field.widgets.filter((w) => w.page === i + 1 && w.rect[2] > 0).map((w) => w.rect)),
    ...(page.footerRect ? [page.footerRect] : []),
  ]);
}

/**
 * Generates one sample (the folders of sampleFolders, each emptied first): each form drawn and filled
 * as its own PDF, the ACORD XML request, the same forms flattened, scans of the forms `spec.scans`
 * names, and beside each input its `.expected.json`, all computed from the same truth; with
 * `combined`, also all forms in one PDF, fillable and flattened; with `attachments`, a schedule of values
 * and loss runs (their values are asserted by tests/samples.test.ts, not by an expected JSON).
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
  const writeFlat = await folder(`${spec.name}-${FLAT}`);
  const scans = await Promise.all((spec.scans ?? []).map(async (s) => ({ ...s, write: await folder(`${spec.name}-${scanVariant(s.dpi)}`) })));
  for (const one of forms) {
    const { form, values } = one;
    const title = `Synthetic ACORD ${form.template.form} sample - ${spec.name}`;
    const fillable = await drawnPdf(title, [one], { flat: false });
    await write(form.file, fillable.bytes);
    await write(`${form.file}.expected.json`, { file: form.file, kind: 'pdf', forms: fillable.forms });
    coverage.push({ file: form.file, filled: values.length, mapped: form.template.fields.filter((f) => f.path).length });

    const flat = await drawnPdf(`${title} (printed to PDF)`, [one], { flat: true });
    const flatFile = variantFile(form.file, FLAT);
    await writeFlat(flatFile, flat.bytes);
    await writeFlat(`${flatFile}.expected.json`, { file: flatFile, kind: 'pdf', forms: flat.forms });

    for (const { dpi, files: scanned, write: writeScan } of scans) {
      if (!scanned.includes(form.file)) continue;
      const scanFile = variantFile(form.file, scanVariant(dpi));
      const { bytes, scan } = await scanPdf(flat.bytes, { dpi, seed: `${spec.name}/${scanFile}`, keep: scanKeeps(one), title: `${title} (scanned at ${dpi} dpi)` });
      await writeScan(scanFile, bytes);
      await writeScan(`${scanFile}.expected.json`, { file: scanFile, kind: 'pdf', forms: flat.forms.map((f) => ({ ...f, fields: f.fields.map((v) => ({ ...v, method: 'ocr' as const })) })), scan });
    }
  }

  const xml = writeAcordXml(sub, truth);
  const fields = expectedXmlFields(xml.values, (p) => {
    const value = truth[p]!;
    const written = xml.values.find((v) => v.path === p)!;
    const back = normalizeValue(types.get(p)!, written.raw, { path: p, label: written.field }).value;
    if (back !== value) throw new Error(`${spec.name}/submission.xml: ${p} reads back as ${JSON.stringify(back)}, not ${JSON.stringify(value)}`);
    return value;
  });
  await write('submission.xml', new TextEncoder().encode(xml.xml));
  await write('submission.xml.expected.json', { file: 'submission.xml', kind: 'acord-xml', request: xml.request, fields });

  if (spec.attachments) {
    const insured = String(truth['namedInsureds[0].fullName']);
    const rows = sovRows(truth);
    const runs = await lossRunFiles(sampleLossRuns(insured, spec.effectiveDate), `${spec.name}/loss runs`);
    await write(ATTACHMENT_FILES.fillable.sov, await sovWorkbook(rows, insured));
    await write(ATTACHMENT_FILES.fillable.lossRun, runs.printed);
    await writeFlat(ATTACHMENT_FILES.flat.sov, sovCsv(rows));
    await writeFlat(ATTACHMENT_FILES.flat.lossRun, runs.scanned);
  }

  if (spec.combined) {
    const title = `Synthetic ACORD submission - ${spec.name}`;
    const fillable = await drawnPdf(title, forms, { flat: false, prefixed: true });
    const writeOne = await folder(`${spec.name}${ONE_PDF_SUFFIX}`);
    await writeOne(ONE_PDF_FILE, fillable.bytes);
    await writeOne(`${ONE_PDF_FILE}.expected.json`, { file: ONE_PDF_FILE, kind: 'pdf', forms: fillable.forms });
    const flat = await drawnPdf(`${title} (printed to PDF)`, forms, { flat: true });
    const flatFile = variantFile(ONE_PDF_FILE, FLAT);
    const writeOneFlat = await folder(`${spec.name}${ONE_PDF_SUFFIX}-${FLAT}`);
    await writeOneFlat(flatFile, flat.bytes);
    await writeOneFlat(`${flatFile}.expected.json`, { file: flatFile, kind: 'pdf', forms: flat.forms });
  }
  return { files, coverage };
}
