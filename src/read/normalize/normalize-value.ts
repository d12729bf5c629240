import type { ValueType } from '../../../schemas/value-type.js';
import { resolveTwoDigitYear } from './two-digit-year.js';
import { AP_STATE_ABBREVIATIONS, KNOWN_STATE_CODES, STATE_CODES } from './us-states.js';

/**
 * What is known of the box a raw value came from, where its type alone cannot decide: `path` is the
 * model path (which century a two-digit year is in), `label` the box's field name or help text
 * (whether a tax id box is the FEIN's or the SSN's).
 */
export type FieldFacts = { path?: string; label?: string };

/** `notApplicable`: the box says "N/A", "none" or "-": no value, on purpose, not a misreading. */
export type Normalized = { value: string | number | boolean | null; notApplicable?: true };

const fold = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ').trim();

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  dt.setUTCFullYear(y, m - 1, d);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function isoDate(y: number | null, m: number, d: number): string | null {
  if (y === null || !isRealDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A year as written: four digits as they are (even "0099"), two digits by what the box is for. */
const writtenYear = (y: string, facts: FieldFacts) => (y.length === 2 ? resolveTwoDigitYear(+y, facts.path) : +y);

/** A month by its name or any abbreviation of three letters or more ("Sep", "Sept", "September"); 0 for none. */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const monthNumber = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase())) + 1;

function date(s: string, facts: FieldFacts): string | null {
  // "November 2, 2026", "Nov. 2 2026", "November 2nd, 2026"; "2 November 2026", "02-Nov-2026".
  let named = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})$/i.exec(s);
  if (named && monthNumber(named[1]!) > 0) return isoDate(writtenYear(named[3]!, facts), monthNumber(named[1]!), +named[2]!);
  named = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4}|\d{2})$/i.exec(s);
  if (named && monthNumber(named[2]!) > 0) return isoDate(writtenYear(named[3]!, facts), monthNumber(named[2]!), +named[1]!);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  // A four-digit year first is always year, month, day ("2026/06/01"), whatever the separator.
  m = /^(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})$/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(s);
  if (m) return isoDate(writtenYear(m[3]!, facts), +m[1]!, +m[2]!);
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) return isoDate(+m[3]!, +m[1]!, +m[2]!);
  return null;
}

