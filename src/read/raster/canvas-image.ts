import { createCanvas, Image } from '@napi-rs/canvas';
import { ImageReadError } from '../../errors.js';
import { grayFromRgba, type GrayImage } from './gray-image.js';
import { IDENTITY, type Matrix } from '../geometry/matrix.js';

/** Decodes JPEG or PNG bytes natively (Skia); garbage becomes an ImageReadError naming the file. */
export async function decodeCanvasImage(bytes: Uint8Array, fileName: string): Promise<Image> {
  const image = new Image();
  image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    await image.decode();
  } catch (err) {
    throw new ImageReadError(fileName, 'corrupt', `the image could not be decoded (${(err as Error).message})`);
  }
  if (!image.width || !image.height) throw new ImageReadError(fileName, 'corrupt', 'the image decodes to no pixels');
  return image;
}

/** Paints an image onto white paper of the given size through `matrix` (image pixels → output pixels), as gray. */
export function paintGray(image: Image, width: number, height: number, dpi: number, matrix: Matrix = IDENTITY): GrayImage {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.setTransform(...matrix);
  ctx.drawImage(image, 0, 0);
  // The canvas's own pixels, not getImageData's copy: on opaque paper its premultiplied RGBA is the
  // same, and the copy (un-premultiplying 8 MP at 300 dpi) took about a third of a page's decoding.
  return grayFromRgba(canvas.data(), width, height, dpi);
}
