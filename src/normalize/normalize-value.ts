import type { ValueType } from '../../schemas/value-type.js';
import { KNOWN_STATE_CODES, STATE_CODES } from './us-states.js';

export type Normalized = { value: string | number | boolean | null };

const fold = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ').trim();

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (!isRealDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function date(s: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(s);
  if (m) return isoDate(+m[3]!, +m[1]!, +m[2]!);
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

/** "$1,250,000", "1250000.5", "(500)" → "1250000.00", "1250000.50", "-500.00". */
function money(s: string): string | null {
  let t = s.replace(/[\s$,]|USD/gi, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1);
  }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const cents = (m[2] ?? '').padEnd(2, '0');
  return `${negative && (whole !== '0' || cents !== '00') ? '-' : ''}${whole}.${cents}`;
}

function number(s: string): number | null {
  const t = s.replace(/[\s,]/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

function integer(s: string): number | null {
  const n = number(s.replace(/\s*(sq\.?\s*ft\.?|sqft|ft\.?|feet|miles?|mi\.?)$/i, ''));
  return n !== null && Number.isInteger(n) ? n : null;
}

function percent(s: string): number | null {
  const n = number(s.replace(/\s*%$/, ''));
  return n !== null && n >= 0 && n <= 100 ? n : null;
}

function year(s: string): number | null {
  return /^\d{4}$/.test(s) && +s >= 1600 && +s <= 2200 ? +s : null;
}

const TRUE_WORDS = new Set(['1', 'Y', 'YES', 'TRUE', 'ON', 'X', '✓', '✔']);
const FALSE_WORDS = new Set(['0', 'N', 'NO', 'FALSE', 'OFF', '']);

function bool(s: string): boolean | null {
  const t = s.toUpperCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

function yesNo(s: string): boolean | null {
  const t = s.toUpperCase().replace(/\.$/, '');
  if (['Y', 'YES', 'TRUE', '1'].includes(t)) return true;
  if (['N', 'NO', 'FALSE', '0'].includes(t)) return false;
  return null;
}

function state(s: string): string | null {
  const t = s.toUpperCase().replace(/\./g, '').trim();
  if (KNOWN_STATE_CODES.has(t)) return t;
  return STATE_CODES[t] ?? null;
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
  const extMatch = /\s*(?:x|ext\.?|extension|#)\s*(\d{1,6})\s*$/i.exec(s);
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

/** FEIN as NN-NNNNNNN; an SSN keeps NNN-NN-NNNN when written that way. */
function taxId(s: string): string | null {
  const t = s.replace(/\s+/g, '');
  if (/^\d{3}-\d{2}-\d{4}$/.test(t)) return t;
  const digits = t.replace(/-/g, '');
  if (!/^\d{9}$/.test(digits) || !/^[\d-]+$/.test(t)) return null;
  return `${digits.slice(0, 2)}-${digits.slice(2)}`;
}

function email(s: string): string | null {
  const t = s.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/.test(t) ? t : null;
}

function url(s: string): string | null {
  const t = s.trim();
  return /^(https?:\/\/)?[\w-]+(\.[\w-]+)+([/?#]\S*)?$/i.test(t) ? t : null;
}

const normalizers: Record<ValueType, (s: string) => string | number | boolean | null> = {
  text: (s) => s,
  code: (s) => s.toUpperCase(),
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

/**
 * The typed value of a raw string, or null when the string is not a valid value of that type
 * (the raw text is kept beside it, so nothing is lost and validation can flag it).
 */
export function normalizeValue(type: ValueType, raw: string): Normalized {
  const text = raw
    .split(/\r\n|\r|\n/)
    .map(fold)
    .filter((l) => l !== '')
    .join(type === 'text' ? '\n' : ' ');
  return { value: normalizers[type](text) };
}

/** Whether a raw box value says nothing (blank, or an unchecked box). */
export function isBlank(type: ValueType, raw: string): boolean {
  const t = raw.trim();
  if (type === 'boolean') return bool(t) === false;
  return t === '';
}
