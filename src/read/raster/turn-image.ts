import type { GrayImage } from './gray-image.js';

/** The image turned clockwise by `degrees`: a sideways or upside-down scan stood upright. */
export function turnImage(image: GrayImage, degrees: 90 | 180 | 270): GrayImage {
  const { width: w, height: h, data } = image;
  const out = new Uint8Array(data.length);
  if (degrees === 180) {
    for (let i = 0, j = data.length - 1; i < data.length; i++, j--) out[j] = data[i]!;
    return { ...image, data: out };
  }
  // Turned a quarter, the output is h wide: stored pixel (x, y) lands at (h-1-y, x) clockwise, (y, w-1-x) the other way.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    if (degrees === 90) for (let x = 0; x < w; x++) out[x * h + (h - 1 - y)] = data[row + x]!;
    else for (let x = 0; x < w; x++) out[(w - 1 - x) * h + y] = data[row + x]!;
  }
  return { ...image, width: h, height: w, data: out };
}
