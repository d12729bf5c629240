import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';

/** Bounding box [left, top, right, bottom] (inclusive pixels) of the pixels darker than `level`, or null for a blank crop. */
export function inkBounds(image: GrayImage, level = DARK): [number, number, number, number] | null {
  const { width, height, data } = image;
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! >= level) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return right < 0 ? null : [left, top, right, bottom];
}