function time(s: string): string | null {
  const m = /^(\d{1,2})(?::?(\d{2}))?\s*([AP])?\.?M?\.?$/i.exec(s.replace(/\s+/g, ''));
  if (!m) return null;
  let h = +m[1]!;
  const min = m[2] ? +m[2] : 0;
  const ampm = m[3]?.toUpperCase();
  if (ampm === 'P' && h < 12) h += 12;
  if (ampm === 'A' && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/**
 * Digits with commas only where they group thousands ("1,250", "12,500,000"): a comma elsewhere
 * ("1,25", "1,2345") is a decimal comma or a slip, and dropping it would make a confident wrong value.
 */
const WHOLE = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)`;

/**
 * Powers of ten that brokers write as words or letters after an amount: "$250K", "3.5 million", "1.2mm".
 * "M" is read as a million, as limits are written on insurance forms ("$1M CSL"), and so is "MM".
 */
const SCALE: Readonly<Record<string, number>> = { k: 3, thousand: 3, m: 6, mm: 6, mil: 6, million: 6, b: 9, bn: 9, billion: 9 };

const MONEY = new RegExp(String.raw`^(${WHOLE})(?:\.(\d+))?(${Object.keys(SCALE).join('|')})?$`, 'i');

/** "$1,250,000", "1250000.5", "(500)", "$3.5M" → "1250000.00", "1250000.50", "-500.00", "3500000.00". */
function money(s: string): string | null {
  let t = s.replace(/[\s$]|USD/gi, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1);
  }
  const m = MONEY.exec(t);
  if (!m) return null;
  const scale = m[3] ? SCALE[m[3].toLowerCase()]! : 0;
  const fraction = m[2] ?? '';
  // The scale moves the decimal point; whatever stays behind it is cents, and there are only two of those.
  if (fraction.length > scale + 2) return null;
  const whole = (m[1]!.replace(/,/g, '') + fraction.slice(0, scale).padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  const cents = fraction.slice(scale).padEnd(2, '0');
  return `${negative && (whole !== '0' || cents !== '00') ? '-' : ''}${whole}.${cents}`;
}

const NUMBER = new RegExp(String.raw`^-?(?:${WHOLE}(?:\.\d*)?|\.\d+)$`);

function number(s: string): number | null {
  const t = s.replace(/\s/g, '');
  return NUMBER.test(t) ? Number(t.replace(/,/g, '')) : null;
}

function integer(s: string): number | null {
  const n = number(s.replace(/\s*(sq\.?\s*ft\.?|sqft|s\.?f\.?|ft\.?|feet|miles?|mi\.?)$/i, ''));
  return n !== null && Number.isInteger(n) ? n : null;
}

function percent(s: string): number | null {
  const n = number(s.replace(/\s*(%|percent|pct\.?)$/i, ''));
  return n !== null && n >= 0 && n <= 100 ? n : null;
}

/** "1998", "98", or "'98" with the apostrophe that stands for the century. */
function year(s: string, facts: FieldFacts): number | null {
  const t = s.replace(/^['\u2018\u2019](?=\d{2}$)/, '');
  if (!/^(\d{2}|\d{4})$/.test(t)) return null;
  const y = writtenYear(t, facts);
  return y !== null && y >= 1600 && y <= 2200 ? y : null;
}

/**
 * A checkbox is ticked unless it is "Off" or empty: its on-value is whatever the form's author named
 * it ("1", "Yes", "Choice1", "X"), and every reader passes that name or "1" through as the raw text.
 */
function bool(s: string): boolean {
  return s !== '' && s.toUpperCase() !== 'OFF';
}

function yesNo(s: string): boolean | null {
  const t = s.toUpperCase().replace(/\.$/, '');
  if (['Y', 'YES', 'TRUE', '1'].includes(t)) return true;
  if (['N', 'NO', 'FALSE', '0'].includes(t)) return false;
  return null;
}

/** "CALIF" (from "Calif.", dots dropped) → "CA". */
const STATE_BY_ABBREVIATION = new Map(Object.entries(AP_STATE_ABBREVIATIONS).map(([code, written]) => [written.toUpperCase().replace(/\./g, ''), code]));

function state(s: string): string | null {
  const t = s.toUpperCase().replace(/\./g, '').trim();
  if (KNOWN_STATE_CODES.has(t)) return t;
  return STATE_CODES[t] ?? STATE_BY_ABBREVIATION.get(t) ?? null;
}

function postalCode(s: string): string | null {
  const t = s.toUpperCase().replace(/\s+/g, '');
  let m = /^(\d{5})(?:-?(\d{4}))?$/.exec(t);
  if (m) return m[2] ? `${m[1]}-${m[2]}` : m[1]!;
  m = /^([A-Z]\d[A-Z])(\d[A-Z]\d)$/.exec(t);
  return m ? `${m[1]} ${m[2]}` : null;
}

/** US/Canada numbers to +1XXXXXXXXXX; other numbers written with a leading + keep their digits. */
function phone(s: string): string | null {
  // "x204", "ext. 204", ", ext. 204", "Ext: 204".
  const extMatch = /[\s,;]*(?:x|ext\.?|extension|#)\s*:?\s*(\d{1,6})\s*$/i.exec(s);
  const main = extMatch ? s.slice(0, extMatch.index) : s;
  if (!/^[\d\s()+.\-/]+$/.test(main)) return null;
  const digits = main.replace(/\D/g, '');
  let e164: string | null = null;
  if (main.trim().startsWith('+')) e164 = digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  else if (digits.length === 10) e164 = `+1${digits}`;
  else if (digits.length === 11 && digits.startsWith('1')) e164 = `+${digits}`;
  if (!e164) return null;
  return extMatch ? `${e164};ext=${extMatch[1]}` : e164;
}

/** Which tax id a box's model path, name or help text asks for ("FEIN", "Social Security No."), if any says. */
export function taxIdKind({ path = '', label = '' }: FieldFacts): 'fein' | 'ssn' | null {
  const words = `${path} ${label}`;
  if (/FEIN/.test(words) || /federal ?employer|employer ?identification/i.test(words)) return 'fein';
  if (/SSN/.test(words) || /social ?security/i.test(words)) return 'ssn';
  return null;
}

/**
 * FEIN as NN-NNNNNNN, SSN as NNN-NN-NNNN, as the dashes or the box say; nine bare digits in a box that
 * does not say are kept bare: the kind is unknown, and an SSN written as a FEIN would be a wrong value.
 */
function taxId(s: string, facts: FieldFacts): string | null {
  const t = s.replace(/\s+/g, '');
  if (/^(\d{2}-\d{7}|\d{3}-\d{2}-\d{4})$/.test(t)) return t;
  const digits = t.replace(/-/g, '');
  if (!/^\d{9}$/.test(digits) || !/^[\d-]+$/.test(t)) return null;
  const kind = taxIdKind(facts);
  if (kind === 'fein') return `${digits.slice(0, 2)}-${digits.slice(2)}`;
  if (kind === 'ssn') return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
  return digits;
}

/** A code-like token: one word, at most 4 characters or holding a digit ("cgl", "c104"). */
export const isCodeLike = (s: string) => /^\S+$/.test(s) && (s.length <= 4 || /\d/.test(s));

/**
 * A code-like token is upper-cased; the project has no code lists to check against, so words and
 * phrases ("Joisted Masonry", "Monthly") keep the case they were written in rather than turn into a
 * code nobody wrote.
 */
function code(s: string): string {
  return isCodeLike(s) ? s.toUpperCase() : s;
}

function email(s: string): string | null {
  const t = s.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/.test(t) ? t : null;
}

function url(s: string): string | null {
  const t = s.trim();
  return /^(https?:\/\/)?[\w-]+(\.[\w-]+)+([/?#]\S*)?$/i.test(t) ? t : null;
}

const normalizers: Record<ValueType, (s: string, facts: FieldFacts) => string | number | boolean | null> = {
  text: (s) => s,
  code,
  date,
  time,
  money,
  integer,
  decimal: number,
  percent,
  year,
  boolean: bool,
  yesNo,
  state,
  postalCode,
  phone,
  taxId,
  email,
  url,
};

/** What brokers write where a box does not apply; free text and checkboxes take them at their word. */
const NOT_APPLICABLE = /^(n\.?\/?a\.?|none|-+|—|–)$/i;

/**
 * The typed value of a raw string, or null when the string is not a valid value of that type
 * (the raw text is kept beside it, so nothing is lost and validation can flag it). `facts` about
 * the box settle what the type alone cannot (see FieldFacts); without them a two-digit year is
 * read within 20 years of today and nine bare digits stay a tax id of unknown kind.
 */
export function normalizeValue(type: ValueType, raw: string, facts: FieldFacts = {}): Normalized {
  const text = raw
    .split(/\r\n|\r|\n/)
    .map(fold)
    .filter((l) => l !== '')
    .join(type === 'text' ? '\n' : ' ');
  if (type !== 'text' && type !== 'boolean' && NOT_APPLICABLE.test(text)) return { value: null, notApplicable: true };
  return { value: normalizers[type](text, facts) };
}

/** Whether a raw box value says nothing (blank, or an unchecked box). */
export function isBlank(type: ValueType, raw: string): boolean {
  const t = raw.trim();
  if (type === 'boolean') return !bool(t);
  return t === '';
}
