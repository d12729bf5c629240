import type { GrayImage } from '../raster/gray-image.js';
import { DARK } from './ink-pixels.js';

/**
 * The ink width over the ink height of the glyph OCR placed between `x0` and `x1` (image pixels), or
 * undefined when its ink cannot be told from its neighbours'. The glyph is the run of inked columns
 * (no blank column inside) that overlaps the symbol's span most, searched within half-way to the
 * neighbouring symbols (`left`, `right`): LSTM symbol boxes are approximate, the blank columns
 * between glyphs are not.
 */
export function glyphAspect(image: GrayImage, x0: number, x1: number, left: number, right: number): number | undefined {
  const { width, height, data } = image;
  const from = Math.max(0, Math.floor(left));
  const to = Math.min(width - 1, Math.ceil(right));
  const inked = (x: number) => {
    for (let y = 0; y < height; y++) if (data[y * width + x]! < DARK) return true;
    return false;
  };
  let best: [number, number] | undefined;
  let bestOverlap = 0;
  for (let x = from; x <= to; x++) {
    if (!inked(x)) continue;
    const start = x;
    while (x + 1 <= to && inked(x + 1)) x++;
    const overlap = Math.min(x, x1) - Math.max(start, x0) + 1;
    if (overlap > bestOverlap) [best, bestOverlap] = [[start, x], overlap];
  }
  // A run that reaches the search window's edge may go on into a touching neighbour: not measurable.
  if (!best || (best[0] === from && from > 0) || (best[1] === to && to < width - 1)) return undefined;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = best[0]; x <= best[1]; x++) {
      if (data[y * width + x]! >= DARK) continue;
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      break;
    }
  }
  return (best[1] - best[0] + 1) / (bottom - top + 1);
}
