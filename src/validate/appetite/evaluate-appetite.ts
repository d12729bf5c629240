import type { AppetiteRules } from '../../../schemas/appetite-rules.js';
import type { AppetiteHit, AppetiteVerdict } from '../../../schemas/check-report.js';
import type { Submission } from '../../../schemas/submission.js';
import { checkRule } from './check-rule.js';
import { textOf } from './leaf-value.js';
import { requestedLines } from './requested-lines.js';

const SEVERITY = { 'need-info': 1, refer: 2, out: 3 } as const;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Hits the rule file itself gives: a policy outside its effective window, lines it does not write. */
function fileHits(submission: Submission, rules: AppetiteRules, asOf: string, dated: boolean): AppetiteHit[] {
  const hits: AppetiteHit[] = [];
  const { from, to } = rules.effective;
  if (asOf < from || (to && asOf > to)) {
    // Rules out of force can neither accept nor decline: an underwriter must look with the rules in force.
    hits.push({
      rule: 'effective-window',
      decision: 'refer',
      message: `${rules.carrier} rules ${rules.version} apply from ${from}${to ? ` to ${to}` : ''}; ${dated ? 'the policy is effective' : 'today is'} ${asOf}: check with the rules in force then`,
      path: 'policy.effectiveDate',
      value: asOf,
    });
  }
  const lines = requestedLines(submission);
  if (!lines.length) {
    hits.push({ rule: 'lines', decision: 'need-info', message: 'no line of business ticked on the 125 and no 126 or 140 sent: the lines asked for are needed', path: 'policy.linesOfBusiness' });
  }
  for (const { line, path } of lines) {
    if (!rules.lines.includes(line)) {
      hits.push({ rule: 'lines', decision: 'out', message: `${rules.carrier} does not write ${line} (writes ${rules.lines.join(', ')})`, path, value: line });
    }
  }
  return hits;
}

/**
 * Checks a submission against one carrier's appetite rules. The policy's effective date is the day
 * everything is judged as of (the rules' window, building age, the five years of losses); without
 * one, `today`. `in` when no rule fired; else the worst of what fired (out > refer > need-info), with
 * every hit: its rule, what fired it, where in the model and the value.
 */
export function evaluateAppetite(submission: Submission, rules: AppetiteRules, today: Date = new Date()): AppetiteVerdict {
  const effective = textOf(submission.policy?.effectiveDate);
  const asOf = effective ?? isoDay(today);
  const lines = requestedLines(submission).map((l) => l.line);
  const ctx = { submission, asOf, propertyRequested: lines.includes('property') || lines.includes('package') };
  const hits = [...fileHits(submission, rules, asOf, Boolean(effective)), ...rules.rules.flatMap((rule) => checkRule(rule, ctx))];
  const worst = hits.reduce<AppetiteHit['decision'] | undefined>((w, h) => (!w || SEVERITY[h.decision] > SEVERITY[w] ? h.decision : w), undefined);
  return { carrier: rules.carrier, version: rules.version, decision: worst ?? 'in', hits };
}
