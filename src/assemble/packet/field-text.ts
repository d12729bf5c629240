import type { AnyField } from '../../../schemas/field.js';

/** Any leaf of the submission, or its absence. */
export type Leaf = Pick<AnyField, 'value' | 'raw'> | undefined;

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');

/** A leaf as an underwriter reads it: the normalized value, else the text as read; empty when absent. */
export function text(leaf: Leaf): string {
  if (!leaf) return '';
  const { value, raw } = leaf;
  if (value === null || value === undefined) return raw.trim();
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return count.format(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  return iso ? `${iso[2]}/${iso[3]}/${iso[1]}` : String(value);
}

/** A money leaf as whole dollars ("$1,000,000"); the raw text when it did not normalize. */
export function dollars(leaf: Leaf): string {
  if (!leaf) return '';
  return typeof leaf.value === 'string' && /^-?\d+\.\d{2}$/.test(leaf.value) ? formatDollars(Number(leaf.value)) : text(leaf);
}

export const formatDollars = (amount: number): string => money.format(amount);

/** A number of a leaf, for totals; null when it has none. */
export function amount(leaf: Leaf): number | null {
  if (!leaf || leaf.value === null || leaf.value === undefined) return null;
  const n = Number(leaf.value);
  return Number.isFinite(n) ? n : null;
}

/** Non-empty parts joined: "4288 Warehouse Rd, Austin, TX 78745". */
export const joined = (parts: readonly string[], separator = ', '): string => parts.filter((p) => p.trim()).join(separator);

/** An address leaf group on one line. */
export function addressLine(address: Partial<Record<'lineOne' | 'lineTwo' | 'cityName' | 'stateOrProvinceCode' | 'postalCode', Leaf>> | undefined): string {
  if (!address) return '';
  const state = joined([text(address.stateOrProvinceCode), text(address.postalCode)], ' ');
  return joined([text(address.lineOne), text(address.lineTwo), text(address.cityName), state]);
}

/** "+15125550160" → "(512) 555-0160"; other numbers as stored. */
export function phone(leaf: Leaf): string {
  const t = text(leaf);
  const us = /^\+1(\d{3})(\d{3})(\d{4})(;ext=(\d+))?$/.exec(t);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}${us[5] ? ` x${us[5]}` : ''}` : t;
}

/** A moment as the packet prints it: "07/01/2025 14:05 UTC". */
export const formatReceived = (d: Date): string => `${d.toISOString().slice(5, 7)}/${d.toISOString().slice(8, 10)}/${d.toISOString().slice(0, 4)} ${d.toISOString().slice(11, 16)} UTC`;

/** An ISO date as the packet prints dates ("07/01/2025"); empty for none. */
export const formatDate = (iso: string | null | undefined): string => (iso ? text({ value: iso, raw: iso }) : '');
