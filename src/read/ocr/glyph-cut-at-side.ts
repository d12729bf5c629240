import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';

/**
 * Whether the value's ink (`bounds`, in `image`: the box's crop with its printed lines erased but not
 * its specks) runs on, across a gap of at most `maxGap` pixels, into a mark that reaches the crop's side
 * and is at least half as tall as the value: a glyph the box's clip cut off. Its remnant is small enough
 * for the speck rule to erase, which would hide the clip: "262.25" overflowing an 18 pt box keeps a
 * sliver of its "6" at the left side and reads "2.25". A label's colon or a border's corner brought in
 * by misalignment is short, or lies farther from the value (fills start ~1.25 pt inside the box).
 */
export function glyphCutAtSide(image: GrayImage, [left, top, right, bottom]: readonly [number, number, number, number], maxGap: number): boolean {
  const { width, data } = image;
  const inked = (x: number) => {
    let n = 0;
    for (let y = top; y <= bottom; y++) if (data[y * width + x]! < DARK) n++;
    return n;
  };
  const reachesSide = (step: -1 | 1) => {
    let gap = 0;
    let tallest = 0;
    for (let x = (step < 0 ? left : right) + step; x >= 0 && x < width; x += step) {
      const n = inked(x);
      if (n === 0) {
        if (tallest > 0 || ++gap > maxGap) return false;
        continue;
      }
      tallest = Math.max(tallest, n);
      if (x === 0 || x === width - 1) return 2 * tallest >= bottom - top + 1;
    }
    return false;
  };
  return reachesSide(-1) || reachesSide(1);
}
