import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS, loadLimits, LIMITS_ENV, type LimitOverrides } from '../src/config/limits.js';
import { AcordPrepError } from '../src/errors.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { parseSafeXml } from '../src/read/extract/safe-xml.js';
import type { Ocr } from '../src/read/ocr/ocr-engine.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { openImageFile } from '../src/read/raster/image-file-pages.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/images');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
// The same CommonJS module object decode-tiff.ts loads: spying on it sees every page decode.
const UTIF = createRequire(import.meta.url)('utif2') as typeof import('utif2');

const limits = (overrides: LimitOverrides) => loadLimits(overrides, {});
/** No test here gets as far as OCR: a pool asked for is a check that came too late. */
const noOcr = () => {
  throw new Error('OCR was started: the limit should have refused the file first');
};
const extract = (bytes: Uint8Array, name: string, overrides: LimitOverrides) =>
  extractDocument(bytes, name, { limits: limits(overrides), ocr: noOcr as () => Ocr }).then(
    () => expect.unreachable('the file was read'),
    (err: unknown) => err as AcordPrepError,
  );

afterEach(() => vi.restoreAllMocks());

describe('loadLimits', () => {
  it('gives the defaults, then the JSON in ACORD_PREP_LIMITS, then the overrides', () => {
    expect(loadLimits({}, {})).toEqual(DEFAULT_LIMITS);
    const env = { [LIMITS_ENV]: '{"pagesPerDocument": 50, "xmlElements": 1000}' };
    expect(loadLimits({}, env)).toMatchObject({ pagesPerDocument: 50, xmlElements: 1000, pixelsPerPage: DEFAULT_LIMITS.pixelsPerPage });
    expect(loadLimits({ pagesPerDocument: 7 }, env)).toMatchObject({ pagesPerDocument: 7, xmlElements: 1000 });
  });

  it('refuses unknown keys, bad values and bad JSON, naming them', () => {
    expect(() => loadLimits({ pagesPerDocument: 0 }, {})).toThrow(/pagesPerDocument/);
    expect(() => loadLimits({ pages: 5 } as LimitOverrides, {})).toThrow(/invalid limits.*pages/);
    expect(() => loadLimits({}, { [LIMITS_ENV]: '{pages' })).toThrow(/ACORD_PREP_LIMITS is not JSON/);
    expect(() => loadLimits({}, { [LIMITS_ENV]: '[1]' })).toThrow(/must be a JSON object/);
  });
});

describe('image pages are checked before they are decoded', () => {
  it('a 2-page TIFF over a page limit of 1 is refused before any page is decoded', async () => {
    const decode = vi.spyOn(UTIF, 'decodeImage');
    const err = await extract(fixture('scan-g4-2pages.tif'), 'scan.tif', { pagesPerDocument: 1 });
    expect(err.code).toBe('image-too-large');
    expect(err.message).toBe("scan.tif: the TIFF has 2 pages; documents over 1 pages are refused: split the file and send the submission's forms on their own (file read as TIFF image)");
    expect(decode).not.toHaveBeenCalled();
  });

  it('TIFF pages are decoded one at a time, when asked for', async () => {
    const decode = vi.spyOn(UTIF, 'decodeImage');
    const file = openImageFile(fixture('scan-g4-2pages.tif'), 'scan.tif', limits({ pagesPerDocument: 2 }));
    expect(file.pageCount).toBe(2);
    expect(file.pageSize(2)).toEqual({ width: 612, height: 792 });
    expect(decode).not.toHaveBeenCalled();
    expect(await file.page(2)).toMatchObject({ width: 1700, height: 2200, dpi: 200 });
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('an image over the per-image pixel limit is refused with what to do', async () => {
    const err = await extract(fixture('gray-deflate-100dpi.tif'), 'gray.tif', { pixelsPerImage: 500_000 });
    expect(err.code).toBe('image-too-large');
    expect(err.page).toBe(1);
    expect(err.message).toBe('gray.tif (page 1): the image is 850 × 1100 pixels (0.9 MP); images over 0.5 MP are refused: rescan at 300 dpi (file read as TIFF image)');
  });

  it('a PNG over the per-image pixel limit is refused from its header', async () => {
    const png = new Uint8Array(createCanvas(1000, 800).encodeSync('png'));
    const err = await extract(png, 'photo.png', { pixelsPerImage: 700_000 });
    expect(err.code).toBe('image-too-large');
    expect(err.message).toBe('photo.png: the image is 1000 × 800 pixels (0.8 MP); images over 0.7 MP are refused: rescan at 300 dpi (file read as PNG image)');
  });

  it('a TIFF with non-square pixels is checked at its size once squared', async () => {
    const fax = fixture('fax-g3-204x98.tif'); // 1728 × 1078 stored, 1728 × 2244 once rows are stretched to 204 dpi
    const err = await extract(fax, 'fax.tif', { pixelsPerPage: 3_000_000 });
    expect(err.code).toBe('image-too-large');
    expect(err.message).toBe(
      'fax.tif (page 1): the page is 1728 × 2244 pixels (3.9 MP) once its 1728 × 1078 pixels at 204 × 98 dpi are made square; pages over 3 MP are refused: rescan at 300 dpi (file read as TIFF image)',
    );
    const file = openImageFile(fax, 'fax.tif', limits({ pixelsPerPage: 4_000_000 }));
    expect(await file.page(1)).toMatchObject({ width: 1728, height: 2244 });
  });

  it('a page whose OCR never answers is stopped at the deadline, inside the page', async () => {
    // A hung recognition: before the deadline was a timer, the document waited for it (between pages only).
    const hung: Ocr = { recognize: () => new Promise(() => undefined) };
    const err = await extractDocument(fixture('scan-g4-2pages.tif'), 'scan.tif', { limits: limits({ msPerDocument: 300 }), ocr: () => hung }).then(
      () => expect.unreachable('the file was read'),
      (e: unknown) => e as AcordPrepError,
    );
    expect(err.code).toBe('deadline-exceeded');
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(
      'scan.tif (page 1): reading took longer than the 0.3 s allowed per document; split the file, or raise msPerDocument in ACORD_PREP_LIMITS if such files are expected (file read as TIFF image)',
    );
  });

  it('a page render stops when its signal aborts', async () => {
    const bytes = new Uint8Array(readFileSync(path.resolve(FIXTURES, '../../../samples/office-ny-flat/acord-140-1.flat.pdf')));
    const doc = await openPdf(bytes, 'flat.pdf');
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('stopped')), 5);
    await expect(renderPdfPage(doc, 1, 600, stop.signal)).rejects.toThrow('stopped');
    // The document is still usable: the render let go of the page.
    expect((await renderPdfPage(doc, 1, 36)).width).toBe(306);
    await doc.destroy();
  });
});

