import { PDFArray, PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Rect } from '../schemas/field.js';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { identifyPdfForms, type FooterReader } from '../src/read/identify/identify-pdf-forms.js';
import { parseFooter, readFooter } from '../src/read/identify/read-footers.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { readPdfPages, type PdfPage } from '../src/read/pdf/read-pdf-pages.js';
import { findTemplate, type LoadedTemplate } from '../src/read/templates/template-registry.js';
import { fillEveryMappedField, readBackMismatches } from './support/fill-every-mapped-field.js';
import { hasRealCorpus, readRealCorpusPdf } from './support/real-corpus.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

const CURRENT = [
  { file: 'primble-acord125-2025-03-blank.pdf', form: '125' },
  { file: 'primble-acord126-2025-03-blank.pdf', form: '126' },
] as const;

/** A real PDF's pages, numbered from `firstPage`, and each page's printed footer. */
async function readPages(bytes: Uint8Array, file: string, firstPage = 1) {
  const doc = await openPdf(bytes, file);
  const pages = (await readPdfPages(doc)).map((p) => ({ ...p, page: p.page + firstPage - 1 }));
  const footers = await Promise.all(pages.map((p) => readFooter(doc, p.page - firstPage + 1)));
  await doc.destroy();
  return { pages, footers };
}

/** A footer reader over the given footers that records which pages it was asked for. */
function footerReader(footers: Map<number, ReturnType<typeof parseFooter>>) {
  const asked: number[] = [];
  const read: FooterReader = async (n) => {
    asked.push(n);
    return footers.get(n) ?? null;
  };
  return { read, asked };
}

const withoutTemplate = <T extends { template: LoadedTemplate }>({ template: _, ...rest }: T) => rest;

