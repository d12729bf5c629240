import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormTemplate } from '../schemas/form-template.js';
import { readFooter } from '../src/read/identify/read-footers.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { readPdfPages } from '../src/read/pdf/read-pdf-pages.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { templateSourcePath } from './support/real-corpus.js';

/**
 * Every template's boxes against the real blank forms of its edition: the copies it was derived
 * from and the other blank copies in ../shared. A box drawn or read at a wrong rectangle misreads
 * every scan and print of the form, and the samples (drawn at the template's own rectangles) cannot
 * show it; this does. Printed rules and the footer's rectangle are checked by derive-geometry.test.ts.
 */

/** Points a widget may lie off the template's rectangle: the templates round to 0.01 pt. */
const TOLERANCE_PT = 0.5;

/** Blank copies of a template's edition it was not derived from (they add no field, but must agree). */
const OTHER_COPIES: Record<string, string[]> = {
  '126 2016/09': ['pdfeditor-acord126-2016-09-blank-resaved.pdf'],
  '140 2016/03': ['ifd-acord140-2016-03-blank.pdf'],
};

/**
 * Where real copies of one edition disagree with the template, measured: the 125's r1 copy (the
 * template follows its r2 copy, derived first) draws the third named insured's member/manager count
 * 11 pt narrower. Any other disagreement fails the test.
 */
const KNOWN_DIFFERENCES = ['acord-125-2016-03r1-encrypted-xfa.pdf: NamedInsured_LegalEntity_MemberManagerCount_C p1 off by x +0 y +0 w -11 h +0'];

type CopyWidget = { name: string; page: number; rect: number[] };

async function readCopy(file: string) {
  const doc = await openPdf(new Uint8Array(readFileSync(templateSourcePath(file)!)), file);
  const pages = await readPdfPages(doc);
  const footers = await Promise.all(pages.map((p) => readFooter(doc, p.page)));
  await doc.destroy();
  const widgets: CopyWidget[] = pages.flatMap((p) => p.widgets.map((w) => ({ name: w.name, page: p.page, rect: w.rect })));
  return { pages, footers, widgets };
}

const signed = (v: number) => `${v >= 0 ? '+' : ''}${Math.round(v * 100) / 100}`;
const offset = (want: readonly number[], got: readonly number[]) => ['x', 'y', 'w', 'h'].map((k, i) => `${k} ${signed(got[i]! - want[i]!)}`).join(' ');
const near = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= TOLERANCE_PT);

/**
 * What disagrees between a template and one real copy: page count and sizes, the footer on every
 * page, and per field its widgets' pages and rectangles. A copy may name a box otherwise (a resaved
 * copy's "Agency_FullName_A") where the template has a box at that place; a box the copy lacks is
 * one the form hides (zero size) or one it names otherwise.
 */
function differences(t: FormTemplate, file: string, copy: Awaited<ReturnType<typeof readCopy>>, derivedFirst: boolean): string[] {
  const out: string[] = [];
  if (copy.pages.length !== t.pages.length) return [`${file}: ${copy.pages.length} pages, the template ${t.pages.length}`];
  copy.pages.forEach((p, i) => {
    const want = t.pages[i]!;
    if (p.width !== want.width || p.height !== want.height) out.push(`${file}: page ${i + 1} is ${p.width} × ${p.height}, the template ${want.width} × ${want.height}`);
    if (copy.footers[i]?.text !== t.footer) out.push(`${file}: page ${i + 1} footer "${copy.footers[i]?.text}", the template "${t.footer}"`);
  });
  const byName = new Map<string, CopyWidget[]>();
  for (const w of copy.widgets) byName.set(w.name, [...(byName.get(w.name) ?? []), w]);
  const templateBoxes = t.fields.flatMap((f) => f.widgets);
  for (const f of t.fields) {
    const got = byName.get(f.name);
    if (!got) {
      const hidden = f.widgets.every((w) => w.rect[2] === 0 || w.rect[3] === 0);
      const renamed = f.widgets.every((w) => copy.widgets.some((c) => c.page === w.page && near(w.rect, c.rect)));
      if (derivedFirst || !(hidden || renamed)) out.push(`${file}: has no ${f.name}`);
      continue;
    }
    if (got.length !== f.widgets.length) out.push(`${file}: ${f.name} has ${got.length} widgets, the template ${f.widgets.length}`);
    f.widgets.forEach((w, i) => {
      const c = got[i];
      if (c && (c.page !== w.page || !near(w.rect, c.rect))) out.push(`${file}: ${f.name} p${w.page}${c.page !== w.page ? ` is on p${c.page}` : ''} off by ${offset(w.rect, c.rect)}`);
    });
  }
  for (const [name, ws] of byName) {
    if (t.fields.some((f) => f.name === name)) continue;
    for (const w of ws) if (!templateBoxes.some((b) => b.page === w.page && near(b.rect, w.rect))) out.push(`${file}: ${name} p${w.page} at ${w.rect.map(signed)} is no box of the template`);
  }
  return out;
}

describe('template boxes and footers match the real blank forms', () => {
  for (const t of loadTemplates()) {
    const copies = [...t.derivedFrom.map((d, i) => ({ file: d.file, derivedFirst: i === 0 })), ...(OTHER_COPIES[`${t.form} ${t.edition}`] ?? []).map((file) => ({ file, derivedFirst: false }))];
    for (const { file, derivedFirst } of copies) {
      const present = templateSourcePath(file) !== undefined;
      if (!present) console.warn(`Skipping ACORD ${t.form} (${t.edition}) against ${file}: not in ../shared`);
      it.skipIf(!present)(`ACORD ${t.form} (${t.edition}) against ${file}: pages, footers, every box within ${TOLERANCE_PT} pt`, async () => {
        const found = differences(t, file, await readCopy(file), derivedFirst);
        expect(found).toEqual(KNOWN_DIFFERENCES.filter((d) => d.startsWith(`${file}:`)));
      });
    }
  }

  it.skipIf(!templateSourcePath('acord-126.pdf'))('finds a box moved by a point and a half, naming form, field and offset', async () => {
    const t = loadTemplates().find((x) => x.form === '126' && x.edition === '2016/09')!;
    const copy = await readCopy('acord-126.pdf');
    const moved = copy.widgets.find((w) => w.name === 'GeneralLiability_Hazard_ClassCode_A')!;
    moved.rect = [moved.rect[0]! + 1.5, ...moved.rect.slice(1)];
    expect(differences(t, 'acord-126.pdf', copy, true)).toEqual(['acord-126.pdf: GeneralLiability_Hazard_ClassCode_A p1 off by x +1.5 y +0 w +0 h +0']);
  });
});