describe('PDF pages painting huge images', () => {
  async function pdfWithImage(width: number, height: number): Promise<Uint8Array> {
    const pdf = await PDFDocument.create();
    const image = await pdf.embedPng(createCanvas(width, height).encodeSync('png'));
    pdf.addPage([612, 792]).drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
    return pdf.save();
  }

  it('a page painting an image over the per-image limit is refused before it is decoded', async () => {
    const err = await extract(await pdfWithImage(1000, 1000), 'huge.pdf', { pixelsPerImage: 100_000 });
    expect(err.code).toBe('pdf-too-large');
    expect(err.message).toBe('huge.pdf: page 1 paints an image of 1000 × 1000 pixels (1 MP); images over 0.1 MP are refused: rescan at 300 dpi (file read as PDF)');
  });

  it('pdfjs is opened with maxImageSize: it skips the image instead of decoding it', async () => {
    const black = await PDFDocument.create();
    const canvas = createCanvas(300, 300);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 300, 300);
    const image = await black.embedJpg(canvas.encodeSync('jpeg'));
    black.addPage([72, 72]).drawImage(image, { x: 0, y: 0, width: 72, height: 72 });
    const blackBytes = await black.save();
    const mean = (img: { data: Uint8Array }) => img.data.reduce((a, b) => a + b, 0) / img.data.length;
    const painted = await renderPdfPage(await openPdf(blackBytes, 'black.pdf'), 1, 72);
    const skipped = await renderPdfPage(await openPdf(blackBytes, 'black.pdf', limits({ pixelsPerImage: 50_000 })), 1, 72);
    expect(mean(painted)).toBeLessThan(10);
    expect(mean(skipped)).toBeGreaterThan(245);
  });
});

describe('XML is bounded before it is parsed', () => {
  const xml = (elements: number) => new TextEncoder().encode(`<ACORD>${'<a/>'.repeat(elements - 1)}</ACORD>`);

  it('XML over the element-count limit is refused', async () => {
    const err = await extract(xml(11), 'many.xml', { xmlElements: 10 });
    expect(err.code).toBe('xml-too-large');
    expect(err.message).toBe('many.xml: has more than 10 elements; XML files with more are refused: split the file (one policy request per file) (file read as XML (UTF-8))');
    expect(parseSafeXml(xml(10), 'ten.xml', limits({ xmlElements: 10 })).children).toHaveLength(9);
  });

  it('XML over the byte limit and the depth limit is refused', async () => {
    const bytes = await extract(xml(300), 'big.xml', { xmlBytes: 1024 });
    expect(bytes.code).toBe('xml-too-large');
    expect(bytes.message).toBe('big.xml: is 1.2 KB; XML files over 1 KB are refused: split the file (one policy request per file) (file read as XML (UTF-8))');
    const deep = new TextEncoder().encode(`<ACORD>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</ACORD>`);
    const depth = await extract(deep, 'deep.xml', { xmlDepth: 10 });
    expect(depth.code).toBe('xml-too-large');
    expect(depth.message).toBe('deep.xml: nests elements deeper than 10 levels; ACORD XML never does: send the ACORD request on its own, not wrapped (file read as XML (UTF-8))');
  });
});
