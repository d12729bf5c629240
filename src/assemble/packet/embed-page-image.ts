import type { PDFDocument, PDFPage } from 'pdf-lib';
import { atMostDpi } from '../../read/raster/at-most-dpi.js';
import { encodeGrayImage } from '../../read/raster/encode-gray-image.js';
import type { GrayImage } from '../../read/raster/gray-image.js';

/** Pages shown as images are kept at screen-and-print resolution: a 300 dpi scan would make the packet 4× heavier. */
export const PAGE_IMAGE_DPI = 150;

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
