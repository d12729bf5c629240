import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormTemplate, type TemplateField } from '../../../schemas/form-template.js';
import type { FormId } from '../../../schemas/submission.js';

const TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schemas/templates');

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

/** Every derived template in schemas/templates, parsed once per process. */
export function loadTemplates(): readonly LoadedTemplate[] {
  cache ??= readdirSync(TEMPLATE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const t = FormTemplate.parse(JSON.parse(readFileSync(path.join(TEMPLATE_DIR, f), 'utf8')));
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
