import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, Image } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rect } from '../schemas/field.js';
import type { Submission } from '../schemas/submission.js';
import { loadLimits } from '../src/config/limits.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { encodeGrayImage } from '../src/read/raster/encode-gray-image.js';
import { pixelBox } from '../src/read/raster/original-page-rasters.js';
import { applyTransform } from '../src/read/raster/page-transform.js';
import { scannedPageImage } from '../src/read/raster/scanned-page-image.js';
import { PageImageCache } from '../src/review/page-image-cache.js';
import { HIGHLIGHT_RGB, MASK_RGB } from '../src/review/page-image-drawing.js';
import { PageImageError, type PageImageProblem } from '../src/review/page-image-error.js';
import { renderStoredPage, type PageRenderer } from '../src/review/page-image-render.js';
import { PageImages } from '../src/review/page-images.js';
import { taxIdMasks } from '../src/review/tax-id-masks.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';
import { ContentStore } from '../src/store/content-store.js';

const sample = (rel: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../samples', rel)));
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/images');
const DPI = 110;

type Rgba = { width: number; height: number; data: Uint8ClampedArray };
async function decodePng(png: Uint8Array): Promise<Rgba> {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = new Image();
  image.src = Buffer.from(png);
  await image.decode();
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}
const rgbAt = ({ width, data }: Rgba, x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
/** Every pixel of [x0, y0, x1, y1) (whole pixels inside the box). */
const pixelsIn = (image: Rgba, [x0, y0, x1, y1]: number[]) => {
  const out: number[][] = [];
  for (let y = Math.ceil(y0!); y < Math.floor(y1!); y++) for (let x = Math.ceil(x0!); x < Math.floor(x1!); x++) out.push(rgbAt(image, x, y));
  return out;
};
const isInk = ([r, g, b]: number[]) => r === g && g === b && r! < 128;

/** A renderer that counts what it draws: the cache's test. */
function countingRenderer(): { render: PageRenderer; calls: string[] } {
  const calls: string[] = [];
  return { calls, render: (original, page, options) => (calls.push(`${original.sha256.slice(0, 8)}:${page}`), renderStoredPage(original, page, options)) };
}

async function expectProblem(promise: Promise<unknown>, problem: PageImageProblem, message: RegExp): Promise<PageImageError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PageImageError);
  expect((err as PageImageError).problem).toBe(problem);
  expect((err as PageImageError).message).toMatch(message);
  return err as PageImageError;
}

/** A template rect as the bounding box, in the scanned page's points, of where the scan shows it (the sample's true transform). */
function scannedRect([x, y, w, h]: Rect, t: { a: number; b: number; c: number; d: number; e: number; f: number }, dpi: number, pageHeightPt: number): Rect {
  const corners = [applyTransform(t, x, y), applyTransform(t, x + w, y), applyTransform(t, x, y + h), applyTransform(t, x + w, y + h)];
  const xs = corners.map(([px]) => (px * 72) / dpi);
  const ys = corners.map(([, py]) => pageHeightPt - (py * 72) / dpi);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}

let store: ContentStore;
const sha: Record<string, string> = {};
let fillable: Submission;

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'page-images-'));
  store = new ContentStore(path.join(root, 'store'));
  const files: Record<string, Uint8Array> = {
    fillable: sample('contractor-co/acord-125.pdf'),
    flat: sample('contractor-co-flat/acord-125.flat.pdf'),
    scan: sample('contractor-co-scan300/acord-125.scan300.pdf'),
    scan140: sample('office-ny-scan300/acord-140-1.scan300.pdf'),
    xml: sample('contractor-co/submission.xml'),
    tiff: new Uint8Array(readFileSync(path.join(FIXTURES, 'scan-g4-2pages.tif'))),
  };
  // A scanned page sent as a PNG file: page 1 of the scan, at its 300 dpi.
  const doc = await openPdf(files.scan!, 'scan.pdf');
  files.png = new Uint8Array(encodeGrayImage(await scannedPageImage(files.scan!, doc, 1), 'png'));
  await doc.destroy();
  for (const [name, bytes] of Object.entries(files)) sha[name] = (await store.put(bytes)).sha256;
  fillable = (await extractSubmission([{ fileName: 'acord-125.pdf', bytes: files.fillable! }])).submission;
}, 120_000);

const newCacheDir = () => mkdtemp(path.join(tmpdir(), 'page-cache-'));

