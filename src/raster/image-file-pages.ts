import { ImageReadError } from '../errors.js';
import { decodeImage } from './decode-image.js';
import { decodeTiff } from './decode-tiff.js';
import type { GrayImage } from './gray-image.js';
import { sniffImageType } from './sniff-image-type.js';

/**
 * The pages of a scan sent as an image file — JPEG, PNG or (multi-page) TIFF, told apart by their
 * first bytes — as gray images with their dpi (from the file, or inferred assuming US Letter).
 */
export async function imageFilePages(bytes: Uint8Array, fileName: string): Promise<GrayImage[]> {
  const type = sniffImageType(bytes);
  if (type === 'tiff') return decodeTiff(bytes, fileName);
  if (type) return [await decodeImage(bytes, fileName, type)];
  throw new ImageReadError(fileName, 'unsupported', 'this is not a JPEG, PNG or TIFF image: send the scan as PDF, TIFF, JPEG or PNG');
}
