import type { AnyField } from '../../../schemas/field.js';
import type { Flag, FlagSource } from '../../../schemas/flag.js';
import { maskTaxId } from '../../model/mask-tax-id.js';


/** Text of the value at `path` as a flag may show it: a tax id masked. */
export const shownText = (text: string, path: string) => (/taxIdentifier$/.test(path) ? maskTaxId(text) : text);

/** A value as a person reads it in a flag: the normalized value, else the raw text; a tax id masked. */
export function shownValue(leaf: AnyField, path: string): string {
  const text = leaf.value === null || leaf.value === undefined ? leaf.raw : typeof leaf.value === 'boolean' ? (leaf.value ? 'Yes' : 'No') : String(leaf.value);
  return shownText(text, path);
}

/** A flag with its stable id (`<rule>:<path>`). */
export function makeFlag(f: Omit<Flag, 'id' | 'source'> & { source: FlagSource | null }): Flag {
  const { value, ...rest } = f;
  return { id: `${f.rule}:${f.path}`, ...rest, ...(value !== undefined ? { value } : {}) };
}
