import { z } from 'zod';
import type { ValueType } from '../../schemas/value-type.js';

/** A path into the submission model, e.g. `namedInsureds[0].mailingAddress.cityName`. */
export type PathSegment = string | number;

export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z][A-Za-z0-9]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`Malformed model path "${path}" at "${part}"`);
    segments.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(idx[1]));
  }
  return segments;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/**
 * The value type of the leaf a path names, or an error saying where the path leaves the model.
 * A leaf is a field schema built by `F.*` in schemas/fields.ts, which records its value type as metadata.
 */
export function leafValueType(root: z.ZodType, path: string): ValueType {
  let schema: z.ZodType = root;
  const segments = parsePath(path);
  for (const [i, seg] of segments.entries()) {
    const meta = schema.meta() as { valueType?: ValueType } | undefined;
    if (meta?.valueType) throw new Error(`"${path}" goes below the leaf ${formatPath(segments.slice(0, i))}`);
    const s = unwrap(schema);
    if (typeof seg === 'number') {
      if (!(s instanceof z.ZodArray)) throw new Error(`"${path}": ${formatPath(segments.slice(0, i))} is not a list`);
      schema = s.element as z.ZodType;
    } else if (s instanceof z.ZodObject) {
      const next = s.shape[seg] as z.ZodType | undefined;
      if (!next) throw new Error(`"${path}": the model has no "${seg}" under ${formatPath(segments.slice(0, i)) || 'the root'}`);
      schema = next;
    } else if (s instanceof z.ZodRecord) {
      schema = s.valueType as z.ZodType;
    } else {
      throw new Error(`"${path}": cannot descend into ${formatPath(segments.slice(0, i))} with "${seg}"`);
    }
  }
  const meta = (schema.meta() ?? unwrap(schema).meta()) as { valueType?: ValueType } | undefined;
  if (!meta?.valueType) throw new Error(`"${path}" names a group, not a value`);
  return meta.valueType;
}

type Container = Record<string, unknown> | unknown[];

/** Sets a value at a model path, creating objects and (sparse) lists on the way. */
export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = parsePath(path);
  let node: Container = target;
  for (const [i, seg] of segments.entries()) {
    const last = i === segments.length - 1;
    const key = seg as never;
    if (last) {
      (node as Record<PathSegment, unknown>)[key] = value;
      return;
    }
    let next = (node as Record<PathSegment, unknown>)[key] as Container | undefined;
    if (next === undefined) {
      next = typeof segments[i + 1] === 'number' ? [] : {};
      (node as Record<PathSegment, unknown>)[key] = next;
    }
    node = next;
  }
}

export function getAtPath(target: unknown, path: string): unknown {
  let node: unknown = target;
  for (const seg of parsePath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathSegment, unknown>)[seg as never];
  }
  return node;
}

/**
 * Removes the holes a form leaves in lists (row B filled, row A blank) so lists read as the rows
 * that were given. Each value still names its box through its provenance.
 */
export function compactLists<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined && v !== null).map(compactLists) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactLists(v)])) as T;
  }
  return value;
}
