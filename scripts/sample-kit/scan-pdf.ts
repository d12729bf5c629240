import { encodeGrayImage } from '../../src/read/raster/encode-gray-image.js';
import type { Rect } from '../../schemas/field.js';
import { openPdf } from '../../src/read/pdf/open-pdf.js';
import { renderPdfPage } from '../../src/read/raster/render-pdf-page.js';
import { degradeImage, pickDegradation } from './degrade-scan.js';
import { newSampleDocument, saveSampleDocument } from './draw-form.js';
import type { ScanDegradation, ScanInfo } from './expected.js';
import { Rng } from './rng.js';

export type ScanSettings = {
  dpi: number;
  /** Seeds every random choice: the same seed gives the same bytes. */
  seed: string;
  /** Per page (0-based) the rects, in points, that must stay on the image (see pickDegradation). */
  keep: readonly (readonly Rect[])[];
  title: string;
};

export type ScannedPdf = { bytes: Uint8Array; scan: ScanInfo };

/** The JPEG quality of a scan, drawn per file. */
export const JPEG_QUALITY = [75, 85] as const;

/**
 * A scan of a PDF as an office scanner or fax server makes it: each page rendered at `dpi`, degraded
 * (pickDegradation, degradeImage), JPEG-encoded at one quality for the whole file (75–85) and placed
 * alone on a page of the original's size in points, filling it: image-only, no text layer.
 */
export async function scanPdf(pdf: Uint8Array, settings: ScanSettings): Promise<ScannedPdf> {
  const rng = new Rng(settings.seed);
  const jpegQuality = rng.int(...JPEG_QUALITY);
  const source = await openPdf(pdf, settings.title);
  const out = await newSampleDocument(settings.title);
  const pages: ScanDegradation[] = [];
  try {
    for (let p = 1; p <= source.numPages; p++) {
      const [x0, y0, x1, y1] = (await source.getPage(p)).view as [number, number, number, number];
      const size = { width: x1 - x0, height: y1 - y0 };
      const degradation = pickDegradation(rng, size, settings.dpi, settings.keep[p - 1] ?? []);
      const image = degradeImage(await renderPdfPage(source, p, settings.dpi), degradation, size, `${settings.seed}/page ${p}`);
      const jpeg = await out.embedJpg(encodeGrayImage(image, 'jpeg', jpegQuality));
      out.addPage([size.width, size.height]).drawImage(jpeg, { x: 0, y: 0, ...size });
      pages.push(degradation);
    }
  } finally {
    await source.destroy();
  }
  return { bytes: await saveSampleDocument(out), scan: { dpi: settings.dpi, jpegQuality, pages } };
}

