import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

describe.skipIf(!hasSharedForms)('a PDF that concatenates several ACORD forms', () => {
  it('is split into form instances by page, each read on its own', async () => {
    const out = await PDFDocument.create();
    const files = ['acord-125.pdf', 'acord-126.pdf', 'acord-140.pdf', 'acord-140.pdf'];
    for (const [i, f] of files.entries()) {
      const src = await PDFDocument.load(readSharedForm(f));
      src.getForm().getTextField('NamedInsured_FullName_A').setText(`Insured ${i}`);
      for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
    }
    const { document, parts, warnings } = await extractDocument(await out.save(), 'combined.pdf');
    expect(document.pageCount).toBe(14);
    expect(document.forms.map((f) => [f.form, f.edition, f.pages])).toEqual([
      ['125', '2016/03', [1, 2, 3, 4]],
      ['126', '2016/09', [5, 6, 7, 8]],
      ['140', '2016/03', [9, 10, 11]],
      ['140', '2016/03', [12, 13, 14]],
    ]);
    expect(parts.map((p) => p.namedInsureds?.[0]?.fullName?.value)).toEqual(['Insured 0', 'Insured 1', 'Insured 2', 'Insured 3']);
    expect(parts[3]!.namedInsureds![0]!.fullName!.source.page).toBe(12);
    expect(warnings).toEqual([]);
  });

  it('tells the 140 editions apart by their layout, and the 125 copies by footer', async () => {
    const r2014 = await extractDocument(readSharedForm('acord-140-2014-12-encrypted-xfa.pdf'), 'a.pdf');
    const r2016 = await extractDocument(readSharedForm('acord-140.pdf'), 'b.pdf');
    expect(r2014.document.forms.map((f) => f.edition)).toEqual(['2014/12']);
    expect(r2016.document.forms.map((f) => f.edition)).toEqual(['2016/03']);
  });
});
