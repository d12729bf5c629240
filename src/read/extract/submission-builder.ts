import type { Source } from '../../../schemas/field.js';
import { JITLESS } from '../../../schemas/jitless.js';
import { Submission, SubmissionData } from '../../../schemas/submission.js';
import type { ValueType } from '../../../schemas/value-type.js';
import { compactLists, leafValueType, setAtPath } from '../../model/model-path.js';
import { isBlank, normalizeValue } from '../normalize/normalize-value.js';

const typeCache = new Map<string, ValueType>();

/** The value type of a model path (cached: extractors ask for the same few hundred paths per form). */
export function valueTypeAt(path: string): ValueType {
  let t = typeCache.get(path);
  if (!t) {
    t = leafValueType(Submission, path);
    typeCache.set(path, t);
  }
  return t;
}

/**
 * Collects leaves by model path while an extractor reads a document, and yields a parsed
 * SubmissionData. Blank boxes and unchecked checkboxes are left out: absence means "not given".
 */
export class SubmissionBuilder {
  private readonly data: Record<string, unknown> = {};

  /**
   * Normalizes `raw` by the path's value type (and what the path and `label`, by default the source
   * field's name, say of the box) and stores it with its provenance; returns false if blank.
   */
  set(path: string, raw: string, source: Source, confidence = 1, label = source.field): boolean {
    const type = valueTypeAt(path);
    if (isBlank(type, raw)) return false;
    const { value } = normalizeValue(type, raw, { path, label });
    setAtPath(this.data, path, { value, raw, confidence, source });
    return true;
  }

  build(): SubmissionData {
    return SubmissionData.parse(compactLists(this.data), JITLESS);
  }
}
