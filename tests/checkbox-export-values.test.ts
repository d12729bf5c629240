import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { SubmissionBuilder } from '../src/read/extract/submission-builder.js';
import { isBlank, normalizeValue } from '../src/read/normalize/normalize-value.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { readAcroFormWidgets } from '../src/read/pdf/read-acroform-widgets.js';
import { readPdfPages, type PdfPage } from '../src/read/pdf/read-pdf-pages.js';
import { hasRealCorpus, readRealCorpusPdf } from './support/real-corpus.js';

/** Third-party copies of ACORD forms name a checkbox's on-state as they like; some set /V without renaming the appearance. */
const BOXES = [
  { name: 'choice1Ticked', onState: 'Choice1', v: 'Choice1', ticked: true },
  { name: 'choice1Unticked', onState: 'Choice1', v: 'Off', ticked: false },
  { name: 'checkedTicked', onState: 'Checked', v: 'Checked', ticked: true },
  { name: 'xOverYesAppearance', onState: 'Yes', v: 'X', ticked: true },
  { name: 'yesTicked', onState: 'Yes', v: 'Yes', ticked: true },
];

async function checkboxPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const form = doc.getForm();
  BOXES.forEach(({ name, onState, v }, i) => {
    const box = form.createCheckBox(name);
    box.addToPage(page, { x: 50, y: 700 - 30 * i, width: 12, height: 12 });
    const widget = box.acroField.getWidgets()[0]!;
    const appearances = widget.dict.lookup(PDFName.of('AP'), PDFDict);
    for (const kind of ['N', 'D']) {
      const states = appearances.lookupMaybe(PDFName.of(kind), PDFDict);
      const on = states?.get(PDFName.of('Yes'));
      if (!states || !on || onState === 'Yes') continue;
      states.delete(PDFName.of('Yes'));
      states.set(PDFName.of(onState), on);
    }
    box.acroField.dict.set(PDFName.of('V'), PDFName.of(v));
    widget.setAppearanceState(PDFName.of(v === 'Off' ? 'Off' : onState));
  });
  return doc.save({ updateFieldAppearances: false });
}

const checkboxes = (pages: readonly PdfPage[]) =>
  Object.fromEntries(pages.flatMap((p) => p.widgets.filter((w) => w.kind === 'checkbox').map((w) => [w.name, w.value])));

async function readBoth(bytes: Uint8Array) {
  const viaPdfLib = await readAcroFormWidgets(bytes);
  const doc = await openPdf(bytes, 'test.pdf');
  try {
    return { pdfLib: viaPdfLib && checkboxes(viaPdfLib), pdfjs: checkboxes(await readPdfPages(doc)) };
  } finally {
    await doc.destroy();
  }
}

const ticked = (values: Record<string, string>) =>
  Object.entries(values)
    .filter(([, v]) => !isBlank('boolean', v))
    .map(([name]) => name)
    .sort();

describe('a checkbox is ticked whatever its export value is named', () => {
  it('both PDF readers read it ticked, and keep its export value as the raw text', async () => {
    const { pdfLib, pdfjs } = await readBoth(await checkboxPdf());
    const want = BOXES.filter((b) => b.ticked).map((b) => b.name).sort();
    expect(ticked(pdfLib!)).toEqual(want);
    expect(ticked(pdfjs)).toEqual(want);
    expect(pdfLib).toEqual(Object.fromEntries(BOXES.map((b) => [b.name, b.v])));
    expect(pdfjs).toMatchObject({ choice1Ticked: 'Choice1', checkedTicked: 'Checked', choice1Unticked: 'Off' });
    for (const values of [pdfLib!, pdfjs]) {
      for (const b of BOXES) expect(normalizeValue('boolean', values[b.name]!).value).toBe(b.ticked);
    }
  });

  it('the submission builder stores a "Choice1" box as ticked and leaves an "Off" box out', () => {
    const builder = new SubmissionBuilder();
    const source = { document: 'd', page: 1, rect: null, method: 'acroform' as const, field: 'choice1Ticked' };
    expect(builder.set('policy.linesOfBusiness.commercialProperty.requested', 'Choice1', source)).toBe(true);
    expect(builder.set('policy.linesOfBusiness.businessAuto.requested', 'Off', source)).toBe(false);
    const lines = builder.build().policy?.linesOfBusiness;
    expect(lines?.commercialProperty?.requested).toMatchObject({ value: true, raw: 'Choice1' });
    expect(lines?.businessAuto).toBeUndefined();
  });

  it.skipIf(!hasRealCorpus)('real third-party copies: their "Yes" boxes read ticked in both readers', async () => {
    const packet = await readBoth(readRealCorpusPdf('ifd-packet-125-2005-126-2004-140-2005.pdf'));
    expect(ticked(packet.pdfjs)).toEqual(['Check Box1591', 'Check Box351']);
    if (packet.pdfLib) expect(ticked(packet.pdfLib)).toEqual(['Check Box1591', 'Check Box351']);
    const ritu = await readBoth(readRealCorpusPdf('ritu-acord140-2007-09-filled.pdf'));
    expect(ticked(ritu.pdfjs)).toContain('Direct Bill');
    expect(ticked(ritu.pdfjs).length).toBeGreaterThan(10);
    if (ritu.pdfLib) expect(ticked(ritu.pdfLib)).toEqual(ticked(ritu.pdfjs));
  });
});
