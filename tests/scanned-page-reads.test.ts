import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uprightPage } from '../src/read/align/page-orientation.js';
import { footerOfScan, scannedPageReads } from '../src/read/extract/scanned-page-reads.js';
import type { Ocr } from '../src/read/ocr/ocr-engine.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { scannedPageImage } from '../src/read/raster/scanned-page-image.js';
import { loadTemplates } from '../src/read/templates/template-registry.js';

const SCAN = path.resolve(import.meta.dirname, '../samples/contractor-co-scan300/acord-125.scan300.pdf');

describe('scanned page reads', () => {
  const pool = new OcrPool();
  afterAll(() => pool.close());

  it("start with the footer's read and are not done again when extraction asks for them", async () => {
    const bytes = new Uint8Array(readFileSync(SCAN));
    const doc = await openPdf(bytes.slice(), 'acord-125.scan300.pdf');
    const decoded: number[] = [];
    let recognitions = 0;
    const ocr: Ocr = { recognize: (image, request) => (recognitions++, pool.recognize(image, request)) };
    const images = new Map<number, ReturnType<typeof uprightPage>>();
    const imageOf = (n: number) => {
      if (!images.has(n)) images.set(n, (decoded.push(n), scannedPageImage(bytes, doc, n).then((image) => uprightPage(image, ocr))));
      return images.get(n)!;
    };
    const reads = scannedPageReads(imageOf, () => ocr);

    await imageOf(2); // stood upright, its footer read on the way
    const footerCalls = recognitions;
    const footer = await footerOfScan(2, imageOf, () => ocr, reads);
    expect(footer).toMatchObject({ form: '125', edition: '2016/03', page: 2 });
    // The page's boxes are queued for OCR with no one asking yet.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recognitions).toBeGreaterThan(footerCalls + 10);
    const template = loadTemplates().find((t) => t.form === '125' && t.edition === '2016/03')!;
    const early = await reads.of(2, template, 2);
    expect(early.quality).toBeGreaterThan(0.9);
    expect(early.readings!.filter((r) => r.raw).length).toBeGreaterThan(10);
    const callsAfterReading = recognitions;
    // Extraction asks for the same page as the same template page: the reading begun with its footer.
    expect(await reads.of(2, template, 2)).toBe(early);
    expect(recognitions).toBe(callsAfterReading);
    expect(decoded).toEqual([2]);
    // Another template page (identification disagreed) is a reading of its own.
    const other = await reads.of(2, template, 3);
    expect(other).not.toBe(early);
    expect(other.quality).toBeLessThan(early.quality);
    await doc.destroy();
  });

  it('start nothing for a footer that names no page of a form read here', async () => {
    let asked = 0;
    const reads = scannedPageReads(async () => (asked++, Promise.reject(new Error('not to be decoded'))), () => pool);
    reads.foresee(1, null);
    reads.foresee(1, { form: '160', edition: '2016/03', text: 'ACORD 160 (2016/03)', page: 1 });
    reads.foresee(1, { form: '125', edition: '2016/03', text: 'ACORD 125 (2016/03)' });
    reads.foresee(1, { form: '125', edition: '2016/03', text: 'ACORD 125 (2016/03)', page: 9 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toBe(0);
  });
});
