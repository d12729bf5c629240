import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormTemplate, type TemplateField } from '../../../schemas/form-template.js';
import type { FormId } from '../../../schemas/submission.js';

const TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas/templates');
/** Written by the build (scripts/build-dist.mjs, VALIDATED_TEMPLATES) beside the compiled templates. */
const VALIDATED = path.join(TEMPLATE_DIR, '../templates-validated.json');

export type LoadedTemplate = FormTemplate & {
  /** Plain field name → field. */
  byName: ReadonlyMap<string, TemplateField>;
  /** For each 1-based template page, the names of the fields with a widget there. */
  namesOnPage: readonly ReadonlySet<string>[];
  /**
   * For each 1-based template page, the names of its fields whose widget has an area: what a copy laid out
   * like the page has. The zero-size widget of the form's hidden edition stamp has no place to confirm, and
   * copies re-saved by tools that drop hidden fields (and our own samples) lack it.
   */
  laidOutOnPage: readonly ReadonlySet<string>[];
};

let cache: LoadedTemplate[] | undefined;

/**
 * The sha256 of the templates the build checked and found unchanged by their parse; none in a source
 * checkout (or where the list cannot be read), where every template is parsed.
 */
function validatedByBuild(): ReadonlySet<string> {
  try {
    return new Set(JSON.parse(readFileSync(VALIDATED, 'utf8')) as string[]);
  } catch {
    return new Set();
  }
}

/** A template's text as a FormTemplate: parsed, unless the build checked these very bytes (~50 ms of a cold start for the six). */
function readTemplate(text: string, validated: ReadonlySet<string>): FormTemplate {
  const raw: unknown = JSON.parse(text);
  return validated.has(createHash('sha256').update(text).digest('hex')) ? (raw as FormTemplate) : FormTemplate.parse(raw);
}

/** Every derived template in schemas/templates, read once per process. */
export function loadTemplates(): readonly LoadedTemplate[] {
  if (cache) return cache;
  const validated = validatedByBuild();
  cache = readdirSync(TEMPLATE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const t = readTemplate(readFileSync(path.join(TEMPLATE_DIR, f), 'utf8'), validated);
      const namesOnPage = t.pages.map(() => new Set<string>());
      const laidOutOnPage = t.pages.map(() => new Set<string>());
      for (const field of t.fields) {
        for (const w of field.widgets) {
          namesOnPage[w.page - 1]?.add(field.name);
          if (w.rect[2] > 0 && w.rect[3] > 0) laidOutOnPage[w.page - 1]?.add(field.name);
        }
      }
      return { ...t, byName: new Map(t.fields.map((x) => [x.name, x])), namesOnPage, laidOutOnPage };
    });
  return cache;
}

export function findTemplate(form: FormId, edition: string): LoadedTemplate | undefined {
  return loadTemplates().find((t) => t.form === form && t.edition === edition);
}

const months = (edition: string) => {
  const [year, month] = edition.split('/').map(Number);
  return year! * 12 + month!;
};

/**
 * The template of `edition`, else of the edition nearest it in time, for a document whose edition has
 * no template of its own (a 2013/01 is nearer the 2016/03 layout than the 2025/03 one); the newer wins a tie.
 */
export function nearestTemplate(form: FormId, edition: string): LoadedTemplate | undefined {
  const distance = (t: LoadedTemplate) => Math.abs(months(t.edition) - months(edition));
  return loadTemplates()
    .filter((t) => t.form === form)
    .sort((a, b) => distance(a) - distance(b) || b.edition.localeCompare(a.edition))[0];
}
