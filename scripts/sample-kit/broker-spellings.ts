import type { ValueType } from '../../schemas/value-type.js';
import { taxIdKind } from '../../src/read/normalize/normalize-value.js';
import { resolveTwoDigitYear } from '../../src/read/normalize/two-digit-year.js';
import { AP_STATE_ABBREVIATIONS, STATE_CODES } from '../../src/read/normalize/us-states.js';
import type { TruthValue } from './truth.js';

/** What the spellings of a box may depend on besides its value: its model path and field name (see FieldFacts). */
export type BoxFacts = { path: string; label: string };

/** One way brokers write a value: its name (for messages and tests) and the text, or null where it cannot say this value. */
export type Spelling = { name: string; write: (value: TruthValue, box: BoxFacts) => string | null };

const pad = (n: number) => String(n).padStart(2, '0');
const thousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The Associated Press's month abbreviations, the ones American office writing follows ("Sept.", not "Sep."). */
const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const ordinal = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** A date spelling from year, month, day; `yy` the year in two digits where the box reads them back as this year, else null. */
function dateSpelling(name: string, write: (p: { y: number; m: number; d: number; yy: string | null }) => string | null): Spelling {
  return {
    name,
    write: (value, box) => {
      const [y, m, d] = String(value).split('-').map(Number) as [number, number, number];
      const yy = resolveTwoDigitYear(y % 100, box.path) === y ? pad(y % 100) : null;
      return write({ y, m, d, yy });
    },
  };
}

