import type { Flag } from '../../../schemas/flag.js';
import { givenValue, leafAt, type CheckContext } from './check-context.js';
import { makeFlag } from './make-flag.js';
import { bindStars, expandPattern } from './path-pattern.js';

/** "01" and "1" are the same location number. */
const number = (v: unknown) => String(v).trim().replace(/^0+(?=\d)/, '').toUpperCase();

/** Every location (and building) a 126 hazard or a 140 names is one of the 125's premises. */
export function checkLocations(ctx: CheckContext): Flag[] {
  const rule = ctx.rules.locations;
  if (!ctx.submission.documents.some((d) => d.forms.some((f) => f.form === '125'))) return [];
  const premises = expandPattern(ctx.submission, rule.premises.location).flatMap((e) => {
    const loc = givenValue(leafAt(ctx.submission, e.path));
    const bld = givenValue(leafAt(ctx.submission, bindStars(rule.premises.building, e.stars)));
    return loc === undefined ? [] : [{ loc: number(loc), bld: bld === undefined ? undefined : number(bld) }];
  });
  return rule.rows.flatMap((row) =>
    expandPattern(ctx.submission, row.location).flatMap((e) => {
      const leaf = leafAt(ctx.submission, e.path);
      const loc = givenValue(leaf);
      if (loc === undefined) return [];
      const bld = row.building ? givenValue(leafAt(ctx.submission, bindStars(row.building, e.stars))) : undefined;
      const found = premises.some((p) => p.loc === number(loc) && (bld === undefined || p.bld === undefined || p.bld === number(bld)));
      if (found) return [];
      const what = bld === undefined ? `location ${String(loc)}` : `location ${String(loc)}, building ${String(bld)}`;
      return [
        makeFlag({
          rule: rule.id,
          path: e.path,
          code: 'inconsistent',
          severity: rule.severity,
          when: 'quote',
          message: `${row.what} at ${what} is not among the premises of the 125; add it there or correct the number.`,
          source: ctx.locator.ofLeaf(leaf!, e.path),
          value: String(loc),
        }),
      ];
    }),
  );
}
