import type { CheckReport } from '../../../schemas/check-report.js';
import type { Flag } from '../../../schemas/flag.js';

/** Blocking flags without a reviewer's decision: while any is left, the submission stays in review. */
export const openBlocking = (flags: readonly Flag[]): Flag[] => flags.filter((f) => f.severity === 'blocking' && !f.resolution);

/** As the check report defines it: no blocking flag needed to quote is left without a reviewer's decision. */
export const readyToQuote = (flags: readonly Flag[]): boolean => !openBlocking(flags).some((f) => f.when === 'quote');

/**
 * A new check's report with the reviewers' earlier work on it. A flag raised again keeps its decision
 * (confirmed, waived, ask-broker), except a correction: a value the check still objects to is not
 * corrected, so the flag is open again. A corrected flag the check no longer raises stays, resolved (the
 * correction is why): the packet and the review page show what was fixed, not only what is left.
 */
export function carryResolutions(report: CheckReport, previous: readonly Flag[]): CheckReport {
  const flags = carryFlagResolutions(report.flags, previous);
  return { ...report, flags, readyToQuote: readyToQuote(flags) };
}

/** A new check's flags with the reviewers' earlier decisions on them, as carryResolutions keeps them. */
export function carryFlagResolutions(raisedFlags: readonly Flag[], previous: readonly Flag[]): Flag[] {
  const resolved = new Map(previous.filter((f) => f.resolution).map((f) => [f.id, f]));
  const raised = new Set(raisedFlags.map((f) => f.id));
  return [
    ...raisedFlags.map((f) => {
      // Clearance is decided by its audited override alone (check-clearance.ts): an earlier waiver must not outlive an override back to blocked.
      const earlier = f.rule === 'clearance' ? undefined : resolved.get(f.id)?.resolution;
      const resolution = f.resolution ?? (earlier?.action === 'corrected' ? undefined : earlier);
      return resolution ? { ...f, resolution } : f;
    }),
    ...[...resolved.values()].filter((f) => !raised.has(f.id) && f.resolution!.action === 'corrected'),
  ];
}
