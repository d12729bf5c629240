import type { AnyField } from '../../schemas/field.js';
import { SubmissionData, type Conflict } from '../../schemas/submission.js';

/** Lists each form brings its own entries to (one 140 per building), rather than rows to line up. */
const APPENDED_LISTS = new Set(['property.locations']);

const isLeaf = (v: unknown): v is AnyField => typeof v === 'object' && v !== null && 'source' in v && 'raw' in v;

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
    if (APPENDED_LISTS.has(path.replace(/\[\d+\]/g, ''))) return [...a, ...b];
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
