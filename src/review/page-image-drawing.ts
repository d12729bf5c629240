import { createCanvas } from '@napi-rs/canvas';
import { decodeCanvasImage } from '../read/raster/canvas-image.js';
import type { PixelBox } from '../read/raster/original-page-rasters.js';

/** What covers a tax id: a slate no gray page pixel can be, so a covered box is told from ink. */
export const MASK_RGB = [31, 41, 51] as const;
/** The outline around the box a crop is about. */
export const HIGHLIGHT_RGB = [232, 89, 12] as const;
/** Pixels of the outline, drawn just outside the box so the value inside stays readable. */
export const HIGHLIGHT_WIDTH = 3;

const css = ([r, g, b]: readonly [number, number, number]) => `rgb(${r}, ${g}, ${b})`;

/** A box on whole pixels, grown by `grow` on every side: a glyph's soft edge on the box line is covered too. */
const wholePixels = ([x0, y0, x1, y1]: PixelBox, grow: number): PixelBox => [Math.floor(x0) - grow, Math.floor(y0) - grow, Math.ceil(x1) + grow, Math.ceil(y1) + grow];

/** The page PNG with every box painted over solid, as PNG. */
export async function paintMasks(png: Uint8Array, boxes: readonly PixelBox[], label: string): Promise<Uint8Array> {
  const image = await decodeCanvasImage(png, label);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  ctx.fillStyle = css(MASK_RGB);
  for (const box of boxes) {
    const [x0, y0, x1, y1] = wholePixels(box, 1);
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  }
  return canvas.encodeSync('png');
}

/** The `region` of the page PNG with `box` outlined, as PNG (boxes in the page's pixels). */
export async function cropWithOutline(png: Uint8Array, region: PixelBox, box: PixelBox, label: string): Promise<Uint8Array> {
  const image = await decodeCanvasImage(png, label);
  const [rx0, ry0, rx1, ry1] = region;
  const canvas = createCanvas(rx1 - rx0, ry1 - ry0);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, -rx0, -ry0);
  const [x0, y0, x1, y1] = wholePixels(box, HIGHLIGHT_WIDTH);
  ctx.strokeStyle = css(HIGHLIGHT_RGB);
  ctx.lineWidth = HIGHLIGHT_WIDTH;
  // A stroke is centred on its path: half the width in from the outer edge lands it on whole pixels, crisp.
  const half = HIGHLIGHT_WIDTH / 2;
  ctx.strokeRect(x0 - rx0 + half, y0 - ry0 + half, x1 - x0 - HIGHLIGHT_WIDTH, y1 - y0 - HIGHLIGHT_WIDTH);
  return canvas.encodeSync('png');
}
