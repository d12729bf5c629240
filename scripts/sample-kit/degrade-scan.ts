import type { Rect } from '../../schemas/field.js';
import type { GrayImage } from '../../src/read/raster/gray-image.js';
import { applyTransform, uprightTransform, type PageTransform } from '../../src/read/raster/page-transform.js';
import { composeTransforms, similarity, warpImage } from '../../src/read/raster/warp.js';
import type { ScanDegradation } from './expected.js';
import { Rng } from './rng.js';

/**
 * The ranges a page's degradation is drawn from (uniformly): the sheet's turn, shrink and shift (a third
 * of an inch) on the scanner bed, the blur weight, the paper and ink tones (0 black, 255 white), the
 * noise's standard deviation on paper and on ink, the number of specks. The bench's method cites them.
 */
export const DEGRADATION = {
  angleDeg: [-3, 3],
  scale: [0.94, 1],
  shiftPt: [-24, 24],
  blur: [0.08, 0.22],
  paper: [236, 250],
  ink: [15, 45],
  paperNoise: [0.3, 1],
  inkNoise: [4, 12],
  specks: [20, 150],
} as const;
/** Every box holding a value, and the footer, stay this far inside the image. */
const KEEP_IN_PT = 3;

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const between = (rng: Rng, min: number, max: number) => min + (max - min) * rng.next();

/**
 * Draws one page's degradation from `rng`. The turn, shrink and shift are drawn from the full ranges
 * (±3°, 94–100 %, ±1/3 inch) but the shift is then held where every rect of `keep` (the boxes that
 * hold values, the footer) stays on the image, and the turn is lessened when no shift can do that:
 * a sample must still show everything its expected JSON lists. Printed rules may run off the edges.
 */
export function pickDegradation(rng: Rng, page: { width: number; height: number }, dpi: number, keep: readonly Rect[]): ScanDegradation {
  let angleDeg = between(rng, ...DEGRADATION.angleDeg);
  const scale = round(between(rng, ...DEGRADATION.scale), 3);
  const wanted = [between(rng, ...DEGRADATION.shiftPt), between(rng, ...DEGRADATION.shiftPt)];
  const corners = keep.flatMap(([x, y, w, h]) => [[x, y], [x + w, y], [x, y + h], [x + w, y + h]] as const);
  let shiftPt: [number, number] | null = null;
  while (!shiftPt) {
    angleDeg = round(angleDeg, 2);
    const placed = corners.map(([x, y]) => placeOnPage(page, angleDeg, scale, x, y));
    const room = [page.width, page.height].map((size, axis) => {
      const lo = KEEP_IN_PT - Math.min(...placed.map((p) => p[axis]!));
      const hi = size - KEEP_IN_PT - Math.max(...placed.map((p) => p[axis]!));
      return lo <= hi ? round(Math.min(hi, Math.max(lo, wanted[axis]!)), 1) : null;
    });
    if (room[0] != null && room[1] != null) shiftPt = [room[0], room[1]];
    else if (angleDeg === 0) throw new Error('the boxes to keep do not fit on the page even upright');
    else angleDeg *= 0.8;
  }
  const transform = composeTransforms(sheetOnBed(page, dpi, angleDeg, scale, shiftPt), uprightTransform(page.height, dpi));
  return {
    angleDeg,
    scale,
    shiftPt,
    blur: round(between(rng, ...DEGRADATION.blur), 3),
    paper: rng.int(...DEGRADATION.paper),
    ink: rng.int(...DEGRADATION.ink),
    paperNoise: round(between(rng, ...DEGRADATION.paperNoise), 2),
    inkNoise: round(between(rng, ...DEGRADATION.inkNoise), 2),
    specks: rng.int(...DEGRADATION.specks),
    transform: Object.fromEntries(Object.entries(transform).map(([k, v]) => [k, round(v, 6)])) as PageTransform,
  };
}

/** Where a template point lands, in points from the page's top-left, before any shift. */
function placeOnPage(page: { width: number; height: number }, angleDeg: number, scale: number, x: number, y: number): [number, number] {
  return applyTransform(sheetOnBed(page, 72, angleDeg, scale, [0, 0]), x, page.height - y);
}

/** Upright page pixels → degraded image pixels: turned and shrunk about the centre, then shifted. */
function sheetOnBed(page: { width: number; height: number }, dpi: number, angleDeg: number, scale: number, [dx, dy]: readonly number[]): PageTransform {
  const k = dpi / 72;
  return similarity((page.width * k) / 2, (page.height * k) / 2, angleDeg, scale, dx! * k, dy! * k);
}

/**
 * Applies a degradation to an upright render of the page: the sheet turned, shrunk and shifted
 * (paper where nothing of it lands), blurred, toned from pure black and white to `ink` and `paper`,
 * then noise and specks from `seed`. The same inputs give the same pixels.
 */
export function degradeImage(upright: GrayImage, d: ScanDegradation, page: { width: number; height: number }, seed: string): GrayImage {
  const moved = warpImage(upright, sheetOnBed(page, upright.dpi, d.angleDeg, d.scale, d.shiftPt));
  const blurred = blur3(moved, d.blur);
  const rng = new Rng(seed);
  const { width, height } = moved;
  const out = new Uint8Array(width * height);
  const span = (d.paper - d.ink) / 255;
  for (let i = 0; i < out.length; i++) {
    const v = blurred[i]!;
    // Sum of three uniforms: near enough to gaussian, standard deviation 1.
    const gauss = (rng.next() + rng.next() + rng.next() - 1.5) * 2;
    const sd = d.paperNoise + d.inkNoise * (1 - v / 255);
    out[i] = clamp(d.ink + span * v + sd * gauss);
  }
  for (let s = 0; s < d.specks; s++) {
    const cx = rng.int(0, width - 1);
    const cy = rng.int(0, height - 1);
    const r = between(rng, 0.5, 1.5);
    const level = rng.int(d.ink, 120);
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(width - 1, Math.ceil(cx + r)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) out[y * width + x] = Math.min(out[y * width + x]!, level);
      }
    }
  }
  return { width, height, dpi: upright.dpi, data: out };
}

const clamp = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/** Separable [b, 1 − 2b, b] blur across and down; edges keep their own value for the missing neighbour. */
function blur3(image: GrayImage, b: number): Float32Array {
  const { width, height, data } = image;
  const c = 1 - 2 * b;
  const across = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      across[i] = b * data[x > 0 ? i - 1 : i]! + c * data[i]! + b * data[x < width - 1 ? i + 1 : i]!;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const up = y > 0 ? -width : 0;
    const down = y < height - 1 ? width : 0;
    for (let x = 0, i = y * width; x < width; x++, i++) out[i] = b * across[i + up]! + c * across[i]! + b * across[i + down]!;
  }
  return out;
}
