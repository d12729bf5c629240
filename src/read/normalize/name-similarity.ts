import { editDistance } from '../extract/edit-distance.js';

/** 1 for the same key, 0 for nothing in common: 1 - edit distance / the longer key's length. */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}
