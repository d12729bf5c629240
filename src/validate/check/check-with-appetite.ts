import type { AppetiteRules } from '../../../schemas/appetite-rules.js';
import type { CheckReport } from '../../../schemas/check-report.js';
import type { ClearanceResult, ClearanceStanding } from '../../../schemas/clearance.js';
import type { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import type { Submission } from '../../../schemas/submission.js';
import { evaluateAppetite } from '../appetite/evaluate-appetite.js';
import { checkSubmission } from './check-submission.js';

/**
 * The whole check the CLI, the workers and the review desk run: the carrier's appetite (when a rule file
 * is in force) judged first, its hits then flagged beside the checklist and value rules.
 */
export function checkWithAppetite(
  submission: Submission,
  outcome: ExtractionOutcome | null,
  options: { today: Date; appetiteRules: AppetiteRules | null; clearance?: ClearanceResult | null; clearanceStanding?: ClearanceStanding | null },
): CheckReport {
  const appetite = options.appetiteRules ? evaluateAppetite(submission, options.appetiteRules, options.today) : null;
  return checkSubmission(submission, outcome, { today: options.today, appetite, clearance: options.clearance ?? null, clearanceStanding: options.clearanceStanding ?? null });
}
