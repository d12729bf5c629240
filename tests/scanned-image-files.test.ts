import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { getAtPath } from '../src/model/model-path.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { encodeGrayImage } from '../src/read/raster/encode-gray-image.js';
import { scannedPageImage } from '../src/read/raster/scanned-page-image.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';

/** Scanned pages sent as image files, one page a file and out of order: each must say which page it is. */
const SCAN = path.resolve(import.meta.dirname, '../samples/contractor-co-scan300/acord-126.scan300.pdf');
const pool = new OcrPool();
afterAll(() => pool.close());

describe('a scanned page as a PNG or JPEG file', () => {
  for (const [page, format] of [[3, 'png'], [2, 'jpeg']] as const) {
    it(`page ${page} of a 126 (${format}) is identified by its printed footer and page number and read`, async () => {
      const bytes = new Uint8Array(readFileSync(SCAN));
      const expected = ExpectedFile.parse(JSON.parse(readFileSync(`${SCAN}.expected.json`, 'utf8')));
      if (expected.kind !== 'pdf') throw new Error('expected a PDF sample');
      const doc = await openPdf(bytes, 'scan.pdf');
      const image = await scannedPageImage(bytes, doc, page);
      await doc.destroy();

      const file = new Uint8Array(encodeGrayImage(image, format));
      const { document, parts, warnings } = await extractDocument(file, `page-${page}.${format}`, { ocr: () => pool });
      expect(warnings).toEqual([]);
      expect(document).toMatchObject({ kind: 'image', pageCount: 1, forms: [{ form: '126', edition: '2016/09', pages: [1], identifiedBy: 'footer-ocr' }] });

      const onPage = expected.forms[0]!.fields.filter((f) => f.page === page);
      expect(onPage.length).toBeGreaterThan(10);
      const right = onPage.filter((f) => {
        const leaf = getAtPath(parts[0], f.path) as { value: unknown; source: { page: number; method: string } } | undefined;
        return leaf && JSON.stringify(leaf.value) === JSON.stringify(f.value) && leaf.source.page === 1 && leaf.source.method === 'ocr';
      });
      expect(right.length / onPage.length).toBeGreaterThanOrEqual(0.9);
    });
  }
});
