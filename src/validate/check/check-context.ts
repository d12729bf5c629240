import type { AnyField } from '../../../schemas/field.js';
import type { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import type { Submission } from '../../../schemas/submission.js';
import { isLeaf, listLeaves } from '../../model/list-leaves.js';
import { getAtPath } from '../../model/model-path.js';
import type { ValueRules } from './load-check-data.js';
import type { BoxLocator } from './locate-box.js';

/** What every rule reads: the submission and its values listed once, its extraction outcome, where its boxes are, and today. */
export type CheckContext = {
  submission: Submission;
  /** Every value of the submission with its path (listed once: listing is the costliest step of a check). */
  leaves: readonly { path: string; leaf: AnyField }[];
  outcome: ExtractionOutcome | null;
  locator: BoxLocator;
  today: Date;
  rules: ValueRules;
};

export function leafAt(submission: Submission, path: string): AnyField | undefined {
  const node = getAtPath(submission, path);
  return isLeaf(node) ? node : undefined;
}

/** A leaf's value when it is given (not null, not blank text). */
export function givenValue(leaf: AnyField | undefined): unknown {
  const v = leaf?.value;
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' && !v.trim() ? undefined : v;
}

/** An ISO date as a UTC day number, for day arithmetic free of time zones. */
export const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
export const todayNumber = (today: Date) => Math.floor(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) / 86_400_000);

/** The submission's form values: its bookkeeping (documents, conflicts, unplaced) and its attachments (schedules of values, loss runs) left out. */
export const submissionLeaves = (submission: Submission) =>
  listLeaves({ ...submission, documents: undefined, conflicts: undefined, unplaced: undefined, schedulesOfValues: undefined, lossRuns: undefined });
