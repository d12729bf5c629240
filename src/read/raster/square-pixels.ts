import type { GrayImage } from './gray-image.js';
import type { Density } from './scan-dpi.js';

/**
 * A GrayImage has one dpi: rows are stretched (linear interpolation) to the horizontal resolution
 * when the vertical one differs by more than 2 % (fax "standard" mode is 204 × 98 dpi).
 */
export function squarePixels(width: number, height: number, data: Uint8Array, density: Density): GrayImage {
  const dpi = density.x;
  if (Math.abs(density.y / dpi - 1) <= 0.02) return { width, height, data, dpi };
  const outHeight = Math.max(1, Math.round((height * dpi) / density.y));
  const out = new Uint8Array(width * outHeight);
  const step = height / outHeight;
  for (let r = 0; r < outHeight; r++) {
    const s = Math.min(height - 1, Math.max(0, (r + 0.5) * step - 0.5));
    const r0 = Math.floor(s);
    const r1 = Math.min(height - 1, r0 + 1);
    const t = s - r0;
    const a = r0 * width;
    const b = r1 * width;
    const o = r * width;
    for (let x = 0; x < width; x++) out[o + x] = Math.round(data[a + x]! * (1 - t) + data[b + x]! * t);
  }
  return { width, height: outHeight, data: out, dpi };
}
