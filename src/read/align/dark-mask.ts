import type { GrayImage } from '../raster/gray-image.js';

/**
 * A page shrunk by `factor` in both directions, 1 where the block holds ink. A block takes its darkest
 * pixel, so a hairline rule half a point wide survives shrinking whatever the scan's blur. What counts
 * as ink is judged against the paper around it: scans have gray paper, uneven light and faded toner.
 */
export type DarkMask = {
  width: number;
  height: number;
  factor: number;
  data: Uint8Array;
};

/**
 * How much darker than the paper around it ink is, in gray levels: a blurred, faded hairline keeps
 * about this much; scanner noise and JPEG ringing seldom reach it.
 */
export const INK_DEPTH = 40;
/** The paper level is read per tile of this many mask pixels (about 11 pt at the working resolution). */
const TILE = 16;
/** A tile's paper is this percentile of its blocks: even dense text leaves a tenth of a tile bare. */
const PAPER_PERCENTILE = 0.9;

/** Per tile, the level under which a block is ink, smoothed over neighbouring tiles. */
function tileThresholds(mins: Uint8Array, width: number, height: number) {
  const tw = Math.ceil(width / TILE);
  const th = Math.ceil(height / TILE);
  const paper = new Float32Array(tw * th);
  const histogram = new Uint32Array(256);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      histogram.fill(0);
      let n = 0;
      for (let y = ty * TILE; y < Math.min(height, (ty + 1) * TILE); y++) {
        for (let x = tx * TILE; x < Math.min(width, (tx + 1) * TILE); x++, n++) histogram[mins[y * width + x]!]!++;
      }
      let seen = 0;
      let g = 255;
      for (; g > 0; g--) {
        seen += histogram[g]!;
        if (seen >= n * (1 - PAPER_PERCENTILE)) break;
      }
      paper[ty * tw + tx] = g;
    }
  }
  const below = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      let sum = 0;
      let n = 0;
      for (let y = Math.max(0, ty - 1); y <= Math.min(th - 1, ty + 1); y++) {
        for (let x = Math.max(0, tx - 1); x <= Math.min(tw - 1, tx + 1); x++, n++) sum += paper[y * tw + x]!;
      }
      below[ty * tw + tx] = sum / n - INK_DEPTH;
    }
  }
  return { below, tw };
}

/** `stride` > 1 reads every stride-th pixel of every stride-th row: cheaper, and still meets any line `stride` pixels thick. */
export function darkMask(image: GrayImage, factor: number, stride = 1): DarkMask {
  const { width, height, data } = image;
  const mw = Math.ceil(width / factor);
  const mh = Math.ceil(height / factor);
  const mins = new Uint8Array(mw * mh).fill(255);
  const blockOf = new Uint32Array(width);
  for (let x = 0; x < width; x++) blockOf[x] = (x / factor) | 0;
  for (let y = 0; y < height; y += stride) {
    const row = y * width;
    const out = ((y / factor) | 0) * mw;
    for (let x = 0; x < width; x += stride) {
      const g = data[row + x]!;
      const i = out + blockOf[x]!;
      if (g < mins[i]!) mins[i] = g;
    }
  }
  const { below, tw } = tileThresholds(mins, mw, mh);
  const mask = new Uint8Array(mw * mh);
  for (let y = 0; y < mh; y++) {
    const tileRow = ((y / TILE) | 0) * tw;
    for (let x = 0; x < mw; x++) mask[y * mw + x] = mins[y * mw + x]! < below[tileRow + ((x / TILE) | 0)]! ? 1 : 0;
  }
  return { width: mw, height: mh, factor, data: mask };
}
