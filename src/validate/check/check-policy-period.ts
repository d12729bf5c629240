import type { Flag } from '../../../schemas/flag.js';
import { dayNumber, givenValue, leafAt, todayNumber, type CheckContext } from './check-context.js';
import { makeFlag } from './make-flag.js';

/** The policy period: expiration after effective, effective neither past nor too far ahead; enough years of losses. */
export function checkPolicyPeriod(ctx: CheckContext): Flag[] {
  const { submission, locator, rules } = ctx;
  const period = rules.policyPeriod;
  const flags: Flag[] = [];
  const effLeaf = leafAt(submission, 'policy.effectiveDate');
  const expLeaf = leafAt(submission, 'policy.expirationDate');
  const eff = givenValue(effLeaf) as string | undefined;
  const exp = givenValue(expLeaf) as string | undefined;
  if (eff && exp && dayNumber(exp) <= dayNumber(eff)) {
    flags.push(
      makeFlag({
        rule: 'expiration-after-effective',
        path: 'policy.expirationDate',
        code: 'invalid',
        severity: 'blocking',
        when: 'quote',
        message: `The expiration date ${exp} is not after the effective date ${eff}.`,
        source: locator.ofLeaf(expLeaf!, 'policy.expirationDate'),
        value: exp,
      }),
    );
  }
  if (eff) {
    const ahead = dayNumber(eff) - todayNumber(ctx.today);
    const base = { path: 'policy.effectiveDate', code: 'invalid' as const, when: 'quote' as const, source: locator.ofLeaf(effLeaf!, 'policy.effectiveDate'), value: eff };
    if (ahead < 0) {
      flags.push(makeFlag({ ...base, rule: 'effective-date-past', severity: period.pastSeverity, message: `The effective date ${eff} is in the past; ask for a new one.` }));
    } else if (ahead > period.maxDaysAhead) {
      const message = `The effective date ${eff} is ${ahead} days away, more than ${period.maxDaysAhead}; a quote would go stale.`;
      flags.push(makeFlag({ ...base, rule: 'effective-date-too-far', severity: period.tooFarSeverity, message }));
    }
  }
  const years = leafAt(submission, 'lossHistory.informationYearCount');
  const count = givenValue(years);
  if (typeof count === 'number' && count < period.lossHistoryYears && !givenValue(leafAt(submission, 'lossHistory.noPriorLossesIndicator'))) {
    flags.push(
      makeFlag({
        rule: 'loss-history-years',
        path: 'lossHistory.informationYearCount',
        code: 'invalid',
        severity: 'blocking',
        when: 'quote',
        message: `Losses are given for ${count} years; ${period.lossHistoryYears} are needed.`,
        source: locator.ofLeaf(years!, 'lossHistory.informationYearCount'),
        value: String(count),
      }),
    );
  }
  return flags;
}
