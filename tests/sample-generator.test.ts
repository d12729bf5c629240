import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFCheckBox, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFTextField } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { valueSchemas } from '../schemas/fields.js';
import { Submission } from '../schemas/submission.js';
import { readFooterRect } from '../src/read/align/read-footer-rect.js';
import { readPageRules } from '../src/read/align/read-page-rules.js';
import { readFooter } from '../src/read/identify/read-footers.js';
import { leafValueType } from '../src/model/model-path.js';
import { normalizeValue } from '../src/read/normalize/normalize-value.js';
import { openPdf, type PDFDocumentProxy } from '../src/read/pdf/open-pdf.js';
import { ATTACHMENT_FILES } from '../scripts/sample-kit/attachment-samples.js';
import { ExpectedFile, type ExpectedForm } from '../scripts/sample-kit/expected.js';
import { fillAcordForm } from '../scripts/sample-kit/fill-acord-form.js';
import { SAMPLE_SPECS } from '../scripts/sample-kit/sample-specs.js';
import { AGENCY, AGENCY_SAMPLES } from '../scripts/sample-kit/agency-sample.js';
import { scanPdf } from '../scripts/sample-kit/scan-pdf.js';
import { buildSample, FLAT, sampleFolders, scanVariant, variantFile, writeSample } from '../scripts/sample-kit/write-sample.js';
import { findTemplate } from '../src/read/templates/template-registry.js';
import { splitAtBoxes } from '../src/read/text-layer/split-at-boxes.js';
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
const methodOf = (expected: { forms: ExpectedForm[] }) => expected.forms[0]!.fields[0]!.method;
const fillable = pdfExpectations.filter(({ expected }) => methodOf(expected) === 'acroform');
const isAgency = (dir: string) => dir.endsWith(`-${AGENCY}`);
const flattened = pdfExpectations.filter(({ dir, expected }) => methodOf(expected) === 'text-layer' && !isAgency(dir));
const agencyPrints = pdfExpectations.filter(({ dir }) => isAgency(dir));
const scanned = pdfExpectations.filter(({ expected }) => methodOf(expected) === 'ocr');

type TextItem = { str: string; x: number; y: number; width: number; size: number };

async function pageTexts(doc: PDFDocumentProxy): Promise<TextItem[][]> {
  const pages: TextItem[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const { items } = await (await doc.getPage(p)).getTextContent();
    pages.push(items.flatMap((i) => ('str' in i && i.str.trim() ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) }] : [])));
  }
  return pages;
}

