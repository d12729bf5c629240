/**
 * Derives the form templates in schemas/templates/ from the real blank ACORD forms in ../shared/
 * (acord-forms/ and real-corpus/pdf/; licensed: read here, never copied). For every field: name, kind,
 * page(s), widget rectangle(s), max length, tooltip, and the model path from schemas/field-rules/.
 *
 * A source file that is absent is skipped with a message (its template, if committed, stays as it is).
 * Fails, listing every problem at once, when a field has no rule, a rule names a path the model
 * lacks, or a checkbox/text box meets a model leaf of the other kind.
 *
 *   npx tsx scripts/derive-templates.ts [--shared DIR]
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIELD_RULES } from '../schemas/field-rules/index.js';
import { FormTemplate, type TemplateField } from '../schemas/form-template.js';
import { Submission } from '../schemas/submission.js';
import { leafValueType } from '../src/model/model-path.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { applyFieldRules } from '../src/read/templates/apply-field-rules.js';
import { formWithTemplates, readFooter } from '../src/read/identify/read-footers.js';
import { readPdfPages } from '../src/read/pdf/read-pdf-pages.js';
import { readFooterRect } from '../src/read/align/read-footer-rect.js';
import { readPageRules } from '../src/read/align/read-page-rules.js';
import { cellLabel } from '../src/read/place/cell-label.js';
import { derivePrintedText } from '../src/read/text-layer/derive-printed-text.js';
import { readPageText } from '../src/read/text-layer/read-page-text.js';
import type { Rect } from '../schemas/field.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The copies we derive from, relative to ../shared; a later copy of an edition already derived only
 * adds what the first lacks. ifd-acord140-2016-03-blank.pdf is not listed: its widgets sit where
 * acord-140.pdf's do, so it would add nothing.
 */
const SOURCES = [
  'acord-forms/acord-125.pdf',
  'acord-forms/acord-125-2016-03r1-encrypted-xfa.pdf',
  'acord-forms/acord-126.pdf',
  'acord-forms/acord-140.pdf',
  'acord-forms/acord-140-2014-12-encrypted-xfa.pdf',
  'real-corpus/pdf/primble-acord125-2025-03-blank.pdf',
  'real-corpus/pdf/primble-acord126-2025-03-blank.pdf',
];

const round2 = (v: number) => Math.round(v * 100) / 100;
/** Cell sides are often one row (12 pt) high: shorter than the rules that align a page. */
const CELL_RULE_PT = 6;

async function readForm(bytes: Uint8Array, file: string) {
  const doc = await openPdf(bytes, file);
  const pages = await readPdfPages(doc);
  const footers = await Promise.all(pages.map((p) => readFooter(doc, p.page)));
  // The page geometry that aligns printed and scanned copies (printed rules, the footer's place, text
  // anchors), and each box's printed label, which matches copies whose field names differ.
  const read = await Promise.all(
    pages.map(async (p) => {
      const footerRect = await readFooterRect(doc, p.page);
      const boxes = p.widgets.map((w) => ({ name: w.name, kind: w.kind, rect: w.rect.map(round2) as Rect }));
      const text = await readPageText(doc, p.page);
      const printedText = derivePrintedText(text, boxes);
      const labelPage = { items: text.items, rules: await readPageRules(doc, p.page, CELL_RULE_PT), view: text.view };
      const labels = boxes.map((b) => cellLabel(labelPage, b, boxes.filter((o) => o !== b).map((o) => o.rect)));
      return { geometry: { rules: await readPageRules(doc, p.page), ...(footerRect ? { footerRect } : {}), printedText }, labels };
    }),
  );
  const title = ((await doc.getMetadata()).info as { Title?: string }).Title ?? '';
  await doc.destroy();
  const widgets = pages.flatMap((p, i) => p.widgets.map((w, j) => ({ ...w, page: p.page, rect: w.rect.map(round2) as Rect, ...read[i]!.labels[j]! })));
  return { widgets, pages: pages.map((p, i) => ({ width: p.width, height: p.height, ...read[i]!.geometry })), footers, title };
}

