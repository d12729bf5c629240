import {
  PDFAcroCheckBox,
  PDFAcroNonTerminal,
  PDFAcroText,
  PDFCheckBox,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  PDFStream,
  PDFTextField,
  PDFWidgetAnnotation,
  StandardFonts,
  grayscale,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setLineWidth,
  stroke,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { TemplateField } from '../../schemas/form-template.js';
import type { Rect } from '../../schemas/field.js';
import { CHECKBOX_ON, type FormValue } from './form-values.js';
import type { SampleForm } from './sample-forms.js';

/** Fixed document dates: the same sample must give the same bytes on every run. */
const FIXED_DATE = new Date('2025-01-01T00:00:00Z');
const LABEL_SIZE = 3.6;
const LABEL_GAP = 0.8;

/** A new PDF whose metadata does not change from run to run. */
export async function newSampleDocument(title: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title);
  doc.setProducer('acord-prep sample generator');
  doc.setCreator('acord-prep sample generator');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  return doc;
}

/** `GeneralLiability_Hazard_ClassCode_A` → "Hazard Class Code": the name's last two words, spaced. */
function labelOf(field: TemplateField): string {
  return field.name
    .replace(/_[A-Z]$/, '')
    .split('_')
    .slice(-2)
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/\s*Indicator$/, '');
}

type Box = { x0: number; y0: number; x1: number; y1: number };

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The label text cut to a width, dropping leading words first (the last words say most). */
function fitLabel(text: string, font: PDFFont, maxWidth: number): string {
  let words = text.split(' ');
  while (words.length > 1 && font.widthOfTextAtSize(words.join(' '), LABEL_SIZE) > maxWidth) words = words.slice(1);
  let t = words.join(' ');
  while (t.length > 1 && font.widthOfTextAtSize(t, LABEL_SIZE) > maxWidth) t = t.slice(0, -1);
  return t;
}

/**
 * Puts a short label next to each box where it covers no other box and no other label: above
 * for text boxes, right of checkboxes, else the other sides. Boxes packed too tightly keep no label.
 */
function drawLabels(page: PDFPage, font: PDFFont, fields: readonly { field: TemplateField; rect: Rect }[]) {
  const boxes: Box[] = fields.map(({ rect: [x, y, w, h] }) => ({ x0: x, y0: y, x1: x + w, y1: y + h }));
  const labels: Box[] = [];
  const { width: pageWidth, height: pageHeight } = page.getSize();
  fields.forEach(({ field, rect: [x, y, w, h] }, i) => {
    const full = labelOf(field);
    const checkbox = field.kind === 'checkbox';
    const ty = y + (h - LABEL_SIZE) / 2;
    const candidates = [
      { side: 'above', maxWidth: Math.max(w, 30), at: (tw: number) => ({ x0: x, y0: y + h + 0.2, x1: x + tw, y1: y + h + LABEL_GAP + LABEL_SIZE }) },
      { side: 'right', maxWidth: 60, at: (tw: number) => ({ x0: x + w + 1, y0: ty, x1: x + w + 1 + tw, y1: ty + LABEL_SIZE }) },
      { side: 'left', maxWidth: 60, at: (tw: number) => ({ x0: x - 1 - tw, y0: ty, x1: x - 1, y1: ty + LABEL_SIZE }) },
    ];
    if (checkbox) candidates.unshift(candidates.splice(1, 1)[0]!);
    for (const c of candidates) {
      const text = fitLabel(full, font, c.maxWidth);
      const tw = font.widthOfTextAtSize(text, LABEL_SIZE);
      const area = c.at(tw);
      if (area.x0 < 8 || area.x1 > pageWidth - 8 || area.y1 > pageHeight - 16) continue;
      if (boxes.some((b, j) => j !== i && overlaps(area, b)) || labels.some((l) => overlaps(area, l))) continue;
      const baseline = c.side === 'above' ? y + h + LABEL_GAP : ty + 0.6;
      page.drawText(text, { x: area.x0, y: baseline, size: LABEL_SIZE, font, color: grayscale(0.35) });
      labels.push(area);
      return;
    }
  });
}

