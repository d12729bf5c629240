import { carryFlagResolutions, readyToQuote } from './carry-resolutions.js';
import type { AppetiteVerdict, CheckReport, ChecklistItemStatus, FormNotRead } from '../../../schemas/check-report.js';
import type { ClearanceResult, ClearanceStanding } from '../../../schemas/clearance.js';
import type { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import type { Flag } from '../../../schemas/flag.js';
import type { Submission } from '../../../schemas/submission.js';
import { appetiteFlags } from './appetite-flags.js';
import { checkItem } from './check-checklist.js';
import { checkClassCodeBasis } from './check-class-basis.js';
import { checkClearance } from './check-clearance.js';
import { submissionLeaves, type CheckContext } from './check-context.js';
import { checkCrossForm } from './check-cross-form.js';
import { checkExplanations } from './check-explanations.js';
import { checkFormats } from './check-formats.js';
import { checkLocations } from './check-locations.js';
import { checkPolicyPeriod } from './check-policy-period.js';
import { checkConfidence, checkUnreadable } from './check-read-quality.js';
import { checkTotals } from './check-totals.js';
import { linesChecked } from './lines-checked.js';
import { checkSchedulesOfValues } from './check-sov.js';
import { checklistFor, loadValueRules } from './load-check-data.js';
import { BoxLocator } from './locate-box.js';
import { patternRegex } from './path-pattern.js';

export type CheckOptions = {
  /** The day the check is made: effective dates are judged against it. */
  today: Date;
  /** The carrier's appetite verdict, when one was evaluated. */
  appetite?: AppetiteVerdict | null;
  /** The submission's clearance against earlier ones (the service runs it; null: not run). */
  clearance?: ClearanceResult | null;
  /** Where this submission and its clearance's matches stand now: which was complete first (null or absent: as the matches recorded it). */
  clearanceStanding?: ClearanceStanding | null;
  /**
   * The flags of an earlier check with the reviewers' decisions, which the caller carries into this report
   * (carryResolutions): with them nothing may block this submission's quote, and the clearance flag says so.
   */
  reviewedFlags?: readonly Flag[];
};

/**
 * What an underwriter still needs before quoting and binding this submission: the checklist of its
 * lines, the values that break a rule, the values read with doubt, and the carrier's appetite. Pure: the
 * same submission, outcome and day give the same report.
 */
export function checkSubmission(submission: Submission, outcome: ExtractionOutcome | null, options: CheckOptions): CheckReport {
  const leaves = submissionLeaves(submission);
  const ctx: CheckContext = { submission, leaves, outcome, locator: new BoxLocator(submission, leaves), today: options.today, rules: loadValueRules() };
  const lines = linesChecked(submission);
  const items = checklistFor(lines);
  const checked = dedupe([
    ...items.flatMap((item) => checkItem(ctx, item)),
    ...checkPolicyPeriod(ctx),
    ...checkCrossForm(ctx),
    ...checkFormats(ctx),
    ...checkLocations(ctx),
    ...checkTotals(ctx),
    ...checkExplanations(ctx),
    ...checkClassCodeBasis(ctx),
    ...checkConfidence(ctx),
    ...checkUnreadable(ctx),
    ...checkSchedulesOfValues(ctx, submission.schedulesOfValues ?? []),
    ...appetiteFlags(ctx, options.appetite),
  ]);
  // Clearance last: which of two submissions was complete first depends on what the rest of the check found, as the reviewers decided it.
  const restReady = readyToQuote(carryFlagResolutions(checked, options.reviewedFlags ?? []));
  const flags = dedupe([...checked, ...checkClearance(ctx, options.clearance, options.clearanceStanding, restReady)]);
  const checklist = items.map((item): ChecklistItemStatus => {
    const paths = [item.path, ...(item.anyOf ?? [])].map(patternRegex);
    const own = flags.filter((f) => f.rule === item.id);
    const others = flags.filter((f) => f.rule !== item.id && f.severity !== 'info' && paths.some((re) => re.test(f.path)));
    const status = own.some((f) => f.code === 'missing') ? 'missing' : own.length || others.length ? 'flagged' : 'met';
    return { id: item.id, label: item.label, why: item.why, when: item.when, path: item.path, status, flags: [...own, ...others].map((f) => f.id) };
  });
  const formsNotRead = submission.documents.flatMap((d): FormNotRead[] =>
    (d.formsNotRead ?? []).map((f) => ({ document: d.id, fileName: d.fileName, form: f.form, ...(f.edition ? { edition: f.edition } : {}), pages: f.pages })),
  );
  return { lines, checklist, flags, appetite: options.appetite ?? null, formsNotRead, readyToQuote: readyToQuote(flags) };
}

/** One flag per id: the first rule to raise it speaks. */
function dedupe(flags: Flag[]): Flag[] {
  const seen = new Set<string>();
  return flags.filter((f) => !seen.has(f.id) && seen.add(f.id));
}