async function main() {
  const sharedDir = process.argv.includes('--shared') ? process.argv[process.argv.indexOf('--shared') + 1]! : path.join(ROOT, '..', 'shared');
  const templates = new Map<string, FormTemplate>();
  const problems: string[] = [];
  const troubled = new Set<string>();

  for (const source of SOURCES) {
    const file = path.basename(source);
    const sourcePath = path.join(sharedDir, source);
    if (!existsSync(sourcePath)) {
      console.warn(`skipped ${source}: ${sourcePath} is absent`);
      continue;
    }
    const bytes = new Uint8Array(await readFile(sourcePath));
    const { widgets, pages, footers, title } = await readForm(bytes, file);
    const footer = footers.find((f) => f !== null);
    const form = footer && formWithTemplates(footer);
    if (!form) {
      problems.push(`${file}: no "ACORD 125/126/140 (YYYY/MM)" footer found`);
      continue;
    }
    const key = `${form}-${footer.edition}`;
    const rules = FIELD_RULES[form];
    let template = templates.get(key);
    if (!template) {
      template = { form, edition: footer.edition, footer: footer.text, titles: [], derivedFrom: [], pages, fields: [] };
      templates.set(key, template);
    }
    template.derivedFrom.push({ file, sha256: createHash('sha256').update(bytes).digest('hex') });
    if (title && !template.titles.includes(title)) template.titles.push(title);

    const before = problems.length;
    const known = new Set(template.fields.map((f) => f.name));
    const byName = new Map<string, TemplateField>();
    for (const w of widgets) {
      if (known.has(w.name)) continue;
      let f = byName.get(w.name);
      if (!f) {
        const outcome = applyFieldRules(rules, w.name);
        let valueType: TemplateField['valueType'] = null;
        if (!outcome) problems.push(`${file}: ${w.name} (${w.kind}, p${w.page}) has no rule — "${w.tooltip.slice(0, 90)}"`);
        else if (outcome.path === null && !outcome.why) problems.push(`${file}: ${w.name}: a rule drops it without saying why`);
        else if (outcome.path !== null) {
          try {
            valueType = leafValueType(Submission, outcome.path);
            if ((w.kind === 'checkbox') !== (valueType === 'boolean')) {
              problems.push(`${file}: ${w.name} is a ${w.kind} but ${outcome.path} holds ${valueType}`);
            }
          } catch (err) {
            problems.push(`${file}: ${w.name}: ${(err as Error).message}`);
          }
        }
        f = {
          name: w.name,
          kind: w.kind,
          path: outcome?.path ?? null,
          ...(outcome?.path === null && outcome.why ? { why: outcome.why } : {}),
          valueType,
          widgets: [],
          maxLength: w.maxLength,
          multiline: w.multiline,
          fontSize: w.fontSize,
          tooltip: w.tooltip,
          ...(w.label ? { label: w.label } : {}),
          ...(w.row ? { rowLabel: w.row } : {}),
        };
        byName.set(w.name, f);
      }
      f.widgets.push({ page: w.page, rect: w.rect });
    }
    template.fields.push(...byName.values());
    if (problems.length > before) troubled.add(key);
  }

  const paths = new Map<string, string>();
  for (const t of templates.values()) {
    for (const f of t.fields) {
      if (!f.path) continue;
      const k = `${t.form}-${t.edition}:${f.path}`;
      const other = paths.get(k);
      if (other) {
        problems.push(`ACORD ${t.form} (${t.edition}): ${f.name} and ${other} both map to ${f.path}`);
        troubled.add(`${t.form}-${t.edition}`);
      }
      paths.set(k, f.name);
    }
  }

  // A form whose rules are complete is written even while another form's are not.
  for (const [key, t] of templates) {
    if (troubled.has(key)) continue;
    const out = path.join(ROOT, 'schemas', 'templates', `acord-${t.form}-${t.edition.replace('/', '-')}.json`);
    await writeFile(out, JSON.stringify(FormTemplate.parse(t), null, 1) + '\n');
    const mapped = t.fields.filter((f) => f.path).length;
    console.log(`${path.relative(ROOT, out)}: ${t.fields.length} fields, ${mapped} mapped to the model, ${t.fields.length - mapped} without data`);
  }
  if (problems.length) {
    console.error(`${problems.length} problem(s); templates not written for ${[...troubled].join(', ')}:\n${problems.join('\n')}`);
    process.exit(1);
  }
}

await main();
