import type { ChecklistItem } from '../../../schemas/checklist.js';
import type { Flag } from '../../../schemas/flag.js';
import type { LossRun } from '../../../schemas/loss-run.js';
import { dayNumber, givenValue, leafAt, type CheckContext } from './check-context.js';
import { makeFlag } from './make-flag.js';

/** A policy year counts as covered when the runs leave at most this many of its days out: terms rarely line up to the day. */
const GAP_DAYS = 31;

const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** The same calendar day `years` earlier (29 February falls back to the 28th's day count). */
const yearsBefore = (iso: string, years: number) => dayNumber(`${Number(iso.slice(0, 4)) - years}${iso.slice(4, 10) === '-02-29' ? '-02-28' : iso.slice(4)}`);

/** Every policy period the runs cover, from their period headings and the periods their claims are listed under. */
function periodsOf(runs: readonly LossRun[]): [number, number][] {
  return runs.flatMap((run) => [...run.periods, ...run.claims.flatMap((c) => (c.policyPeriod ? [c.policyPeriod] : []))].map((p): [number, number] => [dayNumber(p.from), dayNumber(p.to)]));
}

/** Days of [from, to) that no period covers. */
function uncoveredDays(periods: readonly [number, number][], from: number, to: number): number {
  let covered = 0;
  let at = from;
  for (const [start, end] of [...periods].sort((a, b) => a[0] - b[0])) {
    if (end <= at || start >= to) continue;
    covered += Math.min(end, to) - Math.max(start, at);
    at = Math.min(end, to);
  }
  return to - from - covered;
}

/**
 * The checklist's "5 years of currently valued loss runs": met by loss runs whose policy periods, taken
 * together, cover each of the years before the policy's effective date (today without one), each run
 * valued at most `lossRunMaxAgeDays` before it. Each shortfall is a flag under the item, worded for the
 * broker request: the policy years missing, a run's valuation date and age.
 */
export function checkLossRuns(ctx: CheckContext, item: ChecklistItem): Flag[] {
  const runs = ctx.submission.lossRuns ?? [];
  // A warning, not blocking: most submissions come without runs, and a quote is made subject to them; the review
  // desk must not hold every one of them. The broker request still asks for them (a checklist item's flag).
  const base = { rule: item.id, when: item.when, severity: 'warning' as const, source: null };
  if (!runs.length) return [makeFlag({ ...base, path: item.path, code: 'missing', message: `Missing: ${item.label}.` })];
  const { lossHistoryYears: years, lossRunMaxAgeDays: maxAge } = ctx.rules.policyPeriod;
  const effective = givenValue(leafAt(ctx.submission, 'policy.effectiveDate'));
  const asOf = typeof effective === 'string' ? effective : ctx.today.toISOString().slice(0, 10);
  const against = typeof effective === 'string' ? `the effective date ${asOf}` : `today (${asOf}; no effective date given)`;
  const flags: Flag[] = [];

  const periods = periodsOf(runs);
  const missing = Array.from({ length: years }, (_, k) => [yearsBefore(asOf, years - k), yearsBefore(asOf, years - k - 1)] as const).filter(
    ([from, to]) => uncoveredDays(periods, from, to) > GAP_DAYS,
  );
  if (missing.length) {
    const list = missing.map(([from, to]) => `${isoOf(from)} to ${isoOf(to)}`).join(', ');
    const message = `The loss runs do not cover ${missing.length} of the ${years} policy years before ${against}: ${list}; ask for loss runs of ${missing.length === 1 ? 'that year' : 'those years'}.`;
    flags.push(makeFlag({ ...base, path: item.path, code: 'missing', message }));
  }
  runs.forEach((run, i) => {
    const path = `${item.path}[${i}].valuationDate`;
    const who = `${run.file}${run.carrier ? ` (${run.carrier})` : ''}`;
    if (!run.valuationDate) {
      flags.push(makeFlag({ ...base, path, code: 'missing', message: `The loss run ${who} does not say the date it is valued as of; ask for a run valued within ${maxAge} days of ${against}.` }));
      return;
    }
    const age = dayNumber(asOf) - dayNumber(run.valuationDate);
    if (age > maxAge) {
      const message = `The loss run ${who} is valued as of ${run.valuationDate}, ${age} days before ${against} (more than ${maxAge}); ask for a currently valued run.`;
      flags.push(makeFlag({ ...base, path, code: 'invalid', message, value: run.valuationDate }));
    }
  });
  return flags;
}
