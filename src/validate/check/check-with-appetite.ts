import type { AppetiteRules } from '../../../schemas/appetite-rules.js';
import type { CheckReport } from '../../../schemas/check-report.js';
import type { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import type { Submission } from '../../../schemas/submission.js';
import { evaluateAppetite } from '../appetite/evaluate-appetite.js';
import { checkSubmission, type CheckOptions } from './check-submission.js';

/**
 * The whole check the CLI, the workers and the review desk run: the carrier's appetite (when a rule file
 * is in force) judged first, its hits then flagged beside the checklist and value rules.
 */
export function checkWithAppetite(
  submission: Submission,
  outcome: ExtractionOutcome | null,
  options: Omit<CheckOptions, 'appetite'> & { appetiteRules: AppetiteRules | null },
): CheckReport {
  const appetite = options.appetiteRules ? evaluateAppetite(submission, options.appetiteRules, options.today) : null;
  return checkSubmission(submission, outcome, { ...options, appetite });
}
