import type { ValueType } from '../../../schemas/value-type.js';
import { normalizeValue, type FieldFacts } from '../normalize/normalize-value.js';
import { spellAddressAbbreviations } from './address-abbreviations.js';
import { asSpelled } from './spelled-values.js';

/** Letters OCR reads for digits in Helvetica and print-to-scan noise. */
const AS_DIGIT: Record<string, string> = { O: '0', o: '0', Q: '0', D: '0', l: '1', I: '1', i: '1', '|': '1', '!': '1', S: '5', s: '5', B: '8', Z: '2', z: '2', G: '6', g: '9' };
const AS_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G' };

const digitsOnly = (s: string) => s.replace(/[A-Za-z|!]/g, (c) => AS_DIGIT[c] ?? c);
const lettersOnly = (s: string) => s.replace(/\d/g, (c) => AS_LETTER[c] ?? c);
const valid = (type: ValueType, s: string, facts: FieldFacts) => normalizeValue(type, s, facts).value !== null;

/** Border fragments and specks OCR adds around a value: quotes, bars, underscores, stray dots and commas. */
function trimStray(s: string): string {
  return trimStart(s.replace(/\s+[.,'`]+$/, '')).replace(/[\s|_'"`,:;~\-—–]+$/, '');
}

const trimStart = (s: string) => s.replace(/^(?:[\s|_'"`.,:;~—–]|-(?!\d))+/, '');

/**
 * The end of a line that wraps on to another: bars and underscores are border, but a comma, semicolon,
 * colon or hyphen there is the writer's ("since 2023," then "certificates …"), not a speck.
 */
const trimWrapped = (s: string) => trimStart(s).replace(/[\s|_'"`~—–]+$/, '');

function date(s: string, facts: FieldFacts): string {
  const t = digitsOnly(s).replace(/\s+/g, '');
  if (valid('date', t, facts)) return t;
  const d = t.replace(/\D/g, '');
  // A slash read as "1" (or lost) leaves 9 or 10 digits: drop the extra "1"s where the slashes go.
  const candidates = [d, d.length === 9 && d[2] === '1' ? d.slice(0, 2) + d.slice(3) : '', d.length === 9 && d[4] === '1' ? d.slice(0, 4) + d.slice(5) : ''];
  if (d.length === 10 && d[2] === '1' && d[5] === '1') candidates.push(d.slice(0, 2) + d.slice(3, 5) + d.slice(6));
  for (const c of candidates) {
    if (c.length === 8 && valid('date', c, facts)) return `${c.slice(0, 2)}/${c.slice(2, 4)}/${c.slice(4)}`;
    if (c.length === 6 && valid('date', `${c.slice(0, 2)}/${c.slice(2, 4)}/${c.slice(4)}`, facts)) return `${c.slice(0, 2)}/${c.slice(2, 4)}/${c.slice(4)}`;
  }
  return t;
}

function money(s: string): string {
  let t = s.replace(/\s+/g, '').replace(/^[Ss](?=\d)/, '$').replace(/[.,]$/, '');
  t = digitsOnly(t);
  // A point followed by three digits is a thousands separator misread ("47.000", "1,518.435"): cents have two.
  return t.replace(/\.(?=\d{3}(?:[.,]|$))/g, ',');
}

function postalCode(s: string): string {
  const t = s.toUpperCase().replace(/\s+/g, '');
  const compact = t.replace(/-/g, '');
  // Canadian A1A 1A1 when at least two letters sit where a Canadian code has them; otherwise a US ZIP.
  if (compact.length === 6 && [0, 2, 4].filter((i) => /[A-Z]/.test(compact[i]!)).length >= 2) {
    const fixed = [...compact].map((c, i) => (i % 2 === 0 ? lettersOnly(c) : digitsOnly(c))).join('');
    return `${fixed.slice(0, 3)} ${fixed.slice(3)}`;
  }
  return digitsOnly(t);
}

/**
 * Clean-ups by value type. Letters become look-alike digits only where the type asks for digits: in a
 * text or code box a letter may be real ("Hi5", "C1O4"), and a digit put in its place would be a
 * confident wrong value.
 */
const cleaners: Partial<Record<ValueType, (s: string, facts: FieldFacts) => string>> = {
  date,
  money,
  postalCode,
  time: (s) => s.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1').replace(/\s+(?=:)|(?<=:)\s+/g, ''),
  integer: (s) => digitsOnly(s).replace(/\s+/g, ''),
  decimal: (s) => digitsOnly(s).replace(/\s+/g, ''),
  percent: (s) => digitsOnly(s).replace(/\s+/g, ''),
  year: (s) => digitsOnly(s).replace(/\s+/g, ''),
  taxId: (s) => digitsOnly(s).replace(/\s+/g, ''),
  phone: (s) => s.replace(/[OolI|]/g, (c) => AS_DIGIT[c] ?? c),
  state: (s) => lettersOnly(s.toUpperCase().replace(/[^A-Z0-9]/g, '')),
  yesNo: (s) => s.toUpperCase().replace(/[^YN]/g, '').slice(0, 1),
  email: (s) => s.replace(/\s+/g, '').replace(/^[.\-_]+|[.\-_]+$/g, ''),
  url: (s) => s.replace(/\s+/g, '').replace(/[.\-_]+$/g, ''),
};

/**
 * OCR text of one box turned into the raw string a person would have typed: whitespace folded, stray
 * border marks trimmed, and for boxes of digits the usual glyph confusions undone (O→0, l/I→1, S→5 in
 * numbers; 0→O in state codes; a date's lost slashes put back, its two-digit year read by `facts`).
 * The result still goes through normalizeValue like any other raw value.
 */
export function cleanOcrText(type: ValueType, text: string, facts: FieldFacts = {}): string {
  const folded = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
  const lines = folded.map((l, i) => (type === 'text' && i < folded.length - 1 ? trimWrapped(l) : trimStray(l))).filter((l) => l !== '');
  if (type === 'text') return spellAddressAbbreviations(lines.join('\n'));
  return asSpelled(type, trimStray(lines.join(' ')), facts) ?? (cleaners[type] ?? ((s: string) => s))(trimStray(lines.join(' ')), facts);
}
