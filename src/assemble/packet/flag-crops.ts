import type { Rect } from '../../../schemas/field.js';
import type { Flag } from '../../../schemas/flag.js';
import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { sniffFileKind } from '../../read/file-kinds/sniff-file-kind.js';
import { inkBounds } from '../../read/ocr/ink-bounds.js';
import { subImage } from '../../read/ocr/sub-image.js';
import { pdfLibDocument } from '../../read/pdf/pdf-lib-document.js';
import { encodeGrayImage } from '../../read/raster/encode-gray-image.js';
import type { GrayImage } from '../../read/raster/gray-image.js';
import { openOriginalPages, pixelBox, type OriginalPages, type PageRaster, type PixelBox } from '../../read/raster/original-page-rasters.js';
import { vectorCropper, type VectorCrop } from './vector-page-crops.js';

/** A PNG of the page around a flag's box, and the box inside it (pixels, origin top-left). */
export type RasterCrop = { kind: 'raster'; png: Uint8Array; width: number; height: number; dpi: number; box: [number, number, number, number] };
/** The page around a flag's box: the original's own content where it can be copied, else a PNG of it. */
export type FlagCrop = RasterCrop | VectorCrop;

/** Crops are rendered at this resolution: enough to read 8-point form text on screen and on paper. */
export const CROP_DPI = 110;
/** Context around the box, in points: the label to its left and the row above and below. */
const CONTEXT_X = 90;
const CONTEXT_Y = 30;

/**
 * The pixels shown around a box on a page image of `dpi` (the box and its context, clamped to the image,
 * on whole pixels); null when the box lies off the page (a rect from another page size).
 */
export function cropRegion([bx0, by0, bx1, by1]: PixelBox, { width, height, dpi }: { width: number; height: number; dpi: number }): PixelBox | null {
  const k = dpi / 72;
  const x0 = Math.max(0, Math.floor(bx0 - CONTEXT_X * k));
  const y0 = Math.max(0, Math.floor(by0 - CONTEXT_Y * k));
  const x1 = Math.min(width, Math.ceil(bx1 + CONTEXT_X * k));
  const y1 = Math.min(height, Math.ceil(by1 + CONTEXT_Y * k));
  return x1 - x0 < 4 || y1 - y0 < 4 ? null : [x0, y0, x1, y1];
}

const TAX_ID_PATH = /taxIdentifier$/;
/** The share of a tax id's ink covered, from the left: what is left shows about its last 4 digits ("87-279|6802"). */
const HIDDEN_SHARE = 0.6;

/**
 * The page crop of every flag that points at a box on a page of an original. A fillable page pdf-lib
 * reads is cropped as vector (vector-page-crops.ts), except around a tax id, whose digits must not
 * become page text. Any other page needed is rendered once (pdfjs for PDFs, encrypted copies included;
 * the decoded page for image files), all its crops are cut, and it is dropped before the next: memory
 * holds one page at a time. A flag whose page cannot be rendered simply has no crop (the flag page
 * says where to look).
 */
export async function flagCrops(flags: readonly Flag[], originals: ReadonlyMap<string, { fileName: string; bytes: Uint8Array }>, limits: Limits = DEFAULT_LIMITS): Promise<Map<string, FlagCrop>> {
  const byPage = new Map<string, Map<number, Flag[]>>();
  for (const flag of flags) {
    const s = flag.source;
    if (!s?.document || !s.page || !s.rect || !originals.has(s.document)) continue;
    const pages = byPage.get(s.document) ?? new Map<number, Flag[]>();
    pages.set(s.page, [...(pages.get(s.page) ?? []), flag]);
    byPage.set(s.document, pages);
  }
  const crops = new Map<string, FlagCrop>();
  for (const [document, pages] of byPage) {
    const original = originals.get(document)!;
    const pdf = sniffFileKind(original.bytes).kind === 'pdf' ? await pdfLibDocument(original.bytes) : null;
    const vector = pdf && vectorCropper(pdf);
    // Opened only for the first crop that has to be rendered.
    let open: Promise<OriginalPages | null> | undefined;
    try {
      for (const [page, pageFlags] of pages) {
        let rendered: Promise<PageRaster | null> | undefined;
        for (const flag of pageFlags) {
          const taxId = TAX_ID_PATH.test(flag.path);
          const drawn = vector && !taxId ? vector(page, flag.source!.rect!, { x: CONTEXT_X, y: CONTEXT_Y }) : null;
          if (drawn) {
            crops.set(flag.id, drawn);
            continue;
          }
          open ??= openOriginalPages(original, CROP_DPI, limits).catch(() => null);
          rendered ??= open.then((o) => o?.page(page)).then((r) => r ?? null, () => null);
          const image = await rendered;
          const crop = image && cropAround(image, flag.source!.rect!, taxId);
          if (crop) crops.set(flag.id, crop);
        }
      }
    } finally {
      await (await open)?.close();
    }
  }
  return crops;
}

/** Null when the box lies off the page (a rect from another page size). */
function cropAround({ image, toPixels }: PageRaster, rect: Rect, taxId: boolean): RasterCrop | null {
  const box = pixelBox(toPixels, rect);
  const region = cropRegion(box, image);
  if (!region) return null;
  const [bx0, by0, bx1, by1] = box;
  const [x0, y0] = region;
  const crop = subImage(image, region);
  if (taxId) hideAllButLastDigits(crop, [bx0 - x0, by0 - y0, bx1 - x0, by1 - y0]);
  return { kind: 'raster', png: encodeGrayImage(crop, 'png'), width: crop.width, height: crop.height, dpi: image.dpi, box: [bx0 - x0, by0 - y0, bx1 - bx0, by1 - by0] };
}

/**
 * Covers a FEIN or SSN in the crop but for its last digits, as the packet's text masks it: the ink
 * inside the box (inset past its border) is found, and its left part painted over.
 */
function hideAllButLastDigits(crop: GrayImage, [x0, y0, x1, y1]: [number, number, number, number]): void {
  const inset = 2;
  const left = Math.max(0, Math.round(x0) + inset);
  const top = Math.max(0, Math.round(y0) + inset);
  const ink = inkBounds(subImage(crop, [left, top, Math.round(x1) - inset, Math.round(y1) - inset]));
  const from = ink ? left + ink[0] : left;
  const to = ink ? Math.ceil(left + ink[0] + HIDDEN_SHARE * (ink[2] - ink[0] + 1)) : Math.round(x1);
  for (let y = top; y < Math.min(crop.height, Math.round(y1) - inset + 1); y++) crop.data.fill(90, y * crop.width + from, y * crop.width + Math.min(crop.width, to));
}
