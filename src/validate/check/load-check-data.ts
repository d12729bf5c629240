import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { LineOfBusiness } from '../../../schemas/check-report.js';
import { ChecklistFile, type ChecklistItem } from '../../../schemas/checklist.js';
import { ClassCodeBasisRules, CrossFormRules, FormatRules, LocationRules, PolicyPeriodRules, TotalRules } from '../../../schemas/value-rules.js';

const SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas');

/** A checklist or rule file that does not parse: which file, and what is wrong in it. */
export class CheckDataError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}; fix the file (its schema is in schemas/)`);
  }
}

function load<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const full = path.join(SCHEMAS, file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new CheckDataError(full, (err as Error).message);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CheckDataError(full, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

const checklistFiles = new Map<string, ChecklistFile>();

function checklistFile(name: string): ChecklistFile {
  let file = checklistFiles.get(name);
  if (!file) {
    file = load(`checklists/${name}.json`, ChecklistFile);
    if (file.name !== name) throw new CheckDataError(`checklists/${name}.json`, `names itself "${file.name}"`);
    checklistFiles.set(name, file);
  }
  return file;
}

const strictest = (a: ChecklistItem, b: ChecklistItem): ChecklistItem => (a.when === 'quote' || b.when === 'bind' ? a : b);

/** The items of a checklist file with those of every file it includes; an item met twice keeps its strictest need. */
function itemsOf(name: string, seen: readonly string[] = []): ChecklistItem[] {
  if (seen.includes(name)) throw new CheckDataError(`checklists/${name}.json`, `includes itself through ${seen.join(' → ')}`);
  const file = checklistFile(name);
  return mergeItems([...file.includes.flatMap((n) => itemsOf(n, [...seen, name])), ...file.items], name);
}

function mergeItems(items: readonly ChecklistItem[], where: string): ChecklistItem[] {
  const byId = new Map<string, ChecklistItem>();
  for (const item of items) {
    const had = byId.get(item.id);
    if (had && (had.path !== item.path || had.form !== item.form)) {
      throw new CheckDataError(`checklists/${where}.json`, `item "${item.id}" is defined twice with different paths or forms`);
    }
    byId.set(item.id, had ? strictest(had, item) : item);
  }
  return [...byId.values()];
}

/**
 * The checklist of the lines checked: each line's file with what it includes (a package names its
 * lines), merged so an item asked by two lines keeps its strictest need; with no line, the application's.
 */
export function checklistFor(lines: readonly LineOfBusiness[]): ChecklistItem[] {
  return mergeItems(lines.length ? lines.flatMap((line) => itemsOf(line)) : itemsOf('application'), lines.join('+') || 'application');
}

export type ValueRules = {
  formats: FormatRules;
  crossForm: CrossFormRules;
  totals: TotalRules;
  classCodeBasis: ClassCodeBasisRules;
  locations: LocationRules;
  policyPeriod: PolicyPeriodRules;
};

let valueRules: ValueRules | undefined;

/** The declarative value rules of schemas/value-rules/, parsed once per process. */
export function loadValueRules(): ValueRules {
  valueRules ??= {
    formats: load('value-rules/formats.json', FormatRules),
    crossForm: load('value-rules/cross-form.json', CrossFormRules),
    totals: load('value-rules/totals.json', TotalRules),
    classCodeBasis: load('value-rules/class-code-premium-basis.json', ClassCodeBasisRules),
    locations: load('value-rules/locations.json', LocationRules),
    policyPeriod: load('value-rules/policy-period.json', PolicyPeriodRules),
  };
  return valueRules;
}
