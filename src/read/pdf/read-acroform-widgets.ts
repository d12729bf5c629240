import { PDFCheckBox, PDFDict, PDFDropdown, PDFHexString, PDFName, PDFOptionList, PDFRadioGroup, PDFString, PDFTextField, type PDFDocument, type PDFField } from 'pdf-lib';
import { plainFieldName } from '../templates/field-name.js';
import { pdfLibDocument } from './pdf-lib-document.js';
import type { PdfPage, PdfWidget } from './read-pdf-pages.js';

function valueOf(field: PDFField): { kind: PdfWidget['kind']; value: string } | null {
  if (field instanceof PDFTextField) return { kind: 'text', value: field.getText() ?? '' };
  if (field instanceof PDFCheckBox) return { kind: 'checkbox', value: checkboxValue(field) };
  if (field instanceof PDFDropdown || field instanceof PDFOptionList) return { kind: 'text', value: field.getSelected().join('\n') };
  if (field instanceof PDFRadioGroup) return { kind: 'text', value: field.getSelected() ?? '' };
  return null;
}

/**
 * A checkbox's value as the file states it: its export value when ticked ("1", "Yes", "Choice1"), as
 * pdfjs reports it too. pdf-lib's isChecked also wants the value to match the widget's on-appearance,
 * which copies edited by other tools do not always keep: a box the file says is ticked is ticked.
 */
function checkboxValue(box: PDFCheckBox): string {
  const v = box.acroField.V();
  const text = v instanceof PDFName || v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : '';
  return text === '' ? 'Off' : text;
}

/**
 * The fast path for fillable PDFs: pdf-lib reads an AcroForm's values and widget rectangles in about
 * a third of the time pdfjs takes to build its annotation objects. Returns null where pdf-lib cannot
 * read the file (encrypted copies, damaged cross-reference tables): the caller falls back to pdfjs.
 * The parsed document is shared with the page-kind reader (pdf-lib-document.ts).
 */
export async function readAcroFormWidgets(bytes: Uint8Array): Promise<PdfPage[] | null> {
  const pdf = await pdfLibDocument(bytes);
  try {
    return pdf && readWidgets(pdf);
  } catch {
    // pdf-lib is strict where pdfjs repairs (and lenient where pdfjs reports clearly): pdfjs decides.
    return null;
  }
}

function readWidgets(pdf: PDFDocument): PdfPage[] | null {
  const pdfPages = pdf.getPages();
  const pageIndex = new Map(pdfPages.map((p, i) => [p.ref.toString(), i]));
  const pages: PdfPage[] = pdfPages.map((p, i) => ({ page: i + 1, ...p.getSize(), widgets: [] }));
  for (const field of pdf.getForm().getFields()) {
    const read = valueOf(field);
    if (!read) continue;
    for (const w of field.acroField.getWidgets()) {
      const ref = w.P();
      const index = ref ? pageIndex.get(ref.toString()) : undefined;
      // A widget without /P cannot be placed cheaply; let pdfjs read the whole document instead.
      if (index === undefined) return null;
      const r = w.getRectangle();
      pages[index]!.widgets.push({
        name: plainFieldName(field.getName()),
        ...read,
        rect: [r.x, r.y, r.width, r.height],
      });
    }
  }
  // Pages copied between documents keep their widgets but not the AcroForm entries behind them: if the
  // field tree does not account for every widget on the pages, pdfjs (which reads the pages) must.
  const found = pages.reduce((n, p) => n + p.widgets.length, 0);
  return found === countWidgetAnnotations(pdf) ? pages : null;
}

function countWidgetAnnotations(pdf: PDFDocument): number {
  let n = 0;
  for (const page of pdf.getPages()) {
    const annots = page.node.Annots();
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = pdf.context.lookup(annots.get(i));
      if (annot instanceof PDFDict && annot.get(PDFName.of('Subtype')) === PDFName.of('Widget')) n++;
    }
  }
  return n;
}
