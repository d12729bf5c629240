import { effectiveClearance, firstComplete, matchStanding, type ClearanceMatch, type ClearanceOutcome, type ClearanceResult, type ClearanceStanding } from '../../../schemas/clearance.js';
import type { Flag, FlagSeverity } from '../../../schemas/flag.js';
import { leafAt, type CheckContext } from './check-context.js';
import { makeFlag } from './make-flag.js';

const PATH = 'namedInsureds[0].fullName';
const SEVERITY: Record<ClearanceOutcome, FlagSeverity | null> = { blocked: 'blocking', probable: 'warning', possible: 'info', clear: null };
const WORDS: Record<ClearanceOutcome, string> = {
  blocked: 'Clearance blocked',
  probable: 'Probably cleared to another submission',
  possible: 'Possibly the same insured as another submission',
  clear: 'Clear',
};

/** "2025-12-10 14:30 UTC": a moment to the minute, for a sentence. */
const moment = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Which of the two first had nothing blocking its quote, by the queue's and review page's rule, from their
 * times as they stand; this one, not complete before but with nothing blocking its quote now (`readyNow`), is
 * complete from now: after any time recorded for the other.
 */
function completeFirst(own: string | null, theirs: string | null, readyNow: boolean): string {
  const first = firstComplete(own, theirs);
  if (first === 'that') return `that submission was complete first (${moment(theirs!)})`;
  if (first === 'this') return `this submission was complete first (${moment(own!)})`;
  return readyNow ? 'this submission is complete first (that one still has items blocking its quote)' : 'neither is complete yet';
}

/**
 * The strongest match in one sentence: the other insured, its broker, when it came, where it stands and which
 * was complete first, as `standing` has them when the check or packet is made (null: as the match recorded them).
 */
export function describeMatch(match: ClearanceMatch, standing: ClearanceStanding | null | undefined, readyNow: boolean): string {
  const broker = match.brokerName ? `${match.otherBroker ? 'another broker, ' : 'the same broker, '}${match.brokerName}` : 'an unknown broker';
  const now = matchStanding(match, standing);
  return `"${match.insuredName ?? 'name not read'}" (submission ${match.submissionId}) from ${broker}, received ${moment(match.receivedAt)}, ${now.state}; ${completeFirst(standing?.completeAt ?? null, now.completeAt, readyNow)}`;
}

/**
 * The clearance outcome as a flag on the insured's name: blocked stops the quote, probable is a warning,
 * possible a note, clear nothing. A person's override stands: overridden to blocked, the flag blocks with
 * the reason; overridden to anything else, the computed flag is kept, waived with the reason and the audit
 * event, so the packet and the review page show what was decided and why. `standing`: where this submission
 * and its matches stand as the check is made; `restReady`: nothing else the check found blocks the quote.
 */
export function checkClearance(ctx: CheckContext, clearance: ClearanceResult | null | undefined, standing: ClearanceStanding | null | undefined, restReady: boolean): Flag[] {
  if (!clearance) return [];
  const { override } = clearance;
  const outcome = override?.outcome === 'blocked' ? 'blocked' : clearance.outcome;
  const severity = SEVERITY[outcome];
  if (!severity) return [];
  const match = clearance.matches[0];
  // Complete as the service records it: nothing blocking the quote, this flag included (blocked stands unless overridden).
  const found = match ? `${match.reasons.join(', ')} match: ${describeMatch(match, standing, restReady && effectiveClearance(clearance) !== 'blocked')}` : 'no earlier submission named';
  const leaf = leafAt(ctx.submission, PATH);
  const decided = override?.outcome === 'blocked' ? ` Set to blocked by ${override.by} (${override.at}): ${override.reason}.` : '';
  const flag = makeFlag({
    rule: 'clearance',
    path: PATH,
    code: 'inconsistent',
    severity,
    when: 'quote',
    message: `${WORDS[outcome]}: ${found}.${decided}`,
    source: leaf ? ctx.locator.ofLeaf(leaf, PATH) : null,
  });
  if (!override || override.outcome === 'blocked') return [flag];
  return [{ ...flag, resolution: { action: 'waived', by: override.by, at: override.at, note: override.reason, ...(override.auditEvent ? { auditEvent: override.auditEvent } : {}) } }];
}
