import type { AnyField } from '../../schemas/field.js';
import { isLeaf } from '../model/list-leaves.js';
import { SubmissionData, type Conflict } from '../../schemas/submission.js';

/**
 * Lists whose entries are things, not rows: each 140 describes its own building(s), so the second
 * 140's first location is not the first 140's first location. Entries with the same key (location
 * and building number) are one thing told twice (by a 140 and by the XML); the rest are appended.
 */
const KEYED_LISTS: Record<string, (entry: Record<string, AnyField | undefined>) => string | null> = {
  'property.locations': (e) => {
    const loc = e.locationProducerIdentifier?.value;
    const bldg = e.buildingProducerIdentifier?.value;
    return loc != null && bldg != null ? `${String(loc)}/${String(bldg)}` : null;
  },
};

function mergeKeyed(a: unknown[], b: unknown[], path: string, keyOf: (e: never) => string | null, conflicts: Conflict[]): unknown[] {
  const out = [...a];
  for (const entry of b) {
    const key = keyOf(entry as never);
    const i = key === null ? -1 : out.findIndex((e) => keyOf(e as never) === key);
    if (i < 0) out.push(entry);
    else out[i] = merge(out[i], entry, `${path}[${i}]`, conflicts);
  }
  return out;
}

function sameValue(a: AnyField, b: AnyField): boolean {
  if (a.value !== null && b.value !== null) return JSON.stringify(a.value) === JSON.stringify(b.value);
  return a.raw.trim().toUpperCase() === b.raw.trim().toUpperCase();
}

function merge(a: unknown, b: unknown, path: string, conflicts: Conflict[]): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (isLeaf(a) && isLeaf(b)) {
    if (!sameValue(a, b)) conflicts.push({ path, kept: a, other: b });
    return a;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyOf = KEYED_LISTS[path.replace(/\[\d+\]/g, '')];
    if (keyOf) return mergeKeyed(a, b, path, keyOf, conflicts);
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => merge(a[i], b[i], `${path}[${i}]`, conflicts));
  }
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v, path ? `${path}.${k}` : k, conflicts);
  return out;
}

/**
 * Merges what several forms (or XML requests) of one submission say. The first word on a value
 * stands; a later, different one is kept as a conflict for the cross-form rules to flag.
 */
export function mergeSubmissionData(parts: readonly SubmissionData[]): { data: SubmissionData; conflicts: Conflict[] } {
  const conflicts: Conflict[] = [];
  const merged = parts.reduce<unknown>((acc, part) => merge(acc, part, '', conflicts), {});
  return { data: SubmissionData.parse(merged), conflicts };
}
