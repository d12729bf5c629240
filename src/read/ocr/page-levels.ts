import type { GrayImage } from '../raster/gray-image.js';

/** Share of the page darker than the black point: ink is a few per cent of a form page. */
const BLACK_SHARE = 0.01;
/** A black point lighter than this means a page with almost no ink: it is not stretched up to it. */
const MAX_BLACK = 96;

/**
 * A lookup table stretching a page's grey levels so its ink reaches black and its paper white: a
 * soft or faded scan (strokes at 120–150 grey on 245 paper, measured on the 200 dpi samples) then
 * meets the same thresholds as a crisp render, for which the table is the identity. Black point:
 * the darkest 1 % of pixels (at most MAX_BLACK); white point: the median, which is paper.
 */
export function pageLevels(image: GrayImage): Uint8Array {
  const histogram = new Uint32Array(256);
  // Every 7th pixel is plenty for a histogram and keeps this ~1 ms a page.
  for (let i = 0; i < image.data.length; i += 7) histogram[image.data[i]!]!++;
  const total = histogram.reduce((a, b) => a + b, 0);
  const level = (share: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += histogram[v]!;
      if (seen >= share * total) return v;
    }
    return 255;
  };
  const black = Math.min(level(BLACK_SHARE), MAX_BLACK);
  const white = level(0.5);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = white - black < 64 ? v : Math.max(0, Math.min(255, Math.round(((v - black) * 255) / (white - black))));
  return lut;
}

/** The image with `lut` applied to every pixel, in place. */
export function applyLevels(image: GrayImage, lut: Uint8Array): GrayImage {
  for (let i = 0; i < image.data.length; i++) image.data[i] = lut[image.data[i]!]!;
  return image;
}