const DATES: Spelling[] = [
  dateSpelling('MM/DD/YYYY', ({ y, m, d }) => `${pad(m)}/${pad(d)}/${y}`),
  dateSpelling('M/D/YYYY', ({ y, m, d }) => `${m}/${d}/${y}`),
  dateSpelling('M/D/YY', ({ m, d, yy }) => yy && `${m}/${d}/${yy}`),
  dateSpelling('MM/DD/YY', ({ m, d, yy }) => yy && `${pad(m)}/${pad(d)}/${yy}`),
  dateSpelling('MM-DD-YYYY', ({ y, m, d }) => `${pad(m)}-${pad(d)}-${y}`),
  dateSpelling('M-D-YY', ({ m, d, yy }) => yy && `${m}-${d}-${yy}`),
  dateSpelling('MM.DD.YYYY', ({ y, m, d }) => `${pad(m)}.${pad(d)}.${y}`),
  dateSpelling('YYYY-MM-DD', ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`),
  dateSpelling('YYYY/MM/DD', ({ y, m, d }) => `${y}/${pad(m)}/${pad(d)}`),
  dateSpelling('MMDDYYYY', ({ y, m, d }) => `${pad(m)}${pad(d)}${y}`),
  dateSpelling('Month D, YYYY', ({ y, m, d }) => `${MONTHS[m - 1]} ${d}, ${y}`),
  dateSpelling('Mon. D, YYYY', ({ y, m, d }) => `${AP_MONTHS[m - 1]} ${d}, ${y}`),
  dateSpelling('Mon D YYYY', ({ y, m, d }) => `${MONTHS[m - 1]!.slice(0, 3)} ${d} ${y}`),
  dateSpelling('Month Dth, YYYY', ({ y, m, d }) => `${MONTHS[m - 1]} ${ordinal(d)}, ${y}`),
  dateSpelling('D Month YYYY', ({ y, m, d }) => `${d} ${MONTHS[m - 1]} ${y}`),
  dateSpelling('DD-Mon-YYYY', ({ y, m, d }) => `${pad(d)}-${MONTHS[m - 1]!.slice(0, 3)}-${y}`),
];

/** A money spelling from the whole dollars (digits, no sign), the cents ("00" for none) and whether it is negative. */
function moneySpelling(name: string, write: (p: { whole: string; cents: string }) => string | null, negative?: (body: string) => string): Spelling {
  return {
    name,
    write: (value) => {
      const s = String(value);
      const [whole, cents] = s.replace('-', '').split('.') as [string, string];
      const body = write({ whole, cents });
      if (body === null) return null;
      if (!s.startsWith('-')) return body;
      return negative ? negative(body) : null;
    },
  };
}

/** "1.25M", "250K": the amount in millions or thousands, where that says it to the cent. */
function scaled(whole: string, cents: string, power: number, letter: string): string | null {
  const n = Number(whole);
  if (cents !== '00' || n < 10 ** power || n % 10 ** (power - 2) !== 0) return null;
  return `${String(n / 10 ** power)}${letter}`;
}

const MONEY: Spelling[] = [
  moneySpelling('$1,250,000', ({ whole, cents }) => `$${thousands(whole)}${cents === '00' ? '' : `.${cents}`}`, (b) => `-${b}`),
  moneySpelling('1,250,000', ({ whole, cents }) => `${thousands(whole)}${cents === '00' ? '' : `.${cents}`}`, (b) => `(${b})`),
  moneySpelling('1250000', ({ whole, cents }) => `${whole}${cents === '00' ? '' : `.${cents}`}`, (b) => `-${b}`),
  moneySpelling('$1,250,000.00', ({ whole, cents }) => `$${thousands(whole)}.${cents}`, (b) => `(${b})`),
  moneySpelling('1,250,000.00', ({ whole, cents }) => `${thousands(whole)}.${cents}`, (b) => `-${b}`),
  moneySpelling('$ 1,250,000', ({ whole, cents }) => (cents === '00' ? `$ ${thousands(whole)}` : null)),
  moneySpelling('$1.25M', ({ whole, cents }) => {
    const m = scaled(whole, cents, 6, 'M');
    return m && `$${m}`;
  }),
  moneySpelling('$250K', ({ whole, cents }) => {
    const k = scaled(whole, cents, 3, 'K');
    return k && Number(whole) < 1_000_000 ? `$${k}` : null;
  }),
  moneySpelling('1,250,000 USD', ({ whole, cents }) => (cents === '00' ? `${thousands(whole)} USD` : null)),
];

/** A phone spelling from the ten digits of a US/Canadian number and its extension, if any. */
function phoneSpelling(name: string, write: (a: string, b: string, c: string) => string, ext: (n: string) => string = (n) => ` x${n}`): Spelling {
  return {
    name,
    write: (value) => {
      const [main, extension] = String(value).split(';ext=') as [string, string | undefined];
      if (!/^\+1\d{10}$/.test(main)) return null;
      const d = main.slice(2);
      return `${write(d.slice(0, 3), d.slice(3, 6), d.slice(6))}${extension ? ext(extension) : ''}`;
    },
  };
}

const PHONES: Spelling[] = [
  phoneSpelling('(555) 123-4567', (a, b, c) => `(${a}) ${b}-${c}`),
  phoneSpelling('555-123-4567', (a, b, c) => `${a}-${b}-${c}`, (n) => ` ext. ${n}`),
  phoneSpelling('555.123.4567', (a, b, c) => `${a}.${b}.${c}`, (n) => ` Ext ${n}`),
  phoneSpelling('5551234567', (a, b, c) => `${a}${b}${c}`),
  phoneSpelling('(555)123-4567', (a, b, c) => `(${a})${b}-${c}`, (n) => ` ext.${n}`),
  phoneSpelling('555 123 4567', (a, b, c) => `${a} ${b} ${c}`, (n) => `, ext. ${n}`),
  phoneSpelling('+1 555 123 4567', (a, b, c) => `+1 ${a} ${b} ${c}`, (n) => ` ext: ${n}`),
  phoneSpelling('1-555-123-4567', (a, b, c) => `1-${a}-${b}-${c}`, (n) => ` X${n}`),
  phoneSpelling('+1 (555) 123-4567', (a, b, c) => `+1 (${a}) ${b}-${c}`),
];

const TAX_IDS: Spelling[] = [
  { name: '12-3456789', write: (v) => String(v) },
  // Nine bare digits are the box's kind of tax id only where the box says which kind it asks for.
  { name: '123456789', write: (v, box) => (taxIdKind(box) ? String(v).replace(/-/g, '') : null) },
  { name: '12 3456789', write: (v, box) => (taxIdKind(box) === 'fein' && /^\d{2}-\d{7}$/.test(String(v)) ? String(v).replace('-', ' ') : null) },
];

const PERCENTS: Spelling[] = [
  { name: '25%', write: (v) => `${v}%` },
  { name: '25', write: (v) => String(v) },
  { name: '25 %', write: (v) => `${v} %` },
  { name: '25.0%', write: (v) => (Number.isInteger(v) ? `${v}.0%` : null) },
  { name: '25 percent', write: (v) => `${v} percent` },
];

const YES_NO: Spelling[] = [
  { name: 'Y', write: (v) => (v ? 'Y' : 'N') },
  { name: 'y', write: (v) => (v ? 'y' : 'n') },
  { name: 'Yes', write: (v) => (v ? 'Yes' : 'No') },
  { name: 'YES', write: (v) => (v ? 'YES' : 'NO') },
];

const NAME_OF_STATE = new Map(Object.entries(STATE_CODES).map(([name, code]) => [code, name]));
const titleCase = (s: string) => s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
const STATES: Spelling[] = [
  { name: 'TX', write: (v) => String(v) },
  { name: 'Tx', write: (v) => titleCase(String(v)) },
  { name: 'Texas', write: (v) => (NAME_OF_STATE.has(String(v)) ? titleCase(NAME_OF_STATE.get(String(v))!) : null) },
  { name: 'Calif.', write: (v) => AP_STATE_ABBREVIATIONS[String(v)] ?? null },
];

const POSTAL_CODES: Spelling[] = [
  { name: '75201-1234', write: (v) => String(v) },
  { name: '752011234', write: (v) => (/^\d{5}-\d{4}$/.test(String(v)) ? String(v).replace('-', '') : null) },
  { name: '75201 1234', write: (v) => (/^\d{5}-\d{4}$/.test(String(v)) ? String(v).replace('-', ' ') : null) },
];

/** Areas carry their unit as brokers write it; other counts are bare. */
const AREA = /area$/i;
const INTEGERS: Spelling[] = [
  { name: '12500', write: (v) => String(v) },
  { name: '12,500', write: (v) => (Number(v) >= 1000 ? thousands(String(v)) : null) },
  { name: '12,500 sq ft', write: (v, box) => (AREA.test(box.path) ? `${thousands(String(v))} sq ft` : null) },
  { name: '12,500 SF', write: (v, box) => (AREA.test(box.path) ? `${thousands(String(v))} SF` : null) },
  { name: '12500 sq. ft.', write: (v, box) => (AREA.test(box.path) ? `${v} sq. ft.` : null) },
];

const YEARS: Spelling[] = [
  { name: '1998', write: (v) => String(v) },
  { name: '98', write: (v, box) => (resolveTwoDigitYear(Number(v) % 100, box.path) === v ? pad(Number(v) % 100) : null) },
  { name: "'98", write: (v, box) => (resolveTwoDigitYear(Number(v) % 100, box.path) === v ? `'${pad(Number(v) % 100)}` : null) },
];

/** "00:01" → 12:01 AM and its kin; "13:30" → 1:30 PM. */
function clock(v: TruthValue): { h12: number; min: string; half: 'AM' | 'PM' } {
  const [h, min] = String(v).split(':') as [string, string];
  return { h12: Number(h) % 12 || 12, min, half: Number(h) < 12 ? 'AM' : 'PM' };
}

const TIMES: Spelling[] = [
  { name: '13:30', write: (v) => String(v) },
  { name: '1:30 PM', write: (v) => `${clock(v).h12}:${clock(v).min} ${clock(v).half}` },
  { name: '1:30 pm', write: (v) => `${clock(v).h12}:${clock(v).min} ${clock(v).half.toLowerCase()}` },
  { name: '1:30 p.m.', write: (v) => `${clock(v).h12}:${clock(v).min} ${clock(v).half[0]!.toLowerCase()}.m.` },
  { name: '1330', write: (v) => String(v).replace(':', '') },
];

const AS_WRITTEN: Spelling[] = [{ name: 'as is', write: (v) => String(v) }];

/**
 * The ways brokers write a value of each type, as seen on real submissions and agency-system prints;
 * every one the model's value rules accept must normalize back to the value (tests/broker-spellings.test.ts).
 */
export const BROKER_SPELLINGS: Readonly<Record<ValueType, readonly Spelling[]>> = {
  text: AS_WRITTEN,
  code: AS_WRITTEN,
  date: DATES,
  time: TIMES,
  money: MONEY,
  integer: INTEGERS,
  decimal: AS_WRITTEN,
  percent: PERCENTS,
  year: YEARS,
  boolean: AS_WRITTEN,
  yesNo: YES_NO,
  state: STATES,
  postalCode: POSTAL_CODES,
  phone: PHONES,
  taxId: TAX_IDS,
  email: [AS_WRITTEN[0]!, { name: 'INFO@EXAMPLE.COM', write: (v) => String(v).toUpperCase() }],
  url: AS_WRITTEN,
};

/** Every spelling of a value in a box, named, without repeats (a value some spellings cannot say has fewer). */
export function spellingsOf(type: ValueType, value: TruthValue, box: BoxFacts): { name: string; raw: string }[] {
  const seen = new Set<string>();
  const out: { name: string; raw: string }[] = [];
  for (const s of BROKER_SPELLINGS[type]) {
    const raw = s.write(value, box);
    if (raw === null || seen.has(raw)) continue;
    seen.add(raw);
    out.push({ name: s.name, raw });
  }
  return out;
}
