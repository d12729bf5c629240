import type { PDFDocument, PDFPage } from 'pdf-lib';
import { encodeGrayImage } from '../raster/encode-gray-image.js';
import type { GrayImage } from '../raster/gray-image.js';
import { resampleThrough } from '../raster/warp.js';

/** Pages shown as images are kept at screen-and-print resolution: a 300 dpi scan would make the packet 4× heavier. */
export const PAGE_IMAGE_DPI = 150;

/** A gray image at no more than `dpi` pixels per inch (never enlarged). */
export function atMostDpi(image: GrayImage, dpi: number): GrayImage {
  if (image.dpi <= dpi) return image;
  const k = image.dpi / dpi;
  const width = Math.max(1, Math.round(image.width / k));
  const height = Math.max(1, Math.round(image.height / k));
  return resampleThrough(image, { a: image.width / width, b: 0, c: 0, d: image.height / height, e: 0, f: 0 }, width, height, dpi);
}

/**
 * Adds a page of `width` × `height` points to the packet showing the gray image edge to edge, as JPEG
 * (a page of a scan or a rendered encrypted form). Only the encoded bytes stay in memory.
 */
export async function addImagePage(packet: PDFDocument, image: GrayImage, width: number, height: number): Promise<PDFPage> {
  const jpeg = encodeGrayImage(atMostDpi(image, PAGE_IMAGE_DPI), 'jpeg', 80);
  const embedded = await packet.embedJpg(jpeg);
  const page = packet.addPage([width, height]);
  page.drawImage(embedded, { x: 0, y: 0, width, height });
  return page;
}
