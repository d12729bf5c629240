import type { GrayImage } from './gray-image.js';
import { resampleThrough } from './warp.js';

/** A gray image at no more than `dpi` pixels per inch (never enlarged). */
export function atMostDpi(image: GrayImage, dpi: number): GrayImage {
  if (image.dpi <= dpi) return image;
  const k = image.dpi / dpi;
  const width = Math.max(1, Math.round(image.width / k));
  const height = Math.max(1, Math.round(image.height / k));
  return resampleThrough(image, { a: image.width / width, b: 0, c: 0, d: image.height / height, e: 0, f: 0 }, width, height, dpi);
}
