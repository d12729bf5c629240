import type { Rect } from '../../../schemas/field.js';
import { plainFieldName } from '../templates/field-name.js';
import type { PDFDocumentProxy } from './open-pdf.js';

export type PdfWidget = {
  /** Plain ACORD name (XFA hierarchy stripped). */
  name: string;
  kind: 'text' | 'checkbox';
  /** Text as typed; for a checkbox its export value when on, "Off" when not. */
  value: string;
  rect: Rect;
};

/** What a template records of a widget beyond its value: help text (/TU), max length, lines, font size. */
export type PdfWidgetDetail = PdfWidget & { tooltip: string; maxLength: number; multiline: boolean; fontSize: number | null };

export type PdfPage<W extends PdfWidget = PdfWidget> = { page: number; width: number; height: number; widgets: W[] };

function widgetValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join('\n');
  return v === null || v === undefined ? '' : String(v);
}

/** Reads every page's size and form widgets (names, values, rectangles, help texts) with pdfjs. */
export async function readPdfPages(doc: PDFDocumentProxy): Promise<PdfPage<PdfWidgetDetail>[]> {
  const pages: PdfPage<PdfWidgetDetail>[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const widgets: PdfWidgetDetail[] = [];
    for (const a of await page.getAnnotations({ intent: 'display' })) {
      if (a.subtype !== 'Widget' || !a.fieldName) continue;
      const kind = a.fieldType === 'Tx' || a.fieldType === 'Ch' ? 'text' : a.fieldType === 'Btn' && a.checkBox ? 'checkbox' : null;
      if (!kind) continue;
      const [rx0, ry0, rx1, ry1] = a.rect as [number, number, number, number];
      widgets.push({
        name: plainFieldName(a.fieldName),
        kind,
        value: widgetValue(a.fieldValue),
        rect: [rx0, ry0, rx1 - rx0, ry1 - ry0],
        tooltip: (a.alternativeText ?? '').trim(),
        maxLength: a.maxLen ?? 0,
        multiline: Boolean(a.multiLine),
        fontSize: a.defaultAppearanceData?.fontSize || null,
      });
    }
    pages.push({ page: p, width: x1 - x0, height: y1 - y0, widgets });
    page.cleanup();
  }
  return pages;
}
