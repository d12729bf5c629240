import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { TemplateField } from '../../schemas/form-template.js';
import type { ValueType } from '../../schemas/value-type.js';
import { normalizeValue } from '../../src/read/normalize/normalize-value.js';
import { spellingsOf, type BoxFacts } from './broker-spellings.js';
import { Rng } from './rng.js';
import { truthPathOf, type SampleForm } from './sample-forms.js';
import type { Truth, TruthValue } from './truth.js';

// The font our drawn forms (and most ACORD boxes) use; measuring with it keeps every value inside its box.
const HELVETICA = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
const DEFAULT_FONT_SIZE = 8;

/** How a broker writes values: "$1,000,000" or "1,000,000". */
export type WritingStyle = { moneySign: boolean };

/** The room a box gives its text (the narrowest of its widgets). */
export type Box = { width: number; lines: number; fontSize: number; maxLength: number };

/** On-value of every ACORD checkbox. */
export const CHECKBOX_ON = '1';

export function boxOf(field: TemplateField): Box {
  const fontSize = field.fontSize ?? DEFAULT_FONT_SIZE;
  // pdf-lib lays text out inside the widget less 1 pt of padding per side; lines are 1.2 × the font's height.
  const width = Math.min(...field.widgets.map((w) => w.rect[2])) - 2;
  const height = Math.min(...field.widgets.map((w) => w.rect[3])) - 2;
  const lines = field.multiline ? Math.max(1, Math.floor(height / (HELVETICA.heightAtSize(fontSize) * 1.2))) : 1;
  return { width, lines, fontSize, maxLength: field.maxLength };
}

/**
 * The lines the text takes in the box, wrapping at spaces the way pdf-lib's multi-line layout does,
 * or null when a word is wider than the box.
 */
export function wrapLines(text: string, box: Box): string[] | null {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (HELVETICA.widthOfTextAtSize(next, box.fontSize) <= box.width) line = next;
      else if (!line || HELVETICA.widthOfTextAtSize(word, box.fontSize) > box.width) return null;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function fits(text: string, box: Box): boolean {
  if (box.maxLength > 0 && text.length > box.maxLength) return false;
  if (box.lines === 1) return !text.includes('\n') && HELVETICA.widthOfTextAtSize(text, box.fontSize) <= box.width;
  return (wrapLines(text, box)?.length ?? Infinity) <= box.lines;
}

/**
 * The raw text for a box, or null when no way of writing the value fits it: with `rng`, one drawn
 * from the broker spellings that fit (scripts/sample-kit/broker-spellings.ts), else the first that fits.
 * A broker who writes no "$" (`style`) uses no spelling with one.
 */
export function rawFor(type: ValueType, value: TruthValue, box: Box, style: WritingStyle, facts: BoxFacts, rng?: Rng): string | null {
  if (type === 'boolean') return CHECKBOX_ON;
  const fitting = spellingsOf(type, value, facts)
    .map((s) => s.raw)
    .filter((raw) => (style.moneySign || !raw.includes('$')) && fits(raw, box));
  if (fitting.length === 0) return null;
  return rng ? rng.pick(fitting) : fitting[0]!;
}

/** Drops words (then letters) off the end of a text until it fits the box. */
function shorten(text: string, box: Box): string {
  let t = text;
  while (t && !fits(t, box)) {
    const cut = t.lastIndexOf(' ');
    t = (cut > 0 ? t.slice(0, cut) : t.slice(0, -1)).replace(/[\s,;:.-]+$/, '');
  }
  return t;
}

/**
 * Makes the truth writable on the sample's forms: a text too long for its narrowest box is
 * shortened (the truth then says what the box can hold), a value no writing of which fits any
 * of its boxes is left out.
 */
export function fitTruth(truth: Truth, forms: readonly SampleForm[], style: WritingStyle): Truth {
  const out: Truth = { ...truth };
  for (const form of forms) {
    for (const f of form.template.fields) {
      if (!f.path || !f.valueType || f.kind === 'checkbox') continue;
      const path = truthPathOf(form, f.path);
      if (!path || !(path in out)) continue;
      const box = boxOf(f);
      const value = out[path]!;
      if (f.valueType === 'text') {
        const short = shorten(String(value), box);
        if (short) out[path] = short;
        else delete out[path];
      } else if (rawFor(f.valueType, value, box, style, { path: f.path, label: f.name }) === null) {
        delete out[path];
      }
    }
  }
  return out;
}

export interface FormValue {
  field: TemplateField;
  /** Path in the form's own data (a 140's buildings are its locations 0 and 1). */
  path: string;
  value: TruthValue;
  raw: string;
}

/**
 * What a broker writes in each box of one form: one entry per field that carries a value
 * (unchecked checkboxes and empty boxes are absent), each box's spelling drawn by `seed` and its
 * field name. Checks that each raw text normalizes back to the truth, so a sample can never expect
 * what its own boxes do not say, and a spelling the normalizer misses fails the generator.
 */
export function formValues(form: SampleForm, truth: Truth, style: WritingStyle, seed: string): FormValue[] {
  const out: FormValue[] = [];
  for (const field of form.template.fields) {
    if (!field.path || !field.valueType) continue;
    const path = truthPathOf(form, field.path);
    const value = path ? truth[path] : undefined;
    if (value === undefined || (field.valueType === 'boolean' && value !== true)) continue;
    const raw = rawFor(field.valueType, value, boxOf(field), style, { path: field.path, label: field.name }, new Rng(`${seed}/${field.name}`));
    if (raw === null) throw new Error(`${form.file}: ${field.name}: no way of writing ${JSON.stringify(value)} fits the box (run fitTruth first)`);
    const back = normalizeValue(field.valueType, raw, { path: field.path, label: field.name }).value;
    if (back !== value) throw new Error(`${form.file}: ${field.name}: "${raw}" normalizes to ${JSON.stringify(back)}, not ${JSON.stringify(value)}`);
    out.push({ field, path: field.path, value, raw });
  }
  return out;
}