describe('PageImages: a page of a stored original', () => {
  it('draws page 1 of a fillable, a flat and a scanned form as a PNG of the page, big enough to read 8-point text', async () => {
    const images = new PageImages({ store, cacheDir: await newCacheDir() });
    for (const name of ['fillable', 'flat', 'scan', 'scan140']) {
      const { png, widthPt, heightPt } = await images.page(sha[name]!, 1, []);
      expect([widthPt, heightPt]).toEqual([612, 792]);
      const image = await decodePng(png);
      expect(image.width).toBe(Math.round((612 * DPI) / 72));
      expect(image.width / image.height).toBeCloseTo(612 / 792, 2);
      // A form page: printed rules and text on white paper.
      const pixels = pixelsIn(image, [0, 0, image.width, image.height]);
      const ink = pixels.filter(isInk).length / pixels.length;
      expect(ink).toBeGreaterThan(0.005);
      expect(ink).toBeLessThan(0.5);
    }
  });

  it("covers the FEIN box the extraction read (fillable) solid, and leaves the rest of the page as drawn", async () => {
    const images = new PageImages({ store, cacheDir: await newCacheDir() });
    const mask = taxIdMasks(fillable, sha.fillable!, 1);
    expect(mask).toHaveLength(1);
    const [plain, masked] = await Promise.all([images.page(sha.fillable!, 1, []), images.page(sha.fillable!, 1, mask)]);
    const [before, after] = await Promise.all([decodePng(plain.png), decodePng(masked.png)]);
    const k = DPI / 72;
    const box = pixelBox([k, 0, 0, -k, 0, before.height], mask[0]!);
    // The digits were there; now every pixel of the box is the mask colour.
    expect(pixelsIn(before, box).filter(isInk).length).toBeGreaterThan(20);
    const inside = pixelsIn(after, box);
    expect(inside.length).toBeGreaterThan(500);
    expect(inside.every((p) => p.join() === MASK_RGB.join())).toBe(true);
    // Away from the box nothing changed: the insured's name box is as drawn.
    const name = pixelBox([k, 0, 0, -k, 0, before.height], fillable.namedInsureds![0]!.fullName!.source.rect!);
    expect(pixelsIn(after, name)).toEqual(pixelsIn(before, name));
  });

  it('covers the FEIN on a scan where the scan put it (turned, shrunk and shifted)', async () => {
    const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../samples/contractor-co-scan300/acord-125.scan300.pdf.expected.json'), 'utf8')));
    if (expected.kind !== 'pdf' || !expected.scan) throw new Error('expected a scanned PDF sample');
    const fein = expected.forms[0]!.fields.find((f) => f.path.endsWith('taxIdentifier'))!;
    const rect = scannedRect(fein.rect!, expected.scan.pages[fein.page! - 1]!.transform, expected.scan.dpi, 792);
    const images = new PageImages({ store, cacheDir: await newCacheDir() });
    const [before, after] = await Promise.all([decodePng((await images.page(sha.scan!, 1, [])).png), decodePng((await images.page(sha.scan!, 1, [rect])).png)]);
    const k = DPI / 72;
    const box = pixelBox([k, 0, 0, -k, 0, before.height], rect);
    const dark = (p: number[]) => p[0]! < 128;
    expect(pixelsIn(before, box).filter(dark).length).toBeGreaterThan(20);
    expect(pixelsIn(after, box).every((p) => p.join() === MASK_RGB.join())).toBe(true);
  });

  it('crops around a box with the box outlined, masks applied, smaller than the page', async () => {
    const images = new PageImages({ store, cacheDir: await newCacheDir() });
    const name = fillable.namedInsureds![0]!.fullName!.source.rect!;
    const mask = taxIdMasks(fillable, sha.fillable!, 1);
    const crop = await decodePng(await images.crop(sha.fillable!, 1, name, mask));
    const page = await decodePng((await images.page(sha.fillable!, 1, mask)).png);
    expect(crop.width).toBeLessThan(page.width);
    expect(crop.height).toBeLessThan(page.height / 4);
    // The box with 90 pt of context left and right, 30 pt above and below (clamped to the page).
    const k = DPI / 72;
    expect(crop.height).toBeCloseTo((name[3] + 60) * k, -1);
    // The outline: the highlight colour all around the box, just outside it.
    const [x0, y0, x1, y1] = pixelBox([k, 0, 0, -k, 0, page.height], name);
    const left = Math.max(0, Math.floor(x0 - 90 * k));
    const top = Math.floor(y0 - 30 * k);
    const mid = { x: Math.round((x0 + x1) / 2) - left, y: Math.round((y0 + y1) / 2) - top };
    for (const [x, y] of [
      [mid.x, Math.floor(y0) - top - 2],
      [mid.x, Math.ceil(y1) - top + 2],
      [Math.floor(x0) - left - 2, mid.y],
      [Math.ceil(x1) - left + 2, mid.y],
    ])
      expect(rgbAt(crop, x!, y!)).toEqual([...HIGHLIGHT_RGB]);
    // Inside the outline: the page as drawn (the insured's name is ink, not the highlight).
    expect(pixelsIn(crop, [x0 - left + 1, y0 - top + 1, x1 - left - 1, y1 - top - 1]).filter(isInk).length).toBeGreaterThan(20);

    // A crop of the FEIN itself shows the mask, not the digits.
    const fein = await decodePng(await images.crop(sha.fillable!, 1, mask[0]!, mask));
    const feinBox = pixelBox([k, 0, 0, -k, 0, page.height], mask[0]!);
    const feinLeft = Math.floor(feinBox[0] - 90 * k);
    const feinTop = Math.floor(feinBox[1] - 30 * k);
    const inside = pixelsIn(fein, [feinBox[0] - feinLeft, feinBox[1] - feinTop, feinBox[2] - feinLeft, feinBox[3] - feinTop]);
    expect(inside.every((p) => p.join() === MASK_RGB.join())).toBe(true);
  });

  it('draws a page once: a second request, another mask, a crop and a new instance on the same folder read the cache', async () => {
    const cacheDir = await newCacheDir();
    const { render, calls } = countingRenderer();
    const images = new PageImages({ store, cacheDir, render });
    // Requests at the same moment wait for one drawing.
    const first = await Promise.all([1, 2, 3].map(() => images.page(sha.flat!, 2, [])));
    expect(calls).toEqual([`${sha.flat!.slice(0, 8)}:2`]);
    expect(first.every((p) => Buffer.from(p.png).equals(Buffer.from(first[0]!.png)))).toBe(true);

    const cache = new PageImageCache(cacheDir);
    const mask: Rect[] = [[100, 500, 80, 14]];
    for (const kind of ['page', 'geometry'] as const) expect(existsSync(cache.pathOf(sha.flat!, 2, DPI, { kind }))).toBe(true);
    const masked = await images.page(sha.flat!, 2, mask);
    await images.crop(sha.flat!, 2, [200, 400, 120, 14], mask);
    expect(existsSync(cache.pathOf(sha.flat!, 2, DPI, { kind: 'masked', mask }))).toBe(true);
    expect(existsSync(cache.pathOf(sha.flat!, 2, DPI, { kind: 'crop', mask, rect: [200, 400, 120, 14] }))).toBe(true);
    expect(calls).toHaveLength(1);

    const again = new PageImages({ store, cacheDir, render });
    const second = await again.page(sha.flat!, 2, mask);
    expect(Buffer.from(second.png).equals(Buffer.from(masked.png))).toBe(true);
    expect([second.widthPt, second.heightPt]).toEqual([612, 792]);
    expect(calls).toHaveLength(1);
    // Nothing half-written is left behind.
    expect((await readdir(cacheDir, { recursive: true })).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('draws a page of an image file: a scan sent as PNG, the second page of a TIFF', async () => {
    const images = new PageImages({ store, cacheDir: await newCacheDir() });
    const png = await images.page(sha.png!, 1, []);
    expect(png.widthPt).toBeCloseTo(612, 0);
    expect(png.heightPt).toBeCloseTo(792, 0);
    expect((await decodePng(png.png)).width).toBe(Math.round((612 * DPI) / 72));
    const tiff = await images.page(sha.tiff!, 2, []);
    const image = await decodePng(tiff.png);
    expect(image.width / image.height).toBeCloseTo(tiff.widthPt / tiff.heightPt, 2);
    await expectProblem(images.page(sha.tiff!, 3, []), 'not-found', /2 page\(s\); there is no page 3/);
  });

  it('refuses with a sentence: ACORD XML, a page past the end, an unknown id, a box off the page, a page over the limits', async () => {
    const images = new PageImages({ store, cacheDir: await newCacheDir() });
    await expectProblem(images.page(sha.xml!, 1, []), 'no-page-image', /no pages to show \(ACORD XML/);
    const past = await expectProblem(images.page(sha.fillable!, 9, []), 'not-found', /4 page\(s\); there is no page 9/);
    expect(past.page).toBe(9);
    await expectProblem(images.page('0'.repeat(64), 1, []), 'not-found', /no original of this id is stored/);
    await expectProblem(images.page('../../etc/passwd', 1, []), 'not-found', /not a stored original/);
    await expectProblem(images.page(sha.fillable!, 0, []), 'not-found', /pages count from 1/);
    await expectProblem(images.crop(sha.fillable!, 1, [2000, 2000, 50, 10], []), 'no-page-image', /lies off the page \(612 × 792 pt\)/);

    const small = new PageImages({ store, cacheDir: await newCacheDir(), limits: loadLimits({ pixelsPerPage: 500_000, pixelsPerImage: 500_000 }, {}) });
    const big = await expectProblem(small.page(sha.scan140!, 1, []), 'too-large', /page 1 is 935 × 1210 pixels at 110 dpi/);
    expect(big.message).toMatch(/^original [0-9a-f]{12} \(page 1\): /);
    await expectProblem(small.page(sha.png!, 1, []), 'too-large', /images over 0\.5 MP are refused/);

    // A drawing stopped by its time limit is worth another try.
    const bytes = await store.read(sha.fillable!);
    const stopped = await expectProblem(renderStoredPage({ sha256: sha.fillable!, bytes }, 1, { dpi: DPI, limits: loadLimits({}, {}), signal: AbortSignal.abort() }), 'timeout', /took too long; try again/);
    expect(stopped.retryable).toBe(true);
  });
});
