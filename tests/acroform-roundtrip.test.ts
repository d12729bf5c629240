import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { readAcroFormWidgets } from '../src/read/pdf/read-acroform-widgets.js';
import { readPdfPages } from '../src/read/pdf/read-pdf-pages.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { fillEveryMappedField, readBackMismatches } from './support/fill-every-mapped-field.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

/** Fills every mapped field of a real blank form with pdf-lib, then reads it back through the pipeline. */
const CASES = [
  { file: 'acord-125.pdf', form: '125', edition: '2016/03' },
  { file: 'acord-126.pdf', form: '126', edition: '2016/09' },
  { file: 'acord-140.pdf', form: '140', edition: '2016/03' },
] as const;

describe.skipIf(!hasSharedForms)('real ACORD forms filled with pdf-lib round-trip through the AcroForm extractor', () => {
  for (const c of CASES) {
    it(`ACORD ${c.form} (${c.edition}): every mapped field reads back with its value, page and rect`, async () => {
      const template = loadTemplates().find((t) => t.form === c.form && t.edition === c.edition)!;
      const { bytes, expected } = await fillEveryMappedField(readSharedForm(c.file), template);

      const { document, parts, warnings } = await extractDocument(bytes, c.file);
      expect(document.forms).toEqual([{ form: c.form, edition: c.edition, templateEdition: c.edition, pages: template.pages.map((_, i) => i + 1), identifiedBy: 'acroform-fields' }]);
      expect(warnings).toEqual([]);
      expect(parts).toHaveLength(1);
      expect(readBackMismatches(parts[0], expected)).toEqual([]);
      expect(expected.length).toBeGreaterThan(200);

      // The pdfjs reader (used for encrypted copies) must see exactly what the pdf-lib fast path sees.
      const doc = await openPdf(bytes, c.file);
      const viaPdfjs = (await readPdfPages(doc)).map((p) => p.widgets.map(({ name, kind, value, rect }) => ({ name, kind, value, rect: rect.map(Math.round) })));
      await doc.destroy();
      const viaPdfLib = (await readAcroFormWidgets(bytes))!.map((p) => p.widgets.map(({ name, kind, value, rect }) => ({ name, kind, value, rect: rect.map(Math.round) })));
      const byName = (pages: typeof viaPdfjs) => pages.map((ws) => [...ws].sort((a, b) => a.name.localeCompare(b.name) || a.rect[1]! - b.rect[1]!));
      expect(byName(viaPdfjs)).toEqual(byName(viaPdfLib));
    });
  }

  it('reads the encrypted XFA+AcroForm copies (pdf-lib cannot open them) and identifies form and edition', async () => {
    for (const [file, form, edition, pages] of [
      ['acord-125-2016-03r1-encrypted-xfa.pdf', '125', '2016/03', 4],
      ['acord-140-2014-12-encrypted-xfa.pdf', '140', '2014/12', 3],
    ] as const) {
      await expect(PDFDocument.load(readSharedForm(file))).rejects.toThrow(/encrypted/i);
      const { document, warnings } = await extractDocument(readSharedForm(file), file);
      expect(document.forms).toEqual([{ form, edition, templateEdition: edition, pages: Array.from({ length: pages }, (_, i) => i + 1), identifiedBy: 'acroform-fields' }]);
      expect(warnings).toEqual([]);
    }
  });
});
