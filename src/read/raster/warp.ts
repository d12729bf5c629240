import type { GrayImage } from './gray-image.js';
import type { PageTransform } from './page-transform.js';

/** The affine that undoes `t`. */
export function invertTransform(t: PageTransform): PageTransform {
  const det = t.a * t.d - t.b * t.c;
  if (!det) throw new Error('the transform is singular');
  return {
    a: t.d / det,
    b: -t.b / det,
    c: -t.c / det,
    d: t.a / det,
    e: (t.c * t.f - t.d * t.e) / det,
    f: (t.b * t.e - t.a * t.f) / det,
  };
}

/** `inner` first, then `outer`. */
export function composeTransforms(outer: PageTransform, inner: PageTransform): PageTransform {
  return {
    a: outer.a * inner.a + outer.c * inner.b,
    b: outer.b * inner.a + outer.d * inner.b,
    c: outer.a * inner.c + outer.c * inner.d,
    d: outer.b * inner.c + outer.d * inner.d,
    e: outer.a * inner.e + outer.c * inner.f + outer.e,
    f: outer.b * inner.e + outer.d * inner.f + outer.f,
  };
}

/**
 * Rotation by `angleDeg` (clockwise as seen, image y pointing down) and scaling by `scale` about
 * (cx, cy), then a shift by (dx, dy): the way a sheet lands on a scanner bed.
 */
export function similarity(cx: number, cy: number, angleDeg: number, scale: number, dx = 0, dy = 0): PageTransform {
  const r = (angleDeg * Math.PI) / 180;
  const a = scale * Math.cos(r);
  const b = scale * Math.sin(r);
  return { a, b, c: -b, d: a, e: cx - a * cx + b * cy + dx, f: cy - b * cx - a * cy + dy };
}

/**
 * Builds a width×height image whose pixel centres are looked up in `image` through `outToSource`
 * (output pixel coordinates → source pixel coordinates; a pixel (i, j) spans [i, i+1) × [j, j+1)),
 * bilinearly; what falls outside the source is `fill` (paper).
 */
export function resampleThrough(image: GrayImage, outToSource: PageTransform, width: number, height: number, dpi: number, fill = 255): GrayImage {
  const { width: sw, height: sh, data: src } = image;
  const out = new Uint8Array(width * height);
  const { a, b, c, d } = outToSource;
  // Shift by half a pixel on both sides: output and source centres sit at i + 0.5.
  const e = outToSource.e + 0.5 * (a + c) - 0.5;
  const f = outToSource.f + 0.5 * (b + d) - 0.5;
  for (let v = 0, o = 0; v < height; v++) {
    let x = c * v + e;
    let y = d * v + f;
    for (let u = 0; u < width; u++, o++, x += a, y += b) {
      let x0: number;
      let y0: number;
      // Nearly every pixel samples well inside the source, where the clamps below change nothing.
      if (x >= 0 && y >= 0 && x < sw - 1 && y < sh - 1) {
        x0 = x | 0;
        y0 = y | 0;
      } else if (x < -0.5 || y < -0.5 || x > sw - 0.5 || y > sh - 0.5) {
        out[o] = fill;
        continue;
      } else {
        x0 = x < 0 ? 0 : x >= sw - 1 ? sw - 2 : x | 0;
        y0 = y < 0 ? 0 : y >= sh - 1 ? sh - 2 : y | 0;
      }
      const fx = x - x0 < 0 ? 0 : x - x0 > 1 ? 1 : x - x0;
      const fy = y - y0 < 0 ? 0 : y - y0 > 1 ? 1 : y - y0;
      const i = y0 * sw + x0;
      const top = src[i]! + (src[i + 1]! - src[i]!) * fx;
      const bottom = src[i + sw]! + (src[i + sw + 1]! - src[i + sw]!) * fx;
      out[o] = (top + (bottom - top) * fy + 0.5) | 0;
    }
  }
  return { width, height, data: out, dpi };
}

/**
 * Moves an image through an affine `map` (source pixels → output pixels): rotate, scale and shift a
 * page the way a scanner or fax would. The output keeps the source's size and dpi unless told.
 */
export function warpImage(image: GrayImage, map: PageTransform, width = image.width, height = image.height, dpi = image.dpi): GrayImage {
  return resampleThrough(image, invertTransform(map), width, height, dpi);
}
