import type { GrayImage } from '../raster/gray-image.js';
import { applyTransform, type PageTransform } from '../raster/page-transform.js';
import { invertTransform } from '../raster/warp.js';
import { INK_DEPTH } from './dark-mask.js';
import type { PageRules } from './read-page-rules.js';

/** Where a rule crosses one column (horizontal rule) or row (vertical rule) of the image. */
type Hit = { x: number; y: number; known: number };

/** Sample a rule every STEP points, keeping clear of its ends, where other rules meet it. */
const STEP_PT = 6;
const END_PT = 2.5;
/** The most a refinement may change the page's area by (the coarse placement is within a few %). */
const MAX_AREA_CHANGE = 0.15;
/** Thicker ink than this across a rule is text or a crossing rule, not the rule. */
const MAX_THICK_PT = 2.5;

/**
 * Centre of the ink that crosses a line of `count` pixels starting at `start` and stepping by
 * `stride` (a column or a row through the image), nearest `expected` (an offset along that line),
 * or null when that ink runs off the window (a crossing rule, a text block) or is too thick. Ink is
 * judged against the paper of this window: scans fade and light falls unevenly.
 */
function inkCentre(data: Uint8Array, start: number, stride: number, count: number, expected: number, maxThick: number): number | null {
  const values = new Uint8Array(count);
  for (let i = 0; i < count; i++) values[i] = data[start + i * stride]!;
  const paper = values.slice().sort()[Math.floor(count * 0.75)]!;
  // A run spans the ink down to half its depth (a blurred line's full width); it counts when it is deep enough.
  const edge = paper - INK_DEPTH / 2;
  let bestCentre: number | null = null;
  let bestDistance = Infinity;
  let runStart = -1;
  let darkest = 255;
  for (let i = 0; i <= count; i++) {
    const g = i < count ? values[i]! : 255;
    if (g < edge) {
      if (runStart < 0) (runStart = i), (darkest = g);
      darkest = Math.min(darkest, g);
      continue;
    }
    if (runStart < 0) continue;
    const centre = (runStart + i) / 2;
    const distance = Math.abs(centre - expected);
    if (darkest <= paper - INK_DEPTH && distance < bestDistance) {
      bestDistance = distance;
      bestCentre = runStart === 0 || i === count || i - runStart > maxThick ? null : weightedCentre(values, runStart, i, paper);
    }
    runStart = -1;
  }
  return bestCentre;
}

/** Darkness-weighted centre of a run of ink, one pixel of its soft edge included on each side. */
function weightedCentre(values: Uint8Array, from: number, to: number, paper: number): number {
  let sum = 0;
  let weight = 0;
  for (let i = Math.max(0, from - 1); i < Math.min(values.length, to + 1); i++) {
    const w = Math.max(0, paper - values[i]!);
    sum += (i + 0.5) * w;
    weight += w;
  }
  return sum / weight;
}

/** Samples every rule through `transform`: the image points where each is actually printed. */
function sampleRules(image: GrayImage, transform: PageTransform, rules: PageRules, windowPt: number): { h: Hit[]; v: Hit[] } {
  const { width, height, data } = image;
  const pxPerPt = Math.sqrt(Math.abs(transform.a * transform.d - transform.b * transform.c));
  const half = Math.max(2, Math.round(windowPt * pxPerPt));
  const maxThick = MAX_THICK_PT * pxPerPt + 2;
  const alongRule = (from: number, to: number) => {
    const first = from + END_PT;
    const span = to - END_PT - first;
    const n = Math.max(1, Math.floor(span / STEP_PT) + 1);
    return Array.from({ length: n }, (_, k) => (n === 1 ? (from + to) / 2 : first + (span * k) / (n - 1)));
  };
  const h: Hit[] = [];
  for (const [y, x0, x1] of rules.h) {
    for (const x of alongRule(x0, x1)) {
      const [px, py] = applyTransform(transform, x, y);
      const col = Math.floor(px);
      const top = Math.round(py) - half;
      if (col < 0 || col >= width || top < 0 || top + 2 * half >= height) continue;
      const c = inkCentre(data, top * width + col, width, 2 * half, py - top, maxThick);
      if (c !== null) h.push({ x: col + 0.5, y: top + c, known: y });
    }
  }
  const v: Hit[] = [];
  for (const [x, y0, y1] of rules.v) {
    for (const y of alongRule(y0, y1)) {
      const [px, py] = applyTransform(transform, x, y);
      const row = Math.floor(py);
      const left = Math.round(px) - half;
      if (row < 0 || row >= height || left < 0 || left + 2 * half >= width) continue;
      const c = inkCentre(data, row * width + left, 1, 2 * half, px - left, maxThick);
      if (c !== null) v.push({ x: left + c, y: row + 0.5, known: x });
    }
  }
  return { h, v };
}

