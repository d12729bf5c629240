import type { AnyField } from '../../schemas/field.js';

/**
 * A model value: `{ value, raw, confidence, source }`. The confidence tells it from a schedule of values'
 * cell (`{ value, raw, source }`), which is kept with the submission but is not one of its form values.
 */
export const isLeaf = (v: unknown): v is AnyField => typeof v === 'object' && v !== null && 'source' in v && 'raw' in v && 'confidence' in v;

/** Every value of a (part of a) submission with its model path, in document order of the model. */
export function listLeaves(node: unknown, path = ''): { path: string; leaf: AnyField }[] {
  if (isLeaf(node)) return [{ path, leaf: node }];
  if (Array.isArray(node)) return node.flatMap((v, i) => listLeaves(v, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => listLeaves(v, path ? `${path}.${k}` : k));
  }
  return [];
}
