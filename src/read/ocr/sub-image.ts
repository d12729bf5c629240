import type { GrayImage } from '../raster/gray-image.js';

/** The pixels in [x0, y0, x1, y1) of an image, clamped to it, as an image of their own. */
export function subImage(image: GrayImage, [x0, y0, x1, y1]: [number, number, number, number]): GrayImage {
  const left = Math.max(0, Math.min(image.width, Math.round(x0)));
  const top = Math.max(0, Math.min(image.height, Math.round(y0)));
  const width = Math.max(0, Math.min(image.width, Math.round(x1)) - left);
  const height = Math.max(0, Math.min(image.height, Math.round(y1)) - top);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(image.data.subarray((top + y) * image.width + left, (top + y) * image.width + left + width), y * width);
  return { width, height, dpi: image.dpi, data };
}