const inside = ([x, y, w, h]: number[], px: number, py: number) => px > x! && px < x! + w! && py > y! && py < y! + h!;

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
      expect.arrayContaining(
        ['acord-125.pdf', 'acord-126.pdf', 'acord-140-1.pdf', 'submission.xml']
          .map((f) => path.join(spec.name, f))
          .concat(['acord-125.flat.pdf', 'acord-140-1.flat.pdf'].map((f) => path.join(`${spec.name}-flat`, f)))
          .concat(path.join(`${spec.name}-one-pdf`, 'all-forms.pdf'), path.join(`${spec.name}-one-pdf-flat`, 'all-forms.flat.pdf')),
      ),
    );
    for (const f of files) expect(Buffer.compare(await readFile(path.join(a, f)), await readFile(path.join(b, f))), f).toBe(0);
  });

  it('has committed samples for every spec, with every variant, small enough for the repo', () => {
    expect(sampleDirs.map((d) => path.basename(d)).sort()).toEqual([...SAMPLE_SPECS.flatMap(sampleFolders), ...AGENCY_SAMPLES.map((n) => `${n}-${AGENCY}`)].sort());
    const bytes = sampleDirs.flatMap((dir) => readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).length)).reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThan(12 * 1024 * 1024);
    for (const spec of SAMPLE_SPECS) {
      // The forms; a loss run beside them (attachments) has no flattened variant.
      const isForm = (f: string) => f.startsWith('acord-') && f.endsWith('.pdf');
      const forms = readdirSync(path.join(SAMPLES, spec.name)).filter(isForm);
      expect(readdirSync(path.join(SAMPLES, `${spec.name}-${FLAT}`)).filter(isForm).sort()).toEqual(forms.map((f) => variantFile(f, FLAT)).sort());
      if (spec.attachments) {
        expect(readdirSync(path.join(SAMPLES, spec.name))).toEqual(expect.arrayContaining(Object.values(ATTACHMENT_FILES.fillable)));
        expect(readdirSync(path.join(SAMPLES, `${spec.name}-${FLAT}`))).toEqual(expect.arrayContaining(Object.values(ATTACHMENT_FILES.flat)));
      }
      for (const { dpi, files } of spec.scans ?? []) {
        expect(files.every((f) => forms.includes(f))).toBe(true);
        expect(readdirSync(path.join(SAMPLES, `${spec.name}-${scanVariant(dpi)}`)).filter((f) => f.endsWith('.pdf')).sort()).toEqual(files.map((f) => variantFile(f, scanVariant(dpi))).sort());
      }
    }
    expect(new Set(scanned.map(({ expected }) => expected.scan?.dpi))).toEqual(new Set([200, 300]));
    expect(new Set(scanned.flatMap(({ expected }) => expected.forms.map((f) => f.form)))).toEqual(new Set(['125', '126', '140']));
  });

  it('expects of each variant exactly what its fillable form holds, but for the method', () => {
    expect(flattened.length).toBe(fillable.length);
    expect(agencyPrints.length).toBeGreaterThan(0);
    for (const { dir, expected } of [...flattened, ...agencyPrints, ...scanned]) {
      const variant = /\.(flat|agency|scan\d+)\.pdf$/.exec(expected.file)![1]!;
      const original = ExpectedFile.parse(
        JSON.parse(readFileSync(path.join(path.dirname(dir), path.basename(dir).replace(`-${variant}`, ''), `${expected.file.replace(`.${variant}`, '')}.expected.json`), 'utf8')),
      );
      const method = variant.startsWith('scan') ? 'ocr' : 'text-layer';
      expect(original.kind === 'pdf' && original.forms.map((f) => ({ ...f, fields: f.fields.map((v) => ({ ...v, method })) })), expected.file).toEqual(expected.forms);
      expect(expected.scan === undefined, expected.file).toBe(!variant.startsWith('scan'));
    }
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
          if (normalizeValue(type, f.raw, { path: f.path, label: f.field }).value !== f.value) problems.push(`${where}: "${f.raw}" does not normalize to ${JSON.stringify(f.value)}`);
        } catch (err) {
          problems.push(`${where}: ${(err as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(2000);
  });

  it('draws each form with its rules, and its footer where the template says, on every page', async () => {
    for (const { dir, expected } of [...fillable, ...flattened]) {
      const doc = await openPdf(new Uint8Array(readFileSync(path.join(dir, expected.file))), expected.file);
      for (const form of expected.forms) {
        const template = findTemplate(form.form, form.edition)!;
        for (const [i, page] of form.pages.entries()) {
          const where = `${expected.file} p${page}`;
          const want = template.pages[i]!;
          expect((await readFooter(doc, page))?.text, where).toBe(template.footer);
          const rect = (await readFooterRect(doc, page))!;
          rect.forEach((v, k) => expect(Math.abs(v - want.footerRect![k]!), `${where} footerRect`).toBeLessThan(0.5));
          // Fillable and flattened copies share the drawing: the rules are read off the flattened ones.
          if (methodOf(expected) !== 'text-layer') continue;
          // Box borders join and extend the printed rules, so each rule must lie within a drawn one.
          const drawn = await readPageRules(doc, page);
          const covered = (lines: number[][], [at, from, to]: number[]) => lines.some(([a, f, t]) => Math.abs(a! - at!) < 0.5 && f! <= from! + 0.5 && t! >= to! - 0.5);
          expect(want.rules!.h.filter((r) => !covered(drawn.h, r)), `${where} horizontal rules`).toEqual([]);
          expect(want.rules!.v.filter((r) => !covered(drawn.v, r)), `${where} vertical rules`).toEqual([]);
        }
      }
      await doc.destroy();
    }
  });

  it('puts the template fields at the template rectangles, and no label inside a box', async () => {
    for (const { dir, expected } of fillable) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, expected.file)));
      const doc = await openPdf(bytes, expected.file);
      const texts = await pageTexts(doc);
      await doc.destroy();
      const fields = new Map((await PDFDocument.load(bytes)).getForm().getFields().map((f) => [f.getName(), f]));
      for (const form of expected.forms) {
        const template = findTemplate(form.form, form.edition)!;
        for (const [i, page] of form.pages.entries()) {
          // A fillable drawing's page text is labels, header and footer only: none may sit in a value box.
          const boxes = template.fields.flatMap((f) => f.widgets.filter((w) => w.page === i + 1 && w.rect[2] > 0).map((w) => w.rect));
          const inBoxes = texts[page - 1]!.filter((t) => boxes.some((b) => inside(b, t.x + 0.5, t.y + 1) || inside(b, t.x + t.width - 0.5, t.y + 1)));
          expect(inBoxes.map((t) => t.str), `${expected.file} p${page}`).toEqual([]);
        }
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
    for (const { dir, expected } of fillable) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, expected.file)));
      expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/ACORD CORPORATION/i);
      const doc = await openPdf(bytes, expected.file);
      for (const page of await pageTexts(doc)) expect(page.map((t) => t.str).join(' '), expected.file).not.toMatch(/ACORD CORPORATION|All rights reserved/i);
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

  it('flattens: no AcroForm, no annotations, each value as page text in its box (a checked box as an X)', async () => {
    expect(flattened.length).toBeGreaterThan(5);
    for (const { dir, expected } of flattened) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, expected.file)));
      const lib = await PDFDocument.load(bytes);
      expect(lib.catalog.get(PDFName.of('AcroForm')), expected.file).toBeUndefined();
      expect(lib.getPages().map((p) => p.node.Annots()?.size() ?? 0), expected.file).toEqual(lib.getPages().map(() => 0));
      const doc = await openPdf(bytes, expected.file);
      const texts = await pageTexts(doc);
      expect(await doc.getFieldObjects()).toBeNull();
      await doc.destroy();
      for (const form of expected.forms) {
        const kinds = new Map(findTemplate(form.form, form.edition)!.fields.map((f) => [f.name, f.kind]));
        const boxes = form.fields.map((o) => ({ page: o.page, rect: o.rect! }));
        for (const f of form.fields) {
          // pdfjs joins values printed close together in neighbouring boxes into one item.
          const boxAt = (x: number, y: number) => boxes.find((o) => o.page === f.page && inside(o.rect, x + 0.1, y + 1));
          const pieces = texts[f.page! - 1]!.flatMap((t) => splitAtBoxes(t, boxAt));
          const items = pieces.filter((t) => inside(f.rect!, t.x + 0.1, t.y + 1)).map((t) => t.str);
          // A multi-line box may wrap its text at spaces: its lines joined by spaces are the value.
          const want = kinds.get(f.field) === 'checkbox' ? 'X' : f.raw.replace(/\n/g, ' ');
          expect(items.join(' '), `${expected.file}: ${f.field}`).toBe(want);
        }
      }
    }
  });

  it('scans: image-only pages, one JPEG each filling the page, at the pixel size of the dpi', async () => {
    for (const { dir, expected } of scanned) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, expected.file)));
      const lib = await PDFDocument.load(bytes);
      const { dpi, pages } = expected.scan!;
      expect(lib.getPageCount(), expected.file).toBe(pages.length);
      expect(lib.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
      for (const page of lib.getPages()) {
        const { width, height } = page.getSize();
        const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
        expect(xobjects.keys()).toHaveLength(1);
        const image = lib.context.lookup(xobjects.get(xobjects.keys()[0]!)) as PDFRawStream;
        expect(image.dict.get(PDFName.of('Filter'))).toEqual(PDFName.of('DCTDecode'));
        const size = ['Width', 'Height'].map((k) => (image.dict.get(PDFName.of(k)) as PDFNumber).asNumber());
        expect(size, expected.file).toEqual([Math.round((width * dpi) / 72), Math.round((height * dpi) / 72)]);
      }
      const doc = await openPdf(bytes, expected.file);
      expect((await pageTexts(doc)).flat(), expected.file).toEqual([]);
      await doc.destroy();
    }
  });

  it('scans deterministically, keeping the boxes it is told to keep on the image', async () => {
    // One sparse page keeps this quick: the committed scans are checked above.
    const source = await PDFDocument.load(readFileSync(path.join(SAMPLES, 'office-ny-flat', 'acord-140-1.flat.pdf')));
    const one = await PDFDocument.create();
    one.addPage((await one.copyPages(source, [2]))[0]!);
    const pdf = await one.save();
    const template = findTemplate('140', '2016/03')!;
    const keep = [template.fields.flatMap((f) => f.widgets.filter((w) => w.page === 3 && w.rect[2] > 0).map((w) => w.rect))];
    const settings = { dpi: 200, seed: 'test', keep, title: 'test scan' };
    const [a, b] = [await scanPdf(pdf, settings), await scanPdf(pdf, settings)];
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    expect(a.scan).toEqual(b.scan);
    const d = a.scan.pages[0]!;
    expect(Math.abs(d.angleDeg)).toBeLessThanOrEqual(3);
    expect(d.shiftPt.every((v) => Math.abs(v) <= 24)).toBe(true);
    const { a: ta, b: tb, c: tc, d: td, e: te, f: tf } = d.transform;
    for (const [x, y, w, h] of keep[0]!) {
      for (const [px, py] of [[x, y], [x + w, y + h]] as const) {
        const [u, v] = [ta * px + tc * py + te, tb * px + td * py + tf];
        expect(u > 0 && u < 1700 && v > 0 && v < 2200, `${px},${py} → ${u},${v}`).toBe(true);
      }
    }
    expect((await scanPdf(pdf, { ...settings, seed: 'other' })).bytes).not.toEqual(a.bytes);
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
