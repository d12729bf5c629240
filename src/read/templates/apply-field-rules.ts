import type { FieldRule } from '../../../schemas/field-rules/field-rule.js';
import { acordWordsToKeys } from '../../../schemas/field-rules/acord-words.js';
import { splitSuffix } from './field-name.js';

export type RuleOutcome = { path: string | null; why?: string; rule: FieldRule };

/** The first rule that matches a field name decides its model path; undefined when none does. */
export function applyFieldRules(rules: readonly FieldRule[], fieldName: string): RuleOutcome | undefined {
  const { base, suffix } = splitSuffix(fieldName);
  for (const rule of rules) {
    const m = rule.match.exec(base);
    if (!m) continue;
    if (rule.path === null) return { path: null, why: rule.why, rule };
    if (typeof rule.path === 'function') return { path: rule.path(m, suffix), why: rule.why, rule };
    const row = rule.rows?.[suffix] ?? (suffix ? suffix.charCodeAt(0) - 65 : 0);
    const path = rule.path.replace(/\$(\d)/g, (_, n: string) => acordWordsToKeys(m[Number(n)] ?? '')).replace(/#/g, String(row));
    return { path, why: rule.why, rule };
  }
  return undefined;
}