describe.skipIf(!hasRealCorpus)('ACORD 125 and 126 (2025/03)', () => {
  for (const c of CURRENT) {
    it(`ACORD ${c.form} (2025/03) filled with pdf-lib: every mapped field reads back, as one 5-page 2025/03 form`, async () => {
      const template = findTemplate(c.form, '2025/03')!;
      expect(template.pages).toHaveLength(5);
      const { bytes, expected } = await fillEveryMappedField(readRealCorpusPdf(c.file), template);

      const { document, parts, warnings } = await extractDocument(bytes, c.file);
      expect(document.forms).toEqual([{ form: c.form, edition: '2025/03', templateEdition: '2025/03', pages: [1, 2, 3, 4, 5], identifiedBy: 'acroform-fields' }]);
      expect(warnings).toEqual([]);
      expect(parts).toHaveLength(1);
      expect(readBackMismatches(parts[0], expected)).toEqual([]);
      expect(expected.length).toBeGreaterThan(250);
      expect(listLeaves(parts[0]).every(({ leaf }) => leaf.confidence >= REVIEW_THRESHOLD)).toBe(true);
    });

    it(`ACORD ${c.form} (2025/03) filled and flattened: identified by its footer, read through its text layer with the 2025/03 boxes`, async () => {
      const template = findTemplate(c.form, '2025/03')!;
      const { bytes, expected } = await fillEveryMappedField(readRealCorpusPdf(c.file), template);
      const pdf = await PDFDocument.load(bytes);
      pdf.getForm().updateFieldAppearances();
      pdf.getForm().flatten();

      const { document, parts, warnings } = await extractDocument(await pdf.save(), c.file);
      expect(document.forms).toEqual([{ form: c.form, edition: '2025/03', templateEdition: '2025/03', pages: [1, 2, 3, 4, 5], identifiedBy: 'footer-text' }]);
      expect(warnings).toEqual([]);
      expect(readBackMismatches(parts[0], expected, 'text-layer')).toEqual([]);
    });

    it(`the blank ACORD ${c.form} (2025/03) is one 5-page 2025/03 form, told by its widgets' names and places alone`, async () => {
      const { pages, footers } = await readPages(readRealCorpusPdf(c.file), c.file);
      expect(footers.map((f) => f?.text)).toEqual(Array(5).fill(`ACORD ${c.form} (2025/03)`));
      const footer = footerReader(new Map());
      const { forms, unidentifiedPages } = await identifyPdfForms(pages, footer.read);
      expect(forms.map(withoutTemplate)).toEqual([
        { form: c.form, edition: '2025/03', templateEdition: '2025/03', pages: [1, 2, 3, 4, 5], templatePages: [1, 2, 3, 4, 5], identifiedBy: 'acroform-fields', layoutVerified: true },
      ]);
      expect(unidentifiedPages).toEqual([]);
      expect(footer.asked).toEqual([]);
    });
  }

  it('the 2025/03 templates carry the footer and the page geometry that read flattened and scanned copies', () => {
    for (const c of CURRENT) {
      const t = findTemplate(c.form, '2025/03')!;
      expect(t.footer).toBe(`ACORD ${c.form} (2025/03)`);
      expect(t.derivedFrom.map((d) => d.file)).toEqual([c.file]);
      for (const page of t.pages) {
        expect(page.rules!.h.length).toBeGreaterThanOrEqual(5);
        expect(page.footerRect).toBeDefined();
        expect(page.printedText!.anchors.length).toBeGreaterThan(3);
      }
    }
    // The layouts differ: the 2025/03 125 moves the named insured's box (2016/03 has it at y=276).
    const rectOf = (edition: string) => findTemplate('125', edition)!.byName.get('NamedInsured_FullName_A')!.widgets[0]!.rect;
    expect(rectOf('2016/03')[1]).not.toBeCloseTo(rectOf('2025/03')[1], 0);
  });

  it('pages alike in two editions take the edition from their footer: the first three pages of each 126', async () => {
    const c2025 = await readPages(readRealCorpusPdf('primble-acord126-2025-03-blank.pdf'), '2025');
    const first3 = c2025.pages.slice(0, 3);
    const footer = footerReader(new Map(c2025.footers.map((f, i) => [i + 1, f])));
    const { forms } = await identifyPdfForms(first3, footer.read);
    expect(forms.map((f) => [f.edition, f.templateEdition, f.pages, f.layoutVerified])).toEqual([['2025/03', '2025/03', [1, 2, 3], true]]);
    expect(footer.asked).toEqual([1]);

    const said2016 = footerReader(new Map([[1, parseFooter('ACORD 126 (2016/09)')]]));
    const { forms: as2016 } = await identifyPdfForms(first3, said2016.read);
    expect(as2016.map((f) => [f.edition, f.templateEdition, f.pages, f.layoutVerified])).toEqual([['2016/09', '2016/09', [1, 2, 3], true]]);
  });

  it.skipIf(!hasSharedForms)('a 2016/09 126 followed by a 2025/03 126 in one PDF are two forms, each of its own edition', async () => {
    const old = await readPages(readSharedForm('acord-126.pdf'), '2016');
    const current = await readPages(readRealCorpusPdf('primble-acord126-2025-03-blank.pdf'), '2025', old.pages.length + 1);
    const footer = footerReader(new Map([...old.footers, ...current.footers].map((f, i) => [i + 1, f])));
    const { forms } = await identifyPdfForms([...old.pages, ...current.pages], footer.read);
    expect(forms.map((f) => [f.edition, f.templateEdition, f.pages])).toEqual([
      ['2016/09', '2016/09', [1, 2, 3, 4]],
      ['2025/03', '2025/03', [5, 6, 7, 8, 9]],
    ]);
  });
});

