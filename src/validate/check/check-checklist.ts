import type { ChecklistItem } from '../../../schemas/checklist.js';
import type { AnyField } from '../../../schemas/field.js';
import type { Flag } from '../../../schemas/flag.js';
import { Submission, type FormId } from '../../../schemas/submission.js';
import type { ValueType } from '../../../schemas/value-type.js';
import { leafValueType } from '../../model/model-path.js';
import { loadTemplates } from '../../read/templates/template-registry.js';
import { givenValue, leafAt, type CheckContext } from './check-context.js';
import { checkLossRuns } from './check-loss-runs.js';
import { makeFlag, shownValue } from './make-flag.js';
import { bindStars, expandPattern, type Expansion } from './path-pattern.js';

const valueTypes = new Map<string, ValueType>();
const valueTypeOf = (path: string) => {
  const key = path.replace(/\[\d+\]/g, '[0]');
  let type = valueTypes.get(key);
  if (!type) valueTypes.set(key, (type = leafValueType(Submission, key)));
  return type;
};

/** `given`, `absent`, or `unparsed` (written, but not as a value of its type: kept raw by the normalizer). */
function state(leaf: AnyField | undefined, path: string): 'given' | 'absent' | 'unparsed' {
  const value = givenValue(leaf);
  if (value === undefined) return leaf?.raw.trim() ? 'unparsed' : 'absent';
  // An unticked checkbox says nothing; a Y/N answered "N" is an answer.
  return value === false && valueTypeOf(path) === 'boolean' ? 'absent' : 'given';
}

/** The keys a question group must cover: the questions the templates of that form (as present in the submission) ask. */
function questionKeys(ctx: CheckContext, form: FormId) {
  const editions = new Set(ctx.submission.documents.flatMap((d) => d.forms.filter((f) => f.form === form).map((f) => f.templateEdition ?? f.edition)));
  const templates = loadTemplates().filter((t) => t.form === form && (!editions.size || editions.has(t.edition)));
  return (groupPath: string) => {
    const re = new RegExp(`^${groupPath.replace(/[.[\]]/g, (c) => `\\${c}`)}\\.([A-Z]{3})\\.`);
    const keys = new Set(templates.flatMap((t) => t.fields.flatMap((f) => re.exec(f.path ?? '')?.[1] ?? [])));
    return keys.size ? [...keys].sort() : undefined;
  };
}

function applies(ctx: CheckContext, item: ChecklistItem, row: Expansion): boolean {
  const cond = item.onlyIf;
  if (!cond) return true;
  const value = givenValue(leafAt(ctx.submission, bindStars(cond.path, row.stars)));
  if (value === undefined) return false;
  if ('oneOf' in cond) return cond.oneOf.includes(String(value).toUpperCase());
  const effective = givenValue(leafAt(ctx.submission, 'policy.effectiveDate'));
  const year = typeof effective === 'string' ? Number(effective.slice(0, 4)) : ctx.today.getUTCFullYear();
  return typeof value === 'number' && year - value >= cond.yearsOldAtLeast;
}

const ROW_WORDS: [RegExp, string][] = [
  [/premises\[(\d+)\]/, 'premises'],
  [/property\.locations\[(\d+)\]/, 'building'],
  [/subjectsOfInsurance\[(\d+)\]/, 'coverage row'],
  [/hazards\[(\d+)\]/, 'hazard'],
];

/** Which row a path is on, in words: "building 2, coverage row 1". */
function rowWords(path: string): string {
  const words = ROW_WORDS.flatMap(([re, word]) => {
    const m = re.exec(path);
    return m ? [`${word} ${Number(m[1]) + 1}`] : [];
  });
  return words.length ? ` (${words.join(', ')})` : '';
}

/** The flags of one checklist item on the submission: one per row where its value is missing or unusable. */
export function checkItem(ctx: CheckContext, item: ChecklistItem): Flag[] {
  if (item.attachment === 'loss-runs') return checkLossRuns(ctx, item);
  const base = { rule: item.id, when: item.when, severity: 'blocking' as const };
  if (item.anyOf) {
    const met = item.anyOf.some((alt) => expandPattern(ctx.submission, alt).some((e) => state(leafAt(ctx.submission, e.path), e.path) === 'given'));
    if (met) return [];
    const path = item.path.replaceAll('[*]', '[0]');
    return [makeFlag({ ...base, path, code: 'missing', message: `Missing: ${item.label}.`, source: ctx.locator.ofMissing(path, item.form) })];
  }
  const rows = expandPattern(ctx.submission, item.path, { placeholder: true, keysOf: questionKeys(ctx, item.form) });
  return rows.flatMap((row) => {
    if (!applies(ctx, item, row)) return [];
    const leaf = leafAt(ctx.submission, row.path);
    const found = state(leaf, row.path);
    const where = rowWords(row.path);
    if (found === 'absent') {
      return [makeFlag({ ...base, path: row.path, code: 'missing', message: `Missing: ${item.label}${where}.`, source: ctx.locator.ofMissing(row.path, item.form) })];
    }
    const value = shownValue(leaf!, row.path);
    if (found === 'unparsed') {
      const message = `${item.label}${where}: "${value}" is not a valid ${valueTypeOf(row.path)}; correct it.`;
      return [makeFlag({ ...base, path: row.path, code: 'invalid', message, source: ctx.locator.ofLeaf(leaf!, row.path), value })];
    }
    if (item.minWords && String(leaf!.value).trim().split(/\s+/).length < item.minWords) {
      const message = `${item.label}${where}: "${value}" is too general to classify; describe what the business does in a few words.`;
      return [makeFlag({ ...base, path: row.path, code: 'invalid', message, source: ctx.locator.ofLeaf(leaf!, row.path), value })];
    }
    return [];
  });
}
