import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { ImageReadError } from '../../errors.js';
import { decodeImage, imageHeaderSize } from './decode-image.js';
import { openTiff } from './decode-tiff.js';
import type { GrayImage } from './gray-image.js';
import { sniffImageType } from '../file-kinds/sniff-image-type.js';

/** The pages of an image file, counted before any is decoded; `page(n)` decodes page n (1-based) on demand. */
export type ImageFile = {
  readonly pageCount: number;
  /** Page n's size in points (1/72 in), from the file's header, nothing decoded. */
  pageSize(n: number): { width: number; height: number };
  page(n: number): Promise<GrayImage>;
};

/**
 * Opens a scan sent as an image file — JPEG, PNG or (multi-page) TIFF, told apart by their first
 * bytes — without decoding it: the page count is checked against the limits first, and each page's
 * size is checked (after squaring) before it is decoded.
 */
export function openImageFile(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): ImageFile {
  const type = sniffImageType(bytes);
  if (type === 'tiff') {
    const tiff = openTiff(bytes, fileName, limits);
    return { pageCount: tiff.pageCount, pageSize: (n) => tiff.pageSize(n), page: async (n) => tiff.decodePage(n) };
  }
  if (type) {
    const { width, height, density } = imageHeaderSize(bytes, fileName, type);
    const size = { width: (width * 72) / density.x, height: (height * 72) / density.y };
    return { pageCount: 1, pageSize: () => size, page: () => decodeImage(bytes, fileName, type, limits) };
  }
  throw new ImageReadError(fileName, 'unsupported', 'this is not a JPEG, PNG or TIFF image: send the scan as PDF, TIFF, JPEG or PNG');
}
