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
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { listLeaves } from '../src/model/list-leaves.js';

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

describe('a page that lines up only partly with its template', () => {
  it('is read, but none of its values counts as sure, and the warning says why', async () => {
    const bytes = new Uint8Array(readFileSync(SCAN));
    const doc = await openPdf(bytes, 'scan.pdf');
    const image = await scannedPageImage(bytes, doc, 3);
    await doc.destroy();
    // A band across the middle of the page left white (a fold, a sheet laid over it): 59 % of the
    // page's printed rules are still found, where a clean scan has 98 % or more.
    image.data.fill(255, Math.round(0.3 * image.height) * image.width, Math.round(0.75 * image.height) * image.width);
    const { parts, warnings } = await extractDocument(new Uint8Array(encodeGrayImage(image, 'png')), 'folded.png', { ocr: () => pool });
    expect(warnings).toEqual([expect.stringMatching(/^folded\.png: page 1 lines up only partly with ACORD 126 \(2016\/09\) page 3 \(59 % of its printed lines found\); its values go to review$/)]);
    const leaves = listLeaves(parts[0]).filter(({ leaf }) => leaf.source.method === 'ocr');
    expect(leaves.length).toBeGreaterThan(5);
    for (const { path, leaf } of leaves) expect(leaf.confidence, path).toBeLessThan(REVIEW_THRESHOLD);
  });
});
