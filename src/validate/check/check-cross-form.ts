import type { Flag } from '../../../schemas/flag.js';
import type { CheckContext } from './check-context.js';
import { makeFlag, shownValue } from './make-flag.js';
import { patternRegex } from './path-pattern.js';

/** Where the forms of one submission disagree (the merge keeps one value and lists the other), and files naming other insureds. */
export function checkCrossForm(ctx: CheckContext): Flag[] {
  const rule = ctx.rules.crossForm;
  const mustAgree = rule.mustAgree.map(patternRegex);
  const seen = new Set<string>();
  const flags = ctx.submission.conflicts.flatMap((c) => {
    if (seen.has(c.path)) return [];
    seen.add(c.path);
    const kept = shownValue(c.kept, c.path);
    const other = ctx.locator.ofLeaf(c.other, c.path);
    const otherForm = other.form ? `the ${other.form}` : (other.fileName ?? 'another file');
    return [
      makeFlag({
        rule: rule.id,
        path: c.path,
        code: 'inconsistent',
        severity: mustAgree.some((re) => re.test(c.path)) ? 'blocking' : rule.otherSeverity,
        when: 'quote',
        message: `The forms disagree: "${kept}" here, "${shownValue(c.other, c.path)}" on ${otherForm}; confirm which is right.`,
        source: ctx.locator.ofLeaf(c.kept, c.path),
        value: kept,
      }),
    ];
  });
  const others = (ctx.outcome?.differentInsureds ?? []).filter((d) => !d.merged);
  if (others.length) {
    const names = others.map((d) => `${d.name}${d.taxIdLast4 ? ` (**-***${d.taxIdLast4})` : ''} in ${d.documents.join(', ')}`).join('; ');
    flags.push(
      makeFlag({
        rule: 'different-insureds',
        path: 'namedInsureds[0].fullName',
        code: 'inconsistent',
        severity: 'blocking',
        when: 'quote',
        message: `Some files name another insured and were left out: ${names}.`,
        source: null,
      }),
    );
  }
  return flags;
}
