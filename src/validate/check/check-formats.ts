import type { Flag } from '../../../schemas/flag.js';
import { KNOWN_STATE_CODES } from '../../read/normalize/us-states.js';
import { givenValue, leafAt, type CheckContext } from './check-context.js';
import { makeFlag, shownValue } from './make-flag.js';
import { expandPattern } from './path-pattern.js';

const KNOWN_LISTS = { 'state-codes': KNOWN_STATE_CODES };

/** Values that are written but are not what their box asks for: a FEIN, ZIP, state, NAICS, SIC or class code. */
export function checkFormats(ctx: CheckContext): Flag[] {
  return ctx.rules.formats.flatMap((rule) => {
    const ok = rule.pattern ? ((re: RegExp) => (s: string) => re.test(s))(new RegExp(`^(?:${rule.pattern})$`)) : (s: string) => KNOWN_LISTS[rule.knownList!].has(s);
    return rule.paths.flatMap((pattern) =>
      expandPattern(ctx.submission, pattern).flatMap(({ path }) => {
        const leaf = leafAt(ctx.submission, path);
        if (!leaf || (!leaf.raw.trim() && givenValue(leaf) === undefined)) return [];
        const value = givenValue(leaf);
        if (value !== undefined && ok(String(value))) return [];
        const shown = shownValue(leaf, path);
        return [
          makeFlag({
            rule: rule.id,
            path,
            code: 'invalid',
            severity: rule.severity,
            when: 'quote',
            message: `"${shown}" is not ${rule.what}; correct it.`,
            source: ctx.locator.ofLeaf(leaf, path),
            value: shown,
          }),
        ];
      }),
    );
  });
}
