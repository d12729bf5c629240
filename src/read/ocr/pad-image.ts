import { createGrayImage, type GrayImage } from '../raster/gray-image.js';

/** The image inside a white border of `px` pixels: tesseract segments text touching the edge poorly. */
export function padImage(image: GrayImage, px: number): GrayImage {
  const p = Math.max(0, Math.round(px));
  const out = createGrayImage(image.width + 2 * p, image.height + 2 * p, image.dpi);
  for (let y = 0; y < image.height; y++) out.data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (y + p) * out.width + p);
  return out;
}
