import type { Flag } from '../../../schemas/flag.js';
import { givenValue, leafAt, type CheckContext } from './check-context.js';
import { makeFlag, shownValue } from './make-flag.js';
import { expandPattern } from './path-pattern.js';

/** A GL hazard whose premium basis is not the one its ISO class code's group is rated on. */
export function checkClassCodeBasis(ctx: CheckContext): Flag[] {
  const rule = ctx.rules.classCodeBasis;
  const basisOf = (code: string) => Object.entries(rule.bases).find(([, codes]) => codes.includes(code.toUpperCase()))?.[0];
  return expandPattern(ctx.submission, 'generalLiability.hazards[*]').flatMap(({ path }) => {
    const classCode = givenValue(leafAt(ctx.submission, `${path}.classCode`));
    const basisPath = `${path}.premiumBasisCode`;
    const basisLeaf = leafAt(ctx.submission, basisPath);
    const basis = givenValue(basisLeaf);
    if (typeof classCode !== 'string' || !/^\d{5}$/.test(classCode) || typeof basis !== 'string') return [];
    const range = rule.ranges.find((r) => Number(classCode) >= r.from && Number(classCode) <= r.to);
    const name = basisOf(basis);
    if (!range || (name && range.bases.includes(name))) return [];
    const shown = shownValue(basisLeaf!, basisPath);
    return [
      makeFlag({
        rule: rule.id,
        path: basisPath,
        code: 'invalid',
        severity: rule.severity,
        when: 'quote',
        message: `Class code ${classCode} (${range.group}) is rated on ${range.bases.join(' or ')}, but the premium basis is "${shown}"${name ? ` (${name})` : ''}.`,
        source: ctx.locator.ofLeaf(basisLeaf!, basisPath),
        value: shown,
      }),
    ];
  });
}