describe.skipIf(!hasSharedForms)('the 2016 forms beside the 2025/03 templates', () => {
  it('still identify as their own editions, by layout alone (the 2016/03 140 of another publisher too)', async () => {
    const cases: [Uint8Array, string, string, number][] = [
      [readSharedForm('acord-125.pdf'), '125', '2016/03', 4],
      [readSharedForm('acord-126.pdf'), '126', '2016/09', 4],
      [readSharedForm('acord-140.pdf'), '140', '2016/03', 3],
      [readSharedForm('acord-140-2014-12-encrypted-xfa.pdf'), '140', '2014/12', 3],
    ];
    if (hasRealCorpus) cases.push([readRealCorpusPdf('ifd-acord140-2016-03-blank.pdf'), '140', '2016/03', 3]);
    for (const [bytes, form, edition, count] of cases) {
      const { pages } = await readPages(bytes, `${form} ${edition}`);
      const footer = footerReader(new Map());
      const { forms } = await identifyPdfForms(pages, footer.read);
      expect(footer.asked, `${form} ${edition}: the layout alone tells`).toEqual([]);
      const pageNumbers = Array.from({ length: count }, (_, i) => i + 1);
      expect(forms.map(withoutTemplate), `${form} ${edition}`).toEqual([
        { form, edition, templateEdition: edition, pages: pageNumbers, templatePages: pageNumbers, identifiedBy: 'acroform-fields', layoutVerified: true },
      ]);
    }
  });
});

/** A template's own widgets as a PDF's pages, optionally moved: a form laid out like it, or not. */
function pagesLike(form: '125' | '126', edition: string, shift: number, templatePages?: number[]): PdfPage[] {
  const t = findTemplate(form, edition)!;
  return (templatePages ?? t.pages.map((_, i) => i + 1)).map((n, i) => ({
    page: i + 1,
    width: t.pages[n - 1]!.width,
    height: t.pages[n - 1]!.height,
    widgets: t.fields.flatMap((f) =>
      f.widgets.filter((w) => w.page === n).map((w) => ({ name: f.name, kind: f.kind, value: '', rect: [w.rect[0], w.rect[1] + shift, w.rect[2], w.rect[3]] as Rect })),
    ),
  }));
}
const pagesLike125 = (shift: number) => pagesLike('125', '2016/03', shift);

const footersSaying = (text: string, pages: number) => new Map(Array.from({ length: pages }, (_, i) => [i + 1, parseFooter(`${text} Page ${i + 1} of ${pages}`)]));

