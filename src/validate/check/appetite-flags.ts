import type { AppetiteVerdict } from '../../../schemas/check-report.js';
import type { Flag, FlagSeverity } from '../../../schemas/flag.js';
import { leafAt, type CheckContext } from './check-context.js';
import { makeFlag, shownText } from './make-flag.js';

/** `out` and `need-info` stop a quote; `refer` goes to an underwriter who may still quote. */
const SEVERITY: Record<AppetiteVerdict['hits'][number]['decision'], FlagSeverity> = { out: 'blocking', 'need-info': 'blocking', refer: 'warning' };

/** The carrier's appetite verdict as flags, each on the value that fired its rule. */
export function appetiteFlags(ctx: CheckContext, verdict: AppetiteVerdict | null | undefined): Flag[] {
  return (verdict?.hits ?? []).map((hit) => {
    const path = hit.path ?? '';
    const leaf = path ? leafAt(ctx.submission, path) : undefined;
    const value = hit.value === undefined ? undefined : shownText(hit.value, path);
    return makeFlag({
      rule: hit.rule,
      path,
      code: 'appetite',
      severity: SEVERITY[hit.decision],
      when: 'quote',
      message: `${verdict!.carrier} (${hit.decision}): ${hit.message}`,
      source: leaf ? ctx.locator.ofLeaf(leaf, path) : null,
      ...(value !== undefined ? { value } : {}),
    });
  });
}
