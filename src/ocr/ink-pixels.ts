import type { GrayImage } from '../raster/gray-image.js';

const DARK = 128;

/**
 * Dark pixels with at least two dark 4-neighbours: ink strokes count, isolated scanner speckles do
 * not. Divided by the area it gives a box's ink share.
 */
export function inkPixels(image: GrayImage): number {
  const { width, height, data } = image;
  let count = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (data[i]! >= DARK) continue;
      const n = (x > 0 && data[i - 1]! < DARK ? 1 : 0) + (x < width - 1 && data[i + 1]! < DARK ? 1 : 0) + (y > 0 && data[i - width]! < DARK ? 1 : 0) + (y < height - 1 && data[i + width]! < DARK ? 1 : 0);
      if (n >= 2) count++;
    }
  }
  return count;
}
