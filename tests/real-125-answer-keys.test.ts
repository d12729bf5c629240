import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { findTemplate } from '../src/read/templates/template-registry.js';
import { hasRealCorpus, readRealCorpus, realCorpusPath } from './support/real-corpus.js';

/**
 * Two ACORD 125 (2016/03r1) filled by another project's author, with that author's answer keys
 * (field name → value). Their key writes `true`/`false` for check boxes and is wrong about the hidden
 * edition box; everything else is compared as typed. Rows are compacted in the model (a form's fourth
 * attachment row, alone, is the first entry), so a value is found by the field it was read from and its
 * path checked with row numbers set aside.
 */
const withoutRows = (path: string) => path.replace(/\[\d+\]/g, '[]');
const FILES = ['ms-acord125-2016-03r1-filled-054c953d', 'ms-acord125-2016-03r1-filled-086f9a3c'];

describe.skipIf(!hasRealCorpus)('real filled ACORD 125s against their answer keys', () => {
  for (const name of FILES) {
    it(`${name}: every keyed value is read at its model path, as typed`, async () => {
      const key = JSON.parse(readFileSync(realCorpusPath(`answer-keys/${name}.json`), 'utf8')) as Record<string, string | boolean | null>;
      const template = findTemplate('125', '2016/03')!;
      const { document, parts, warnings } = await extractDocument(readRealCorpus(`pdf/${name}.pdf`), `${name}.pdf`);
      expect(document.forms).toMatchObject([{ form: '125', edition: '2016/03', pages: [1, 2, 3, 4] }]);
      expect(warnings).toEqual([]);
      const byField = new Map(listLeaves(parts[0]).map(({ path, leaf }) => [leaf.source.field, { path, leaf }]));

      const wrong: string[] = [];
      let compared = 0;
      for (const [fieldName, expected] of Object.entries(key)) {
        const field = template.byName.get(fieldName);
        if (!field?.path || expected === null || expected === '' || expected === false) continue;
        compared++;
        const found = byField.get(fieldName);
        // The key writes `true` both for a ticked box and for a text box holding "Y".
        const ok =
          found !== undefined &&
          withoutRows(found.path) === withoutRows(field.path) &&
          (expected === true ? found.leaf.value === true || found.leaf.raw === 'Y' : found.leaf.raw === String(expected));
        if (!ok) wrong.push(`${fieldName} → ${field.path}: expected ${JSON.stringify(expected)}, read ${JSON.stringify(found?.leaf.raw)} at ${found?.path}`);
      }
      expect(compared).toBeGreaterThan(300);
      expect(wrong).toEqual([]);
    });
  }
});
