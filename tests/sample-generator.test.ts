import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { valueSchemas } from '../schemas/fields.js';
import { Submission } from '../schemas/submission.js';
import { readFooter } from '../src/identify/read-footers.js';
import { leafValueType } from '../src/model/model-path.js';
import { normalizeValue } from '../src/normalize/normalize-value.js';
import { openPdf } from '../src/pdf/open-pdf.js';
import { ExpectedFile } from '../src/samples/expected.js';
import { fillAcordForm } from '../src/samples/fill-acord-form.js';
import { SAMPLE_SPECS } from '../src/samples/sample-specs.js';
import { buildSample, writeSample } from '../src/samples/write-sample.js';
import { findTemplate } from '../src/templates/template-registry.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const sampleDirs = readdirSync(SAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(SAMPLES, d.name));
const expectedFiles = sampleDirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({ dir, expected: ExpectedFile.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))) })),
);
const pdfExpectations = expectedFiles.flatMap(({ dir, expected }) => (expected.kind === 'pdf' ? [{ dir, expected }] : []));

describe('synthetic sample generator', () => {
  const temps: string[] = [];
  afterAll(() => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

  it('writes the same bytes on every run', async () => {
    const spec = SAMPLE_SPECS.find((s) => s.combined)!;
    const [a, b] = await Promise.all([mkdtemp(path.join(os.tmpdir(), 'samples-a-')), mkdtemp(path.join(os.tmpdir(), 'samples-b-'))]);
    temps.push(a, b);
    const { files } = await writeSample(spec, a);
    expect((await writeSample(spec, b)).files).toEqual(files);
    expect(files).toEqual(
      expect.arrayContaining(['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf', 'submission.xml'].map((f) => path.join(spec.name, f)).concat(path.join(`${spec.name}-one-pdf`, 'all-forms.pdf'))),
    );
    for (const f of files) expect(Buffer.compare(await readFile(path.join(a, f)), await readFile(path.join(b, f))), f).toBe(0);
  });

  it('has committed samples for every spec, small enough for the repo', () => {
    const names = SAMPLE_SPECS.flatMap((s) => (s.combined ? [s.name, `${s.name}-one-pdf`] : [s.name]));
    expect(sampleDirs.map((d) => path.basename(d)).sort()).toEqual(names.sort());
    const bytes = sampleDirs.flatMap((dir) => readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).length)).reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('expects only model paths, each value valid for its type and what its raw text normalizes to', () => {
    const problems: string[] = [];
    let count = 0;
    for (const { dir, expected } of expectedFiles) {
      const fields = expected.kind === 'pdf' ? expected.forms.flatMap((f) => f.fields) : expected.fields;
      for (const f of fields) {
        count++;
        const where = `${path.basename(dir)}/${expected.file} ${f.path}`;
        try {
          const type = leafValueType(Submission, f.path);
          if (!valueSchemas[type].safeParse(f.value).success) problems.push(`${where}: ${JSON.stringify(f.value)} is no ${type}`);
          if (normalizeValue(type, f.raw).value !== f.value) problems.push(`${where}: "${f.raw}" does not normalize to ${JSON.stringify(f.value)}`);
        } catch (err) {
          problems.push(`${where}: ${(err as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(2000);
  });

  it('draws each form with its footer on every page and the template fields at the template rectangles', async () => {
    for (const { dir, expected } of pdfExpectations) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, expected.file)));
      const doc = await openPdf(bytes, expected.file);
      const footers = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => readFooter(doc, i + 1)));
      await doc.destroy();
      const fields = new Map((await PDFDocument.load(bytes)).getForm().getFields().map((f) => [f.getName(), f]));
      for (const form of expected.forms) {
        const template = findTemplate(form.form, form.edition)!;
        for (const page of form.pages) expect(footers[page - 1]?.text, `${expected.file} p${page}`).toBe(template.footer);
        // In the one-file sample each form's fields sit under a parent field; the per-form files are checked name by name.
        if (expected.forms.length > 1) continue;
        for (const tf of template.fields.filter((f) => f.widgets.some((w) => w.rect[2] > 0))) {
          const field = fields.get(tf.name);
          expect(field, `${expected.file}: ${tf.name}`).toBeDefined();
          expect(field instanceof PDFCheckBox ? 'checkbox' : field instanceof PDFTextField ? 'text' : 'other').toBe(tf.kind);
          const rect = field!.acroField.getWidgets()[0]!.getRectangle();
          const want = tf.widgets.find((w) => w.rect[2] > 0)!.rect;
          expect([rect.x, rect.y, rect.width, rect.height].map((v) => Math.round(v * 100) / 100)).toEqual(want);
        }
      }
    }
  });

  it('holds its values in the fields and none of ACORD’s wording', async () => {
    for (const { dir, expected } of pdfExpectations) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, expected.file)));
      expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/ACORD CORPORATION/i);
      const doc = await openPdf(bytes, expected.file);
      for (let p = 1; p <= doc.numPages; p++) {
        const text = (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
        expect(text, `${expected.file} p${p}`).not.toMatch(/ACORD CORPORATION|All rights reserved/i);
      }
      // Keyed by page and plain name: in the one-file sample several forms use the same names.
      const values = new Map(
        Object.entries((await doc.getFieldObjects()) ?? {}).flatMap(([name, objs]) =>
          (objs as { page: number; value: unknown }[]).map((o) => [`${o.page}:${name.split('.').pop()}`, o.value]),
        ),
      );
      await doc.destroy();
      for (const f of expected.forms.flatMap((form) => form.fields)) {
        expect(String(values.get(`${f.page! - 1}:${f.field}`)), `${expected.file}: ${f.field}`).toBe(f.raw);
      }
    }
  });

  it.skipIf(!hasSharedForms)('fills a real blank form from path → raw without touching samples/', async () => {
    const { forms } = buildSample(SAMPLE_SPECS[0]!);
    const { form, values } = forms.find((f) => f.form.template.form === '126')!;
    const before = readdirSync(path.join(SAMPLES, SAMPLE_SPECS[0]!.name)).sort();
    const bytes = await fillAcordForm(readSharedForm('acord-126.pdf'), form.template, new Map(values.map((v) => [v.path, v.raw])));
    const filled = (await PDFDocument.load(bytes)).getForm();
    for (const v of values) {
      const field = filled.getField(v.field.name);
      if (field instanceof PDFCheckBox) expect(field.isChecked(), v.field.name).toBe(true);
      else expect((field as PDFTextField).getText(), v.field.name).toBe(v.raw);
    }
    expect(values.length).toBeGreaterThan(60);
    expect(readdirSync(path.join(SAMPLES, SAMPLE_SPECS[0]!.name)).sort()).toEqual(before);
    await expect(fillAcordForm(readSharedForm('acord-126.pdf'), form.template, { 'no.such.path': 'x' })).rejects.toThrow(/no box for: no\.such\.path/);
  });
});
