import type { AnyField } from '../../../schemas/field.js';
import type { FlagSource } from '../../../schemas/flag.js';
import type { TemplateField } from '../../../schemas/form-template.js';
import type { DocumentRef, FormId, FormInstance, Submission } from '../../../schemas/submission.js';
import { formatPath, parsePath } from '../../model/model-path.js';
import { findTemplate, loadTemplates, nearestTemplate, type LoadedTemplate } from '../../read/templates/template-registry.js';

const byPath = new WeakMap<LoadedTemplate, Map<string, TemplateField>>();

/** A template's fields by model path (the first box of a path wins: where a person looks first). */
export function fieldsByPath(template: LoadedTemplate): Map<string, TemplateField> {
  let map = byPath.get(template);
  if (!map) {
    map = new Map();
    for (const f of template.fields) if (f.path && !map.has(f.path)) map.set(f.path, f);
    byPath.set(template, map);
  }
  return map;
}

/** The words printed for a box: a Y/N box is named by its question, a box by its caption. */
export function printedLabel(field: TemplateField): string {
  const label = field.label?.trim();
  if (label && /[A-Za-z]{2}/.test(label.replace(/\bY\s*\/\s*N\b/g, ''))) return label;
  return field.rowLabel?.trim() || label || field.tooltip;
}

const templateOf = (instance: FormInstance) => {
  const edition = instance.templateEdition ?? instance.edition;
  return findTemplate(instance.form, edition) ?? nearestTemplate(instance.form, edition);
};

const fieldsByPathOf = (instance: FormInstance) => {
  const template = templateOf(instance);
  return template && fieldsByPath(template);
};

/** The newest template of a form: the box a missing value is shown in when the form is not in the submission. */
const newestTemplate = (form: FormId) => loadTemplates().filter((t) => t.form === form).sort((a, b) => b.edition.localeCompare(a.edition))[0];

/** A field name as the template spells it: a combined PDF puts each form's fields under a parent (`acord_125.Name`). */
const plainName = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/**
 * Finds, for a flag, the spot a reviewer is shown: the box a value was read from, or the template box
 * where a missing value belongs on the form instance that should hold it.
 */
export class BoxLocator {
  constructor(
    private readonly submission: Submission,
    private readonly leaves: readonly { path: string; leaf: AnyField }[],
  ) {}

  private instanceAt(doc: DocumentRef, page: number | null, form?: FormId): FormInstance | undefined {
    return doc.forms.find((f) => page !== null && f.pages.includes(page)) ?? doc.forms.find((f) => !form || f.form === form);
  }

  /** Where a value was read: its document, page, box and the box's printed label. */
  ofLeaf(leaf: AnyField, path: string): FlagSource {
    const { document, page, rect, field } = leaf.source;
    const doc = this.submission.documents.find((d) => d.id === document);
    // XML has no pages: its form is the one with a box for the path.
    const row0 = path.replace(/\[\d+\]/g, '[0]');
    const instance = doc && (page === null ? doc.forms.find((f) => fieldsByPathOf(f)?.has(row0)) : undefined) || (doc && this.instanceAt(doc, page));
    const template = instance && templateOf(instance);
    const box = (field && template?.byName.get(plainName(field))) || (template && fieldsByPath(template).get(path));
    return {
      document,
      ...(doc ? { fileName: doc.fileName } : {}),
      ...(instance ? { form: instance.form } : {}),
      page,
      rect,
      ...(box ? { label: printedLabel(box) } : {}),
      ...(field ? { field } : {}),
    };
  }

  /**
   * Where a missing value belongs: the box of `path` on the `form` instance that holds its row (found by
   * another value of the same row: the second building's 140 for `property.locations[1]…`), else on the
   * first instance of that form, else on the form's newest template with no document.
   */
  ofMissing(path: string, form: FormId): FlagSource {
    const row = this.rowSibling(path, form);
    let doc: DocumentRef | undefined;
    let instance: FormInstance | undefined;
    let localPath = path;
    if (row) {
      doc = this.submission.documents.find((d) => d.id === row.leaf.source.document);
      instance = doc && this.instanceAt(doc, row.leaf.source.page, form);
      localPath = this.localize(path, row, instance);
    } else {
      doc = this.submission.documents.find((d) => d.forms.some((f) => f.form === form));
      instance = doc?.forms.find((f) => f.form === form);
    }
    const template = (instance && templateOf(instance)) ?? newestTemplate(form);
    const box = template && (fieldsByPath(template).get(localPath) ?? fieldsByPath(template).get(path));
    const widget = box?.widgets[0];
    const page = widget && instance?.pages.length ? (instance.pages[widget.page - 1] ?? null) : null;
    return {
      document: doc?.id ?? null,
      ...(doc ? { fileName: doc.fileName } : {}),
      form,
      page,
      rect: page !== null && widget ? widget.rect : null,
      ...(box ? { label: printedLabel(box), field: box.name } : {}),
    };
  }

  /** A value of the same list row as `path`, read from a form `form`: the deepest row that has one. */
  private rowSibling(path: string, form: FormId): { path: string; leaf: AnyField } | undefined {
    const cuts = [...path.matchAll(/\[\d+\]/g)].map((m) => m.index + m[0].length).reverse();
    for (const cut of cuts) {
      const prefix = path.slice(0, cut);
      const hit = this.leaves.find(
        (l) => (l.path.startsWith(`${prefix}.`) || l.path.startsWith(`${prefix}[`)) && this.formOf(l.leaf) === form,
      );
      if (hit) return hit;
    }
    return undefined;
  }

  private readonly formsByPage = new Map<string, FormId | undefined>();

  private formOf(leaf: AnyField): FormId | undefined {
    const key = `${leaf.source.document}#${leaf.source.page}`;
    if (!this.formsByPage.has(key)) {
      const doc = this.submission.documents.find((d) => d.id === leaf.source.document);
      this.formsByPage.set(key, doc && this.instanceAt(doc, leaf.source.page)?.form);
    }
    return this.formsByPage.get(key);
  }

  /**
   * `path` with its row indices as the sibling's own form numbers them: merged lists number rows across
   * forms (the second 140's building is `locations[1]`), a form numbers its own from 0.
   */
  private localize(path: string, row: { path: string; leaf: AnyField }, instance: FormInstance | undefined): string {
    const template = instance && templateOf(instance);
    const field = row.leaf.source.field;
    const own = field && template?.byName.get(plainName(field))?.path;
    if (!own) return path;
    const merged = parsePath(row.path);
    const local = parsePath(own);
    const target = parsePath(path);
    if (merged.length !== local.length) return path;
    // Replace each index the sibling shares with the path by the sibling's own index there.
    let shared = 0;
    while (shared < target.length && shared < merged.length && target[shared] === merged[shared]) shared++;
    const out = target.map((seg, i) => (i < shared && typeof seg === 'number' ? local[i]! : seg));
    return formatPath(out);
  }
}
