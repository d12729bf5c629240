import type { AnyField, ExtractionMethod, Source } from '../../../schemas/field.js';
import { JITLESS } from '../../../schemas/jitless.js';
import { SubmissionData, type Conflict } from '../../../schemas/submission.js';
import { isLeaf, listLeaves } from '../../model/list-leaves.js';
import { hasIdentity, LIST_IDENTITIES, sameEntity, type ListIdentity } from './list-identities.js';

/** How far a reading method is trusted: a reviewer over everything, then the XML, fillable fields, printed text, OCR. */
const METHOD_RANK: Record<ExtractionMethod, number> = { ocr: 0, 'text-layer': 1, acroform: 2, 'acord-xml': 3, reviewer: 4 };

/** Whether reading b is better than a: a value over none, then the stronger method, then the surer reading. */
function beats(b: AnyField, a: AnyField): boolean {
  if ((a.value === null) !== (b.value === null)) return a.value === null;
  const rank = METHOD_RANK[b.source.method] - METHOD_RANK[a.source.method];
  return rank !== 0 ? rank > 0 : b.confidence > a.confidence;
}

/** Text that differs only in case or spacing ("Acme LLC" on the XML, "ACME LLC" on a form) says the same. */
const spoken = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().toUpperCase() : JSON.stringify(v));

function sameValue(a: AnyField, b: AnyField): boolean {
  return a.value !== null && b.value !== null ? spoken(a.value) === spoken(b.value) : spoken(a.raw) === spoken(b.raw);
}

/** Every reading of each merged model path, so the final choice can name what it confirmed and what it overruled. */
type Readings = Map<string, AnyField[]>;

type Entry = Record<string, unknown>;

/**
 * The halves of one form row read apart (a form whose pages were read different ways, e.g. the
 * 125's first named insured on page 1 and its business start date on page 2): one document, no field twice.
 */
function halvesOfOneRow(a: unknown, b: unknown): boolean {
  const la = listLeaves(a);
  const lb = listLeaves(b);
  const paths = new Set(la.map((l) => l.path));
  return new Set([...la, ...lb].map((l) => l.leaf.source.document)).size === 1 && lb.every((l) => !paths.has(l.path));
}

/** Which earlier entry `entry` (the j-th of its list) is, or -1: by identity, never by position alone. */
function matchOf(identity: ListIdentity, earlier: readonly unknown[], entry: Entry, j: number, taken: ReadonlySet<number>): number {
  return earlier.findIndex((e, i) => {
    if (taken.has(i)) return false;
    if (hasIdentity(identity, e as Entry) && hasIdentity(identity, entry)) return sameEntity(identity, e as Entry, entry);
    return i === j && halvesOfOneRow(e, entry);
  });
}

function mergeList(a: unknown[], b: unknown[], path: string, readings: Readings): unknown[] {
  const identity = LIST_IDENTITIES[path.replace(/\[\d+\]/g, '')];
  if (!identity) return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => merge(a[i], b[i], `${path}[${i}]`, readings));
  const out = [...a];
  // Each earlier entry is matched at most once: two losses of one day in one part stay two.
  const taken = new Set<number>();
  b.forEach((entry, j) => {
    const i = matchOf(identity, a, entry as Entry, j, taken);
    if (i < 0) {
      out.push(entry);
      return;
    }
    taken.add(i);
    out[i] = merge(out[i], entry, `${path}[${i}]`, readings);
  });
  return out;
}

function merge(a: unknown, b: unknown, path: string, readings: Readings): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (isLeaf(a) && isLeaf(b)) {
    readings.set(path, [...(readings.get(path) ?? [a]), b]);
    return beats(b, a) ? b : a;
  }
  if (Array.isArray(a) && Array.isArray(b)) return mergeList(a, b, path, readings);
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v, path ? `${path}.${k}` : k, readings);
  return out;
}

/** The chosen leaf of each path read more than once, with the sources that agree; the rest become conflicts. */
function settle(node: unknown, path: string, readings: Readings, conflicts: Conflict[]): unknown {
  if (isLeaf(node)) {
    const losers = (readings.get(path) ?? []).filter((r) => r !== node);
    const confirmations: Source[] = losers.filter((r) => sameValue(node, r)).flatMap((r) => [r.source, ...(r.confirmedBy ?? [])]);
    const kept = confirmations.length ? { ...node, confirmedBy: [...(node.confirmedBy ?? []), ...confirmations] } : node;
    for (const other of losers) if (!sameValue(node, other)) conflicts.push({ path, kept, other });
    return kept;
  }
  if (Array.isArray(node)) return node.map((v, i) => settle(v, `${path}[${i}]`, readings, conflicts));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, settle(v, path ? `${path}.${k}` : k, readings, conflicts)]));
  }
  return node;
}

/**
 * Merges what several forms (or XML requests) of one submission say. Of several readings of a value the
 * best stands (see `beats`), whichever file came first; one that agrees is kept in `confirmedBy`, one that
 * differs is listed as a conflict for the cross-form rules to flag. List entries are matched by what they
 * are (LIST_IDENTITIES), so two buildings, insureds or losses are never mixed into one.
 */
export function mergeSubmissionData(parts: readonly SubmissionData[]): { data: SubmissionData; conflicts: Conflict[] } {
  const readings: Readings = new Map();
  const merged = parts.reduce<unknown>((acc, part) => merge(acc, part, '', readings), {});
  const conflicts: Conflict[] = [];
  const data = SubmissionData.parse(settle(merged, '', readings, conflicts), JITLESS);
  return { data, conflicts };
}
