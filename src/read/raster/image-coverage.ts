import { applyMatrix } from '../geometry/matrix.js';
import type { ImagePlacement } from './page-content.js';

/** From this share of the page under images on, a page is a scan (a logo or a photo is not). */
export const SCAN_COVERAGE = 0.5;

/** Summed area of each image's bounding box clipped to the page (overlaps counted twice), capped at 1. */
export function imageCoverage(images: readonly ImagePlacement[], view: readonly number[]): number {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const pageArea = (x1 - x0) * (y1 - y0);
  let covered = 0;
  for (const { matrix } of images) {
    const corners = [applyMatrix(matrix, 0, 0), applyMatrix(matrix, 1, 0), applyMatrix(matrix, 0, 1), applyMatrix(matrix, 1, 1)];
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    const w = Math.min(x1, Math.max(...xs)) - Math.max(x0, Math.min(...xs));
    const h = Math.min(y1, Math.max(...ys)) - Math.max(y0, Math.min(...ys));
    if (w > 0 && h > 0) covered += w * h;
  }
  return pageArea > 0 ? Math.min(1, covered / pageArea) : 0;
}
