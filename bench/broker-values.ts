import type { TemplateField } from '../schemas/form-template.js';
import type { ValueType } from '../schemas/value-type.js';
import { normalizeValue } from '../src/read/normalize/normalize-value.js';
import type { Rng } from '../scripts/sample-kit/rng.js';
import { typedRawValue } from '../scripts/sample-kit/typed-raw-values.js';

/**
 * What brokers type into code boxes, by the model key the box fills: words where the form leaves room
 * for them ("Joisted Masonry" in a construction box), ACORD's one-letter codes (where "O" and "0" are
 * both plausible glyphs), and percent signs.
 */
const CODE_WORDS: Record<string, readonly string[]> = {
  constructionCode: ['Joisted Masonry', 'Frame', 'Masonry Non-Combustible', 'Fire Resistive', 'Non-Combustible', 'JM'],
  roofMaterialCode: ['Slate', 'Metal', 'Composition', 'Tile', 'Built-up'],
  paymentScheduleCode: ['Monthly', 'Quarterly', 'Annual', 'Semi'],
  frequencyCode: ['Annual', 'Monthly', 'Qtrly'],
  subjectOfInsuranceCode: ['Personal property', 'Building', 'BPP', 'BUSIN', 'Stock'],
  protectionExtentCode: ['Extent 1', 'Kitchen', 'Full', 'Extent 2'],
  valuationCode: ['R', 'A', 'RC'],
  causeOfLossCode: ['Special', 'Broad', 'Basic', 'EQ'],
  deductibleTypeCode: ['EQ%', 'WH%', 'Flat', '%'],
  premiumBasisCode: ['O', 'S', 'P', 'A', 'U', 'C', 'M', 'T'],
  gradeCode: ['AA', 'B', 'Grade 2'],
  lineOfBusinessCode: ['AUTOB', 'UMBRC', 'Auto', 'Umbrella', 'WORK'],
  countryCode: ['US', 'CA'],
};

/** Policy numbers and licences mixing letters and digits that look alike (O/0, I/1, B/8, S/5). */
const IDENTIFIERS = ['A87977', 'CO7614032', 'BOP 1185-02', 'GLO 5018812', 'CPP0041187', 'IS-2019-55', 'TX 1008-2B', 'PKG 20 118'];

/** Form numbers as printed on a schedule of forms: spaces between the groups, edition words. */
const FORM_NUMBERS = ['CP 04 11 35', 'CP 00 30 ed 8', 'CP 00 10 / CP 10 30', 'CG 20 10 04 13', 'IL 00 17 11 98', 'CP 10 30 06 07, CP 04 11'];

/** Explanations brokers write, long enough to wrap in a question's box, with commas at the line ends. */
const EXPLANATIONS = [
  'Yes, the insured has used subcontractors since 2023, certificates of insurance are on file for each, and limits are at least $1,000,000.',
  'Prior carrier non-renewed (market withdrawal), no losses, insured has been with the agency since 2011; loss runs attached.',
  'Two locations, both sprinklered, alarm monitored by ADT; see the attached schedule for the 3rd building, built 1998.',
  'Insured sells pre-owned equipment, about 10% of receipts, all items inspected & refurbished on site before sale.',
];

/** Names and descriptions in mixed case with abbreviations and punctuation. */
const NAMES = ["O'Brien & Sons Roofing, LLC", 'Pioneer Plains Insurance Co.', 'Acme Mfg. Inc.', 'St. Mary’s Bakery'.replace('’', "'"), 'Hi5 Fitness #2', 'J.R. Smith (DBA Smith Tile)', 'Dept. 10-B, 2nd Fl.'];

/** Helvetica's mean glyph width per point of font size for these values (measured on the set: ~0.55 em). */
const GLYPH_EM = 0.6;

/**
 * A broker-style raw value for one mapped box of a real ACORD form, with what it normalizes to: words
 * in code boxes, form numbers with their spaces, percent signs, mixed case, and explanations that wrap.
 * Chosen by `rng` among the values that fit the box (its maxLength, and on one line its width), so a
 * seed gives the same fill every time. Types without a broker vocabulary get the typed sample value.
 */
export function brokerRawValue(field: TemplateField, n: number, rng: Rng): { raw: string; value: string | number | boolean } {
  const type = field.valueType as ValueType;
  const key = field.path!.split('.').at(-1)!;
  const [, , w, h] = field.widgets[0]!.rect;
  const fontPt = field.fontSize ?? 8;
  const lines = field.multiline ? Math.max(1, Math.floor(h / (1.2 * fontPt))) : 1;
  const fits = (s: string) => (field.maxLength === 0 || s.length <= field.maxLength) && s.length * GLYPH_EM * fontPt <= (w - 4) * lines;
  const choices = candidates(type, key, field.multiline).filter(fits);
  const raw = choices.length > 0 ? rng.pick(choices) : typedRawValue(type, n).raw;
  const { value } = normalizeValue(type, raw, { path: field.path!, label: field.name });
  if (value === null) throw new Error(`${field.name}: broker value ${JSON.stringify(raw)} does not normalize as ${type}`);
  return { raw, value };
}

function candidates(type: ValueType, key: string, multiline: boolean): readonly string[] {
  if (type === 'code') {
    if (CODE_WORDS[key]) return CODE_WORDS[key];
    if (/Identifier$/.test(key) && !/Producer/.test(key)) return IDENTIFIERS;
    return [];
  }
  if (type !== 'text') return [];
  if (key === 'formsAndConditions') return FORM_NUMBERS;
  if (multiline || /explanation|remark|description/i.test(key)) return [...EXPLANATIONS, ...FORM_NUMBERS.slice(0, 2)];
  if (/name/i.test(key)) return NAMES;
  return [...NAMES, ...FORM_NUMBERS];
}