/**
 * known ≈ p·x + q·y + r by least squares, refitted without the worst outliers (ink of a label or a
 * tick mark caught beside the rule); null when the hits cannot pin all three.
 */
function fitPlane(hits: Hit[]): [number, number, number] | null {
  let use = hits;
  let plane: [number, number, number] | null = null;
  for (let round = 0; round < 4; round++) {
    if (use.length < 6) return plane;
    let [mx, my, mk] = [0, 0, 0];
    for (const h of use) (mx += h.x), (my += h.y), (mk += h.known);
    [mx, my, mk] = [mx / use.length, my / use.length, mk / use.length];
    let [sxx, sxy, syy, sxk, syk] = [0, 0, 0, 0, 0];
    for (const h of use) {
      const [dx, dy, dk] = [h.x - mx, h.y - my, h.known - mk];
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
      sxk += dx * dk;
      syk += dy * dk;
    }
    const det = sxx * syy - sxy * sxy;
    // Hits all on one line (one rule, or rules in a row) leave the plane's tilt unknown.
    if (det <= 1e-6 * sxx * syy || sxx === 0 || syy === 0) return plane;
    const p = (sxk * syy - syk * sxy) / det;
    const q = (syk * sxx - sxk * sxy) / det;
    plane = [p, q, mk - p * mx - q * my];
    const residuals = use.map((h) => Math.abs(plane![0] * h.x + plane![1] * h.y + plane![2] - h.known));
    const sorted = [...residuals].sort((a, b) => a - b);
    const limit = Math.max(0.15, 3 * 1.4826 * sorted[Math.floor(sorted.length / 2)]!);
    const kept = use.filter((_, i) => residuals[i]! <= limit);
    if (kept.length === use.length) break;
    use = kept;
  }
  return plane;
}

/**
 * Refines `transform` (template points → image pixels) so the template's rules fall on the ink
 * found within `windowPt` of where it puts them: horizontal rules fix the image→template y, vertical
 * rules the x, each a plane through the hits, so rotation, shear and per-axis scale all come out.
 * An axis with too few hits keeps the transform it was given.
 */
export function fitToRules(image: GrayImage, transform: PageTransform, rules: PageRules, windowPt: number): PageTransform {
  const sampled = sampleRules(image, transform, rules, windowPt);
  const inverse = invertTransform(transform);
  const yPlane = fitPlane(sampled.h);
  const xPlane = fitPlane(sampled.v);
  const fitted = {
    a: xPlane?.[0] ?? inverse.a,
    c: xPlane?.[1] ?? inverse.c,
    e: xPlane?.[2] ?? inverse.e,
    b: yPlane?.[0] ?? inverse.b,
    d: yPlane?.[1] ?? inverse.d,
    f: yPlane?.[2] ?? inverse.f,
  };
  // Hits on the wrong ink (another page, a blank) can fit anything: a fit that flips, collapses or
  // rescales the page is no refinement of the transform it started from.
  const ratio = (fitted.a * fitted.d - fitted.b * fitted.c) / (inverse.a * inverse.d - inverse.b * inverse.c);
  if (!Number.isFinite(ratio) || Math.abs(ratio - 1) > MAX_AREA_CHANGE) return transform;
  return invertTransform(fitted);
}
