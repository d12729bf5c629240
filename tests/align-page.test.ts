import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignPage } from '../src/read/align/align-page.js';
import { openPdf, type PDFDocumentProxy } from '../src/read/pdf/open-pdf.js';
import { createGrayImage, grayFromRgba, type GrayImage } from '../src/read/raster/gray-image.js';
import { applyTransform, uprightTransform } from '../src/read/raster/page-transform.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';
import { cropThroughTransform } from '../src/read/raster/crop-through-transform.js';
import { composeTransforms, similarity, warpImage } from '../src/read/raster/warp.js';
import { findTemplate } from '../src/read/templates/template-registry.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';
import { realFormInputs } from '../bench/real-form-inputs.js';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/** Renders of the real blank forms, scanned badly on purpose, must align to their templates. */
const FORMS = [
  { file: 'acord-125.pdf', form: '125', edition: '2016/03' },
  { file: 'acord-126.pdf', form: '126', edition: '2016/09' },
  { file: 'acord-140.pdf', form: '140', edition: '2016/03' },
  { file: 'acord-140-2014-12-encrypted-xfa.pdf', form: '140', edition: '2014/12' },
] as const;

/** Seeded, so a failure names a case that fails again. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  return { next, between: (lo: number, hi: number) => lo + (hi - lo) * next(), gauss: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()) };
}

/** Sensor noise, a 3×3 blur (focus, toner spread), then a JPEG round trip at quality 60. */
async function degrade(image: GrayImage, rng: ReturnType<typeof random>): Promise<GrayImage> {
  const { width: w, height: h } = image;
  const noisy = image.data.map((g) => Math.max(0, Math.min(255, Math.round(g + 12 * rng.gauss()))));
  const canvas = createCanvas(w, h);
  const context = canvas.getContext('2d');
  const rgba = context.createImageData(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = Math.max(0, y - 1); dy <= Math.min(h - 1, y + 1); dy++) {
        for (let dx = Math.max(0, x - 1); dx <= Math.min(w - 1, x + 1); dx++, n++) sum += noisy[dy * w + dx]!;
      }
      const i = 4 * (y * w + x);
      rgba.data[i] = rgba.data[i + 1] = rgba.data[i + 2] = sum / n;
      rgba.data[i + 3] = 255;
    }
  }
  context.putImageData(rgba, 0, 0);
  const decoded = await loadImage(canvas.toBuffer('image/jpeg', 60));
  context.drawImage(decoded, 0, 0);
  return grayFromRgba(context.getImageData(0, 0, w, h).data, w, h, image.dpi);
}

describe('cropThroughTransform', () => {
  // A 72-dpi page 40×30 pt, so a point is a pixel, shaded linearly: bilinear sampling reproduces it exactly.
  const page = createGrayImage(40, 30, 72);
  for (let y = 0; y < 30; y++) for (let x = 0; x < 40; x++) page.data[y * 40 + x] = x * 4 + y * 3;
  const pixel = (image: GrayImage, x: number, y: number) => image.data[y * image.width + x]!;

  it('cuts a template rectangle out of an upright page pixel for pixel', () => {
    // Points (5, 10)–(17, 18) from the bottom left are rows 12..19, columns 5..16 of the image.
    const crop = cropThroughTransform(page, uprightTransform(30, 72), [5, 10, 12, 8], 1);
    expect([crop.width, crop.height, crop.dpi]).toEqual([12, 8, 72]);
    for (let v = 0; v < 8; v++) for (let u = 0; u < 12; u++) expect(pixel(crop, u, v)).toBe(pixel(page, 5 + u, 12 + v));
  });

  it('undoes rotation and scale of the page it samples, and can sample finer', () => {
    const turned = similarity(20, 15, 2, 3, 40, 30);
    const big = warpImage(page, turned, 120, 90, 216);
    // Cropping the turned, enlarged page through its transform gives back the upright pixels.
    const crop = cropThroughTransform(big, composeTransforms(turned, uprightTransform(30, 72)), [5, 10, 12, 8], 1);
    for (let v = 1; v < 7; v++) for (let u = 1; u < 11; u++) expect(Math.abs(pixel(crop, u, v) - pixel(page, 5 + u, 12 + v))).toBeLessThanOrEqual(2);
    expect(cropThroughTransform(big, composeTransforms(turned, uprightTransform(30, 72)), [5, 10, 12, 8], 3).width).toBe(36);
  });
});

