import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/extract-document.js';
import { listLeaves } from '../src/model/list-leaves.js';

/** Every shipped sample input is read field by field and compared with its expected JSON. */
const SAMPLES = path.resolve(import.meta.dirname, '../samples');

type ExpectedField = { path: string; value: unknown; raw: string; page: number | null; rect: number[] | null; method: string; field: string };
type Expected =
  | { file: string; kind: 'pdf'; forms: { form: string; edition: string; pages: number[]; fields: ExpectedField[] }[] }
  | { file: string; kind: 'acord-xml'; request: string; fields: ExpectedField[] };

const round = (r: number[] | null) => r && r.map((v) => Math.round(v * 10) / 10);

function actualFields(part: unknown): ExpectedField[] {
  return listLeaves(part)
    .map(({ path: p, leaf }) => ({ path: p, value: leaf.value, raw: leaf.raw, page: leaf.source.page, rect: round(leaf.source.rect), method: leaf.source.method, field: leaf.source.field ?? '' }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

const cases = readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.expected.json'))
  .sort();

describe('shipped samples read back exactly as expected', () => {
  it('there are samples of every input kind', () => {
    expect(cases.some((c) => c.endsWith('.xml.expected.json'))).toBe(true);
    expect(cases.filter((c) => c.endsWith('.pdf.expected.json')).length).toBeGreaterThan(5);
  });

  for (const rel of cases) {
    it(rel.replace('.expected.json', ''), async () => {
      const expected = JSON.parse(readFileSync(path.join(SAMPLES, rel), 'utf8')) as Expected;
      const input = path.join(SAMPLES, rel.replace(/\.expected\.json$/, ''));
      const { document, parts, warnings } = await extractDocument(new Uint8Array(readFileSync(input)), expected.file);
      expect(warnings).toEqual([]);
      const forms = expected.kind === 'pdf' ? expected.forms : [{ fields: expected.fields }];
      if (expected.kind === 'pdf') {
        expect(document.forms.map((f) => [f.form, f.edition, f.pages])).toEqual(expected.forms.map((f) => [f.form, f.edition, f.pages]));
      }
      expect(parts).toHaveLength(forms.length);
      for (const [i, form] of forms.entries()) {
        const want = form.fields.map((f) => ({ ...f, rect: round(f.rect) })).sort((a, b) => a.path.localeCompare(b.path));
        expect(actualFields(parts[i])).toEqual(want);
      }
    });
  }
});
