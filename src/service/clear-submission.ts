import type { ClearanceResult, ClearanceStanding } from '../../schemas/clearance.js';
import type { RenewalDiff } from '../../schemas/renewal-diff.js';
import type { Submission } from '../../schemas/submission.js';
import { ClearanceIndex, type ClearanceSettings } from '../validate/clearance/clearance-index.js';
import type { Db } from '../db/db.js';
import { renewalDiff } from '../validate/renewal/renewal-diff.js';

/**
 * A newly read submission's clearance against the earlier ones, and what changed since the same insured's
 * previous submission (within the renewal look-back); both stored beside its clearance keys. With them, where
 * it and its matches stand now, for its check and packet; and the later-received submissions read sooner
 * whose clearance counts this one now (`recleared`: their packets are to be made again).
 * Running it again (a retried job) gives the same answer: only submissions received before one are compared.
 */
export async function clearSubmission(
  db: Db,
  submissionId: string,
  submission: Submission,
  settings: ClearanceSettings & { actor: string },
  now: Date,
): Promise<{ clearance: ClearanceResult; standing: ClearanceStanding; renewal: RenewalDiff | null; recleared: string[] }> {
  const index = new ClearanceIndex(db);
  const options = { now, windowDays: settings.windowDays, actor: settings.actor };
  const clearance = await index.clear(submissionId, submission, options);
  const recleared = await index.reclearLater(submissionId, submission, options);
  const renewal = await diffWithPrevious(db, submissionId, submission, settings.renewalLookbackDays, now);
  return { clearance, standing: await index.clearanceStanding(submissionId, clearance), renewal, recleared };
}

/**
 * What changed since the same insured's previous submission (the latest received before this one within
 * `lookbackDays` that clearance calls probable), stored beside its clearance keys; null when there is none.
 * Run again when a submission received before it was read after it: that one may be its previous now.
 */
export async function diffWithPrevious(db: Db, submissionId: string, submission: Submission, lookbackDays: number, now: Date): Promise<RenewalDiff | null> {
  const index = new ClearanceIndex(db);
  const previous = await index.previousSubmission(submissionId, submission, { now, lookbackDays });
  const stored = previous && (await db.getSubmission(previous.id))?.submission;
  const renewal = previous && stored ? renewalDiff({ id: previous.id, receivedAt: previous.receivedAt, submission: stored }, submission) : null;
  await index.saveRenewal(submissionId, renewal);
  return renewal;
}