describe.skipIf(!hasSharedForms)('alignPage on distorted renders of the real forms', () => {
  const docs = new Map<string, PDFDocumentProxy>();
  beforeAll(async () => {
    for (const { file } of FORMS) docs.set(file, await openPdf(readSharedForm(file), file));
  });
  afterAll(async () => {
    for (const doc of docs.values()) await doc.destroy();
  });

  for (const { file, form, edition } of FORMS) {
    for (const dpi of [200, 300]) {
      it(`ACORD ${form} (${edition}) at ${dpi} dpi: every widget corner lands within 2 px of where the distortion put it`, async () => {
        const template = findTemplate(form, edition)!;
        const rng = random(dpi * 1000 + Number(form) + template.pages.length);
        for (const [i, page] of template.pages.entries()) {
          const upright = await renderPdfPage(docs.get(file)!, i + 1, dpi);
          const angleDeg = rng.between(-3, 3);
          const distortion = similarity(upright.width / 2, upright.height / 2, angleDeg, rng.between(0.97, 1.03), rng.between(-40, 40), rng.between(-40, 40));
          const scan = await degrade(warpImage(upright, distortion), rng);
          const truth = composeTransforms(distortion, uprightTransform(page.height, dpi));

          const { transform, quality, angleDeg: found } = alignPage(scan, page);
          const where = `page ${i + 1}, turned ${angleDeg.toFixed(2)}°`;
          expect(quality, where).toBeGreaterThan(0.9);
          expect(Math.abs(found - angleDeg), where).toBeLessThan(0.05);
          let worst = 0;
          for (const field of template.fields) {
            for (const w of field.widgets.filter((w) => w.page === i + 1)) {
              const [x, y, width, height] = w.rect;
              for (const [cx, cy] of [[x, y], [x + width, y], [x, y + height], [x + width, y + height]] as const) {
                const [ex, ey] = applyTransform(truth, cx, cy);
                const [ax, ay] = applyTransform(transform, cx, cy);
                worst = Math.max(worst, Math.hypot(ax - ex, ay - ey));
              }
            }
          }
          expect(worst, where).toBeLessThan(2);
        }
      }, 180_000); // renders and aligns every page of a real form at 300 dpi: minutes on a loaded machine
    }
  }

  it('a blank page and a page of another form score low', async () => {
    const acord125 = findTemplate('125', '2016/03')!;
    const acord126 = findTemplate('126', '2016/09')!;
    expect(alignPage(createGrayImage(1700, 2200, 200), acord125.pages[0]!).quality).toBe(0);
    const speckled = createGrayImage(1700, 2200, 200);
    const rng = random(7);
    for (let k = 0; k < speckled.data.length; k++) speckled.data[k] = Math.max(0, Math.min(255, Math.round(235 + 20 * rng.gauss())));
    expect(alignPage(speckled, acord125.pages[0]!).quality).toBeLessThan(0.15);

    const page126 = await renderPdfPage(docs.get('acord-126.pdf')!, 1, 200);
    const page140 = await renderPdfPage(docs.get('acord-140.pdf')!, 1, 200);
    expect(alignPage(page126, acord126.pages[0]!).quality).toBeGreaterThan(0.95);
    expect(alignPage(page126, acord125.pages[0]!).quality).toBeLessThan(0.5);
    expect(alignPage(page140, acord126.pages[0]!).quality).toBeLessThan(0.5);
  });
});

describe.skipIf(!hasSharedForms)("alignPage when the vote's favourite placement is one block off", () => {
  // The filled real 126's question page, scanned, its JPEG drawn without Skia's smoothing filter: the
  // rule vote then put the template one question block (~340 px) too high, and that placement still
  // scored 0.39, over the 0.35 a page needs to be read: every answer came from its neighbour, some at
  // 0.98. The aligner now fits the next placements the vote offers until one fits well.
  it('fits the placements the vote ranks next and keeps the one whose rules are printed', async () => {
    const inputs = await realFormInputs('126', [300], { values: 'broker', seed: 'heldout' });
    const pdf = await PDFDocument.load(inputs.scans.get(300)!);
    const page = pdf.getPage(1);
    const xObjects = page.node.Resources()!.lookup(PDFName.of('XObject')) as import('pdf-lib').PDFDict;
    const jpeg = xObjects.values().map((ref) => pdf.context.lookup(ref)).find((o): o is PDFRawStream => o instanceof PDFRawStream)!;
    const image = await loadImage(Buffer.from(jpeg.contents));
    const template = findTemplate('126', '2016/09')!;
    const aligned = (smoothing: boolean) => {
      const canvas = createCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.imageSmoothingEnabled = smoothing;
      if (smoothing) context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0);
      return alignPage(grayFromRgba(context.getImageData(0, 0, image.width, image.height).data, image.width, image.height, 300), template.pages[1]!);
    };
    const sharp = aligned(false);
    const smoothed = aligned(true);
    expect(sharp.quality).toBeGreaterThan(0.9);
    expect(smoothed.quality).toBeGreaterThan(0.9);
    // Every widget corner where the smoothed page's alignment puts it: not a block away.
    for (const w of template.fields.flatMap((f) => f.widgets.filter((w) => w.page === 2))) {
      const [x, y] = w.rect;
      const [sx, sy] = applyTransform(sharp.transform, x, y);
      const [ex, ey] = applyTransform(smoothed.transform, x, y);
      expect(Math.hypot(sx - ex, sy - ey)).toBeLessThan(2);
    }
  }, 120_000);
});
