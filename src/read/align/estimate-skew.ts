import type { DarkMask } from './dark-mask.js';

/** Scans of a form placed by hand sit within a few degrees of upright; search a little wider. */
const MAX_DEG = 4;
const COARSE_STEP = 0.25;
const FINE_STEP = 0.025;

/**
 * Sharpness of the row profile when ink is projected along lines tilted by `tan`: rules and text
 * lines pile into few rows at the page's true tilt. Each pixel splits between the two nearest rows,
 * so the score is smooth in the angle.
 */
function profileScore(xs: Int32Array, ys: Int32Array, stride: number, tan: number, rows: Float64Array, offset: number): number {
  rows.fill(0);
  for (let i = 0; i < xs.length; i += stride) {
    const p = ys[i]! - xs[i]! * tan + offset;
    const r = Math.floor(p);
    const frac = p - r;
    rows[r] = rows[r]! + 1 - frac;
    rows[r + 1] = rows[r + 1]! + frac;
  }
  let score = 0;
  for (let r = 0; r < rows.length; r++) score += rows[r]! * rows[r]!;
  return score;
}

/**
 * The page's tilt in degrees: a horizontal rule of the form runs at this angle in the image (y down,
 * so positive is clockwise as seen). Projection-profile variance, coarse then fine.
 */
export function estimateSkew(mask: DarkMask): number {
  const { width, height, data } = mask;
  let count = 0;
  for (let i = 0; i < data.length; i++) count += data[i]!;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  for (let y = 0, n = 0; y < height; y++) for (let x = 0; x < width; x++) if (data[y * width + x]) (xs[n] = x), (ys[n++] = y);
  if (count === 0) return 0;

  const reach = Math.ceil(width * Math.tan((MAX_DEG * Math.PI) / 180)) + 2;
  const rows = new Float64Array(height + 2 * reach + 2);
  const score = (deg: number, stride: number) => profileScore(xs, ys, stride, Math.tan((deg * Math.PI) / 180), rows, reach);

  // The coarse search needs only a sample of the ink: a quarter of it is still tens of thousands of pixels.
  let coarse = 0;
  let coarseScore = -1;
  for (let deg = -MAX_DEG; deg <= MAX_DEG + 1e-9; deg += COARSE_STEP) {
    const s = score(deg, 4);
    if (s > coarseScore) (coarseScore = s), (coarse = deg);
  }
  let best = coarse;
  let bestScore = -1;
  const scores: number[] = [];
  // The best coarse angle is within half a coarse step of the truth; look a little beyond.
  const steps = Math.ceil((0.6 * COARSE_STEP) / FINE_STEP);
  for (let k = -steps; k <= steps; k++) {
    const s = score(coarse + k * FINE_STEP, 1);
    scores.push(s);
    if (s > bestScore) (bestScore = s), (best = coarse + k * FINE_STEP);
  }
  // Parabola through the best fine step and its neighbours.
  const k = Math.round((best - coarse) / FINE_STEP) + steps;
  if (k > 0 && k < scores.length - 1) {
    const [l, m, r] = [scores[k - 1]!, scores[k]!, scores[k + 1]!];
    const denom = l - 2 * m + r;
    if (denom < 0) best += (FINE_STEP * 0.5 * (l - r)) / denom;
  }
  return best;
}
