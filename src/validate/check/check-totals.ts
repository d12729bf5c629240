import type { Flag } from '../../../schemas/flag.js';
import { givenValue, leafAt, type CheckContext } from './check-context.js';
import { makeFlag } from './make-flag.js';
import { expandPattern } from './path-pattern.js';

const cents = (money: string) => Math.round(Number(money) * 100);
const dollars = (c: number) => (c / 100).toFixed(2);

/** A total printed on a form that is not the sum of the amounts it totals (when both are given). */
export function checkTotals(ctx: CheckContext): Flag[] {
  return ctx.rules.totals.flatMap((rule) => {
    const totalLeaf = leafAt(ctx.submission, rule.total);
    const total = givenValue(totalLeaf);
    if (typeof total !== 'string') return [];
    const parts = rule.parts.flatMap((p) => expandPattern(ctx.submission, p)).flatMap((e) => {
      const v = givenValue(leafAt(ctx.submission, e.path));
      return typeof v === 'string' ? [cents(v)] : [];
    });
    if (!parts.length) return [];
    const sum = parts.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - cents(total)) <= rule.tolerance * 100) return [];
    return [
      makeFlag({
        rule: rule.id,
        path: rule.total,
        code: 'inconsistent',
        severity: rule.severity,
        when: 'quote',
        message: `${rule.what[0]!.toUpperCase()}${rule.what.slice(1)} says ${total}, but its parts add up to ${dollars(sum)}.`,
        source: ctx.locator.ofLeaf(totalLeaf!, rule.total),
        value: total,
      }),
    ];
  });
}
