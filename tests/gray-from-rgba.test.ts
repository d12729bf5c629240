import { describe, expect, it } from 'vitest';
import { grayFromRgba } from '../src/read/raster/gray-image.js';

/** BT.601 luma of one RGBA pixel, transparent ones blended onto white: what every pixel must come to. */
const luma = (r: number, g: number, b: number, a: number) => {
  const l = 0.299 * r + 0.587 * g + 0.114 * b;
  return a === 255 ? Math.round(l) : Math.round(l * (a / 255) + 255 * (1 - a / 255));
};

describe('grayFromRgba', () => {
  // Every gray level opaque (the fast path), then colours and transparency (the blend).
  const pixels: [number, number, number, number][] = [];
  for (let v = 0; v < 256; v++) pixels.push([v, v, v, 255]);
  for (let v = 0; v < 256; v += 5) pixels.push([v, 255 - v, (v * 7) % 256, 255], [v, v, v, (v * 3) % 255], [v, v, (v + 1) % 256, 255]);
  const want = pixels.map((p) => luma(...p));

  it('gives each pixel its luma, whether the RGBA bytes are word-aligned or not', () => {
    for (const offset of [0, 1, 4]) {
      const buffer = new Uint8Array(offset + 4 * pixels.length);
      pixels.forEach((p, i) => buffer.set(p, offset + 4 * i));
      const gray = grayFromRgba(buffer.subarray(offset), pixels.length, 1, 300);
      expect([...gray.data]).toEqual(want);
    }
  });
});