describe('a form of an edition without a template of its own', () => {
  it('is read with the nearest edition’s template, its layout verified only where its widgets sit where the template’s do', async () => {
    const moved = await identifyPdfForms(pagesLike125(-20), footerReader(footersSaying('ACORD 125 (2013/01)', 4)).read);
    expect(moved.forms.map((f) => [f.edition, f.templateEdition, f.pages, f.layoutVerified])).toEqual([['2013/01', '2016/03', [1, 2, 3, 4], false]]);

    const inPlace = await identifyPdfForms(pagesLike125(0), footerReader(footersSaying('ACORD 125 (2013/01)', 4)).read);
    expect(inPlace.forms.map((f) => [f.edition, f.templateEdition, f.layoutVerified])).toEqual([['2016/03', '2016/03', true]]);
  });

  it('a copy without the hidden zero-size edition stamp is still laid out exactly: its layout names the edition, no footer is read', async () => {
    const stampless = pagesLike125(0).map((p) => ({ ...p, widgets: p.widgets.filter((w) => w.rect[2] > 0 && w.rect[3] > 0) }));
    expect(stampless[0]!.widgets.length).toBe(pagesLike125(0)[0]!.widgets.length - 1);
    const footer = footerReader(footersSaying('ACORD 125 (2013/01)', 4));
    const { forms } = await identifyPdfForms(stampless, footer.read);
    expect(footer.asked).toEqual([]);
    expect(forms.map((f) => [f.edition, f.templateEdition, f.pages, f.identifiedBy, f.layoutVerified])).toEqual([['2016/03', '2016/03', [1, 2, 3, 4], 'acroform-fields', true]]);
  });

  it('a page that looks most like another form starts that form, though the form under way has a page of the same names left', async () => {
    // The 2025/03 125 ends on a signature page whose seven boxes the 126 also has on its page 4.
    const pages = [...pagesLike('125', '2025/03', 0, [1, 2, 3, 4]), ...pagesLike('126', '2016/09', -20, [4])].map((p, i) => ({ ...p, page: i + 1 }));
    const { forms } = await identifyPdfForms(pages, async () => null);
    expect(forms.map((f) => [f.form, f.templateEdition, f.pages])).toEqual([
      ['125', '2025/03', [1, 2, 3, 4]],
      ['126', '2016/09', [5]],
    ]);
  });

  it('printed (no fields): a footer edition without a template is read with the nearest one, unverified; 2025/03 with its own', async () => {
    const printed = (n: number) => Array.from({ length: n }, (_, i) => ({ page: i + 1, width: 612, height: 792, widgets: [] }));
    for (const [footer, count, templateEdition, verified] of [
      ['ACORD 125 (2011/10)', 4, '2016/03', false],
      ['ACORD 125 (2025/03)', 5, '2025/03', true],
      ['ACORD 126 (2009/08)', 4, '2016/09', false],
    ] as const) {
      const { forms } = await identifyPdfForms(printed(count), footerReader(footersSaying(footer, count)).read);
      expect(forms.map((f) => [f.edition, f.templateEdition, f.pages.length, f.identifiedBy, f.layoutVerified]), footer).toEqual([
        [parseFooter(footer)!.edition, templateEdition, count, 'footer-text', verified],
      ]);
    }
  });

  it.skipIf(!hasRealCorpus)('a filled ACORD 125 (2013/01), fillable or flattened, warns that its layout is not verified, and every value goes to review', async () => {
    const file = 'pdfeditor-acord125-2013-01-custom-fields.pdf';
    const pdf = await PDFDocument.load(readRealCorpusPdf(file));
    // The few boxes this third-party copy names as the data dictionary does.
    pdf.getForm().getTextField('NamedInsured_FullName_A').setText('Harbor Lights Marine LLC');
    pdf.getForm().getTextField('Producer_MailingAddress_CityName_A').setText('Tampa');
    const fillable = await pdf.save();
    pdf.getForm().updateFieldAppearances();
    pdf.getForm().flatten();
    const flattened = await pdf.save();

    for (const [bytes, identifiedBy] of [
      [fillable, 'acroform-fields'],
      [flattened, 'footer-text'],
    ] as const) {
      const { document, parts, warnings } = await extractDocument(bytes, file);
      expect(document.forms).toEqual([{ form: '125', edition: '2013/01', templateEdition: '2016/03', pages: [1, 2, 3, 4], identifiedBy }]);
      expect(warnings).toContain(`${file}: ACORD 125 (2013/01) read with the 2016/03 template: layout not verified; values flagged for review`);
      const leaves = listLeaves(parts[0]);
      expect(leaves.map(({ path, leaf }) => [path, leaf.value]), identifiedBy).toEqual(expect.arrayContaining([['namedInsureds[0].fullName', 'Harbor Lights Marine LLC']]));
      expect(leaves.filter(({ leaf }) => leaf.confidence >= REVIEW_THRESHOLD), identifiedBy).toEqual([]);
    }
  });

  it.skipIf(!hasSharedForms)('a flattened copy whose footer names another edition is verified where every printed anchor sits where the template has it', async () => {
    const pdf = await PDFDocument.load(readSharedForm('acord-125.pdf'));
    pdf.getForm().getTextField('NamedInsured_FullName_A').setText('Harbor Lights Marine LLC');
    pdf.getForm().updateFieldAppearances();
    pdf.getForm().flatten();
    // A footer saying 2011/10 ahead of the printed one (the footer reader takes the first it meets).
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (const page of pdf.getPages()) {
      page.drawText('ACORD 125 (2011/10)', { x: 300, y: 20, size: 7, font });
      const contents = page.node.Contents() as PDFArray;
      const footer = contents.get(contents.size() - 1);
      contents.remove(contents.size() - 1);
      contents.insert(0, footer);
    }
    const { document, parts, warnings } = await extractDocument(await pdf.save(), 'relabelled.pdf');
    expect(document.forms).toEqual([{ form: '125', edition: '2011/10', templateEdition: '2016/03', pages: [1, 2, 3, 4], identifiedBy: 'footer-text' }]);
    expect(warnings).toEqual([]);
    expect(parts[0]!.namedInsureds![0]!.fullName).toMatchObject({ value: 'Harbor Lights Marine LLC', confidence: 0.99 });
  });
});
