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
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  setLineWidth,
  stroke,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Rect } from '../../schemas/field.js';
import type { TemplateField } from '../../schemas/form-template.js';
import { CHECKBOX_ON } from './form-values.js';

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

/** Puts one widget of a template field on a page, holding `raw` (undefined: empty or unchecked). */
export type ValueWriter = (page: PDFPage, field: TemplateField, rect: Rect, raw: string | undefined) => void;

/**
 * Writes values as AcroForm fields with the template's names: a field with widgets in several places
 * gets one widget per place. With `prefix`, every field sits under one parent field of that name.
 */
export function acroFormWriter(doc: PDFDocument, font: PDFFont, prefix?: string): ValueWriter {
  const newField = fieldMaker(doc, prefix);
  const texts = new Map<string, PDFTextField>();
  const checks = new Map<string, PDFCheckBox>();
  return (page, field, [x, y, width, height], raw) => {
    // Values are set before each widget is added, so pdf-lib draws each appearance once, final.
    const place = { x, y, width, height, borderWidth: 0, backgroundColor: undefined, borderColor: undefined, font };
    if (field.kind === 'checkbox') {
      let box = checks.get(field.name);
      if (!box) {
        box = newField.checkBox(field.name);
        checks.set(field.name, box);
      }
      box.addToPage(page, place);
      acordCheckbox(doc, box, box.acroField.getWidgets().at(-1)!, raw === CHECKBOX_ON);
      return;
    }
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
  };
}
