import type { GrayImage } from '../raster/gray-image.js';

/** Grey below which a pixel is ink: what a pen, a printer or a crisp scan leaves. */
export const DARK = 128;
/**
 * Grey below which a pixel is faint ink: a pale pencil tick, a light or worn print, a scan too light.
 * The same level erase-rules traces printed lines down to, so a box it cleaned has no faint ink left
 * but what is not a line or a speck.
 */
export const FAINT_INK = 192;

/**
 * Pixels darker than `level` with at least two such 4-neighbours: ink strokes count, isolated scanner
 * speckles do not. Divided by the area it gives a box's ink share.
 */
export function inkPixels(image: GrayImage, level = DARK): number {
  const { width, height, data } = image;
  let count = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (data[i]! >= level) continue;
      const n = (x > 0 && data[i - 1]! < level ? 1 : 0) + (x < width - 1 && data[i + 1]! < level ? 1 : 0) + (y > 0 && data[i - width]! < level ? 1 : 0) + (y < height - 1 && data[i + width]! < level ? 1 : 0);
      if (n >= 2) count++;
    }
  }
  return count;
}
