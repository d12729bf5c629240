import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { FormId } from '../schemas/submission.js';
import { normalizeValue } from '../src/read/normalize/normalize-value.js';
import { ruledCell } from '../src/read/place/ruled-cell.js';
import { agencyValueWriter } from '../scripts/sample-kit/agency-print.js';
import type { FormValue } from '../scripts/sample-kit/form-values.js';
import { typedRawValue } from '../scripts/sample-kit/typed-raw-values.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';
import { addressGroups, type AddressPart } from '../src/read/text-layer/address-groups.js';
import type { ExpectedValue } from './compare-with-expected.js';
import { FILES, FORMS_DIR } from './real-form-inputs.js';

/** Invented parties' addresses for the name-and-address cells, one per cell in page order. */
const ADDRESSES: readonly Record<AddressPart, string>[] = [
  { name: 'Riverbend Insurance Brokers LLC', lineOne: '8303 Market St', lineTwo: 'Suite 194', city: 'Denver', state: 'CO', zip: '80205' },
  { name: 'Timberline Remodeling LLC', lineOne: '5947 Warehouse Rd', lineTwo: 'Building C', city: 'Colorado Springs', state: 'CO', zip: '80903-4417' },
  { name: 'Kowalski Commercial Properties', lineOne: 'PO Box 4410', lineTwo: '', city: 'Lakewood', state: 'CO', zip: '80226' },
  { name: 'Harbor Point Holdings Inc', lineOne: '12 W Lake St', lineTwo: 'Floor 3', city: 'Saint Paul', state: 'MN', zip: '55101' },
];

/**
 * A real blank ACORD form (read from ../shared, never stored) printed the way an agency system prints
 * it (scripts/sample-kit/agency-print.ts) with every mapped box filled: the typed short values of the bench
 * elsewhere, and real-looking names and addresses in the name-and-address cells (the parser needs
 * streets and places). Exists only in memory.
 */
export async function realAgencyPrint(form: FormId): Promise<{ bytes: Uint8Array; expected: ExpectedValue[] }> {
  const template = loadTemplates().find((t) => t.form === form && t.derivedFrom.some((d) => d.file === FILES[form]))!;
  const doc = await PDFDocument.load(readFileSync(path.join(FORMS_DIR, FILES[form])));
  doc.getForm().flatten();
  const address = new Map<string, string>();
  let party = 0;
  template.pages.forEach((page, i) => {
    const boxes = template.fields.flatMap((f) => f.widgets.filter((w) => w.page === i + 1).map((w) => ({ name: f.name, path: f.path, rect: w.rect })));
    for (const group of addressGroups(boxes, (rect) => ruledCell(page.rules ?? { h: [], v: [] }, [0, 0, page.width, page.height], rect))) {
      const parts = ADDRESSES[party++ % ADDRESSES.length]!;
      for (const [part, name] of Object.entries(group.parts)) if (parts[part as AddressPart]) address.set(name, parts[part as AddressPart]);
    }
  });
  const values: FormValue[] = [];
  for (const [n, field] of template.fields.filter((f) => f.path && f.valueType).entries()) {
    const typed = address.get(field.name) ?? typedRawValue(field.valueType!, n + 1).raw;
    const raw = field.kind === 'checkbox' ? '1' : typed;
    const value = normalizeValue(field.valueType!, raw, { path: field.path!, label: field.name }).value;
    if (value !== null) values.push({ field, path: field.path!, value, raw });
  }
  const write = await agencyValueWriter(doc, template, values);
  const byName = new Map(values.map((v) => [v.field.name, v.raw]));
  const pages = doc.getPages();
  for (const field of template.fields) for (const w of field.widgets) if (w.rect[2] > 0) write(pages[w.page - 1]!, field, w.rect, byName.get(field.name));
  return { bytes: await doc.save(), expected: values.map((v) => ({ path: v.path, value: v.value, raw: v.raw })) };
}
