import type { GrayImage } from '../raster/gray-image.js';
import { applyTransform, type PageTransform } from '../raster/page-transform.js';
import { INK_DEPTH } from './dark-mask.js';
import type { PageRules } from './read-page-rules.js';

/** Look every STEP points along a rule, comparing it with the paper SIDE points to either side. */
const STEP_PT = 3;
const SIDE_PT = 1.5;

/**
 * For each template rule (horizontal first, then vertical), whether `transform` puts it on a printed
 * line: along the rule, the image must be darker on the line than beside it, in the median by half
 * the depth of ink. Medians shrug off crossing rules and labels; averaging sides against the line
 * keeps speckle from passing for a rule, and a different form's text from passing for one.
 */
export function rulesPresent(image: GrayImage, transform: PageTransform, rules: PageRules): boolean[] {
  const { width, height, data } = image;
  const gray = (x: number, y: number) => {
    const [px, py] = applyTransform(transform, x, y);
    const [i, j] = [Math.floor(px), Math.floor(py)];
    return i >= 0 && j >= 0 && i < width && j < height ? data[j * width + i]! : null;
  };
  const present = (along: (t: number, offset: number) => number | null, from: number, to: number) => {
    const contrasts: number[] = [];
    for (let t = from + STEP_PT / 2; t < to; t += STEP_PT) {
      const [line, before, after] = [along(t, 0), along(t, -SIDE_PT), along(t, SIDE_PT)];
      contrasts.push(line === null || before === null || after === null ? 0 : (before + after) / 2 - line);
    }
    contrasts.sort((a, b) => a - b);
    return contrasts.length > 0 && contrasts[Math.floor(contrasts.length / 2)]! >= INK_DEPTH / 2;
  };
  return [
    ...rules.h.map(([y, x0, x1]) => present((t, o) => gray(t, y + o), x0, x1)),
    ...rules.v.map(([x, y0, y1]) => present((t, o) => gray(x + o, t), y0, y1)),
  ];
}