/** Removes a widget's appearance entry and the streams it points to (pdf-lib would write them anyway). */
function dropAppearance(doc: PDFDocument, holder: PDFDict, key: string) {
  const entry = holder.get(PDFName.of(key));
  if (!entry) return;
  const refs = entry instanceof PDFRef ? [entry] : [];
  const dict = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  if (dict instanceof PDFDict) {
    for (const value of dict.values()) {
      if (value instanceof PDFRef) refs.push(value);
      const inner = value instanceof PDFRef ? doc.context.lookup(value) : value;
      if (inner instanceof PDFDict && !(inner instanceof PDFStream)) for (const v of inner.values()) if (v instanceof PDFRef) refs.push(v);
    }
  }
  holder.delete(PDFName.of(key));
  for (const ref of refs) doc.context.delete(ref);
}

const checkboxLooks = new WeakMap<PDFDocument, Map<string, { on: PDFRef; off: PDFRef }>>();

/** One "checked" (an X) and one empty look per checkbox size, shared by every checkbox of that size. */
function checkboxLook(doc: PDFDocument, width: number, height: number): { on: PDFRef; off: PDFRef } {
  let looks = checkboxLooks.get(doc);
  if (!looks) checkboxLooks.set(doc, (looks = new Map()));
  const key = `${width}x${height}`;
  let look = looks.get(key);
  if (!look) {
    const bbox = { BBox: [0, 0, width, height] };
    const m = 3;
    const cross = [
      pushGraphicsState(),
      setLineWidth(0.9),
      moveTo(m, m),
      lineTo(width - m, height - m),
      moveTo(m, height - m),
      lineTo(width - m, m),
      stroke(),
      popGraphicsState(),
    ];
    look = { on: doc.context.register(doc.context.formXObject(cross, bbox)), off: doc.context.register(doc.context.formXObject([], bbox)) };
    looks.set(key, look);
  }
  return look;
}

/**
 * Makes a fresh pdf-lib checkbox widget look and behave like ACORD's: on-state named "1" (not
 * "Yes"), checked when `on`, with appearances shared between boxes of one size (a form has
 * hundreds of checkboxes; their own streams were most of a drawn form's bytes).
 */
function acordCheckbox(doc: PDFDocument, box: PDFCheckBox, widget: PDFWidgetAnnotation, on: boolean) {
  dropAppearance(doc, widget.dict, 'AP');
  const { width, height } = widget.getRectangle();
  const look = checkboxLook(doc, width, height);
  widget.dict.set(PDFName.of('AP'), doc.context.obj({ N: { [CHECKBOX_ON]: look.on, Off: look.off } }));
  const state = PDFName.of(on ? CHECKBOX_ON : 'Off');
  widget.setAppearanceState(state);
  box.acroField.dict.set(PDFName.of('V'), state);
}

/**
 * Creates fields under the AcroForm, or under one parent field named `prefix`. pdf-lib's own
 * createTextField compares the new name with every existing one (seconds for a 548-field form);
 * a template's names are unique already.
 */
function fieldMaker(doc: PDFDocument, prefix: string | undefined) {
  const acroForm = doc.getForm().acroForm;
  let parent: PDFAcroNonTerminal | undefined;
  if (prefix) {
    parent = PDFAcroNonTerminal.create(doc.context);
    parent.setPartialName(prefix);
    acroForm.addField(parent.ref);
  }
  const attach = (field: PDFAcroText | PDFAcroCheckBox, name: string) => {
    field.setPartialName(name);
    if (parent) {
      parent.addField(field.ref);
      field.setParent(parent.ref);
    } else {
      acroForm.addField(field.ref);
    }
  };
  return {
    text(name: string): PDFTextField {
      const field = PDFAcroText.create(doc.context);
      attach(field, name);
      return PDFTextField.of(field, field.ref, doc);
    },
    checkBox(name: string): PDFCheckBox {
      const field = PDFAcroCheckBox.create(doc.context);
      attach(field, name);
      return PDFCheckBox.of(field, field.ref, doc);
    },
  };
}

