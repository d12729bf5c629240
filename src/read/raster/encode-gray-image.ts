import { createCanvas } from '@napi-rs/canvas';
import type { GrayImage } from './gray-image.js';

/**
 * A gray raster as JPEG or PNG bytes, through @napi-rs/canvas. Synchronous on purpose: the async
 * encode() crashed Skia about one run in three under load when the canvas, unreachable once encode()
 * returned, was collected mid-encode.
 */
export function encodeGrayImage(image: GrayImage, format: 'jpeg' | 'png', jpegQuality = 85): Buffer {
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(image.width, image.height);
  const rgba = pixels.data;
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const v = image.data[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
  return format === 'jpeg' ? canvas.encodeSync('jpeg', jpegQuality) : canvas.encodeSync('png');
}
