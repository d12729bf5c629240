import { valueSchemas } from '../../schemas/fields.js';
import { Submission } from '../../schemas/submission.js';
import type { ValueType } from '../../schemas/value-type.js';
import { leafValueType } from '../../src/model/model-path.js';

/** A typed leaf value as the model normalizes it: '2025-07-01', '1000000.00', 12, true, '+15125550142'. */
export type TruthValue = string | number | boolean;

/** What a synthetic submission says, keyed by model path (`premises[1].physicalAddress.cityName`). */
export type Truth = Record<string, TruthValue>;

/**
 * Checks that every path names a model leaf and every value is a valid value of that leaf's type,
 * so a sample can never expect something the model cannot hold. Returns each path's value type.
 */
export function checkTruth(truth: Truth): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  const problems: string[] = [];
  for (const [path, value] of Object.entries(truth)) {
    try {
      const type = leafValueType(Submission, path);
      types.set(path, type);
      if (!valueSchemas[type].safeParse(value).success) problems.push(`${path}: ${JSON.stringify(value)} is not a valid ${type}`);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length) throw new Error(`Synthetic truth does not fit the model:\n${problems.join('\n')}`);
  return types;
}