export interface DrawOptions {
  /** Parent field name for every field of this form (to keep two forms in one file apart), e.g. `F125`. */
  namePrefix?: string;
}

/**
 * Appends our own drawing of a form to `doc`: per template page a blank page with a thin box at
 * every widget rectangle, a short label by each box, the form's footer text at the bottom left
 * (where identification looks for it), and AcroForm fields with the template's names and
 * rectangles, filled with the given values. None of ACORD's artwork or wording is used.
 * Returns the 1-based page numbers the form took in `doc`.
 */
export async function drawForm(doc: PDFDocument, form: SampleForm, values: readonly FormValue[], options: DrawOptions = {}): Promise<number[]> {
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const newField = fieldMaker(doc, options.namePrefix);
  const { template } = form;
  const byName = new Map(values.map((v) => [v.field.name, v]));
  const texts = new Map<string, PDFTextField>();
  const checks = new Map<string, PDFCheckBox>();
  const pages: number[] = [];

  for (const [index, size] of template.pages.entries()) {
    const pageNumber = index + 1;
    const page = doc.addPage([size.width, size.height]);
    pages.push(doc.getPageCount());
    page.drawText(`Synthetic sample - form ${template.form} layout - acord-prep test data`, { x: 20, y: size.height - 14, size: 6, font: bold, color: grayscale(0.3) });
    page.drawText(template.footer, { x: 20, y: 18, size: 8, font });
    page.drawText(`Page ${pageNumber} of ${template.pages.length}`, { x: size.width - 70, y: 18, size: 7, font });

    const onPage = template.fields.flatMap((field) =>
      field.widgets.filter((w) => w.page === pageNumber && w.rect[2] > 0 && w.rect[3] > 0).map((w) => ({ field, rect: w.rect })),
    );
    for (const { rect: [x, y, w, h] } of onPage) {
      page.drawRectangle({ x, y, width: w, height: h, borderWidth: 0.4, borderColor: grayscale(0.55) });
    }
    drawLabels(page, font, onPage);

    for (const { field, rect: [x, y, width, height] } of onPage) {
      // Values are set before each widget is added, so pdf-lib draws each appearance once, final.
      const place = { x, y, width, height, borderWidth: 0, backgroundColor: undefined, borderColor: undefined, font };
      const raw = byName.get(field.name)?.raw;
      if (field.kind === 'checkbox') {
        let box = checks.get(field.name);
        if (!box) {
          box = newField.checkBox(field.name);
          checks.set(field.name, box);
        }
        box.addToPage(page, place);
        acordCheckbox(doc, box, box.acroField.getWidgets().at(-1)!, raw === CHECKBOX_ON);
      } else {
        let text = texts.get(field.name);
        if (!text) {
          text = newField.text(field.name);
          if (field.multiline) text.enableMultiline();
          if (field.maxLength > 0) text.setMaxLength(field.maxLength);
          // pdf-lib's own appearance code reads the size from /DA; the font name it writes itself.
          text.acroField.setDefaultAppearance(`/Helv ${field.fontSize ?? 8} Tf 0 g`);
          if (raw !== undefined) text.setText(raw);
          texts.set(field.name, text);
        }
        text.addToPage(page, place);
        // An empty box has nothing to show: no appearance keeps the sample small.
        if (raw === undefined) dropAppearance(doc, text.acroField.getWidgets().at(-1)!.dict, 'AP');
      }
    }
  }
  return pages;
}

/** Saves without anything run-dependent (no fresh IDs or dates). */
export function saveSampleDocument(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ updateFieldAppearances: false, objectsPerTick: Infinity });
}
