import type { AnyField } from '../schemas/field.js';
import type { SubmissionData } from '../schemas/submission.js';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { listLeaves } from '../src/model/list-leaves.js';

export type ExpectedValue = { path: string; value: unknown; raw: string };

export type Accuracy = {
  fields: number;
  exact: number;
  checkboxes: number;
  checkboxesRight: number;
  /** Values read that the input does not carry (noise or a label read as a value). */
  spurious: number;
  /** Wrong or spurious values whose confidence is at or above the review threshold: errors nobody would look at. */
  wrongConfident: number;
  /** Right values below the threshold: needless review work. */
  rightUnsure: number;
  wrong: { path: string; got: unknown; want: unknown; confidence: number | null }[];
};

export const emptyAccuracy = (): Accuracy => ({ fields: 0, exact: 0, checkboxes: 0, checkboxesRight: 0, spurious: 0, wrongConfident: 0, rightUnsure: 0, wrong: [] });

/**
 * Whether a value read is the value expected. Text compares with its whitespace folded: where a long
 * value wraps in its box is the form's doing (its line breaks are kept in the value), not the writer's.
 */
export const sameValue = (got: unknown, want: unknown) => {
  const fold = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : v);
  return JSON.stringify(fold(got)) === JSON.stringify(fold(want));
};

/** Field-level exact match after normalization: one form's extracted part against its expected values. */
export function compareWithExpected(part: SubmissionData | undefined, expected: readonly ExpectedValue[], into = emptyAccuracy()): Accuracy {
  const got = new Map<string, AnyField>(listLeaves(part).map(({ path, leaf }) => [path, leaf]));
  for (const e of expected) {
    const leaf = got.get(e.path);
    got.delete(e.path);
    const right = leaf !== undefined && sameValue(leaf.value, e.value);
    const checkbox = e.value === true && e.raw === '1';
    into.fields++;
    if (checkbox) into.checkboxes++;
    if (right) {
      into.exact++;
      if (checkbox) into.checkboxesRight++;
      if (leaf.confidence < REVIEW_THRESHOLD) into.rightUnsure++;
    } else {
      if (leaf && leaf.confidence >= REVIEW_THRESHOLD) into.wrongConfident++;
      into.wrong.push({ path: e.path, got: leaf?.raw ?? null, want: e.raw, confidence: leaf?.confidence ?? null });
    }
  }
  for (const [path, leaf] of got) {
    into.spurious++;
    if (leaf.confidence >= REVIEW_THRESHOLD) into.wrongConfident++;
    into.wrong.push({ path, got: leaf.raw, want: null, confidence: leaf.confidence });
  }
  return into;
}

export const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(2)} %` : '—');
