import { createRequire } from 'node:module';
import { cubicAtOneToOne } from './cubic-at-one-to-one.js';
import type { GrayImage } from './gray-image.js';

type JpegTurbo = typeof import('@julusian/jpeg-turbo');

const require = createRequire(import.meta.url);
let turbo: JpegTurbo | null | undefined;

/** libjpeg-turbo's binding, or null where its prebuilt binary does not load: Skia decodes then. */
function jpegTurbo(): JpegTurbo | null {
  if (turbo === undefined) {
    try {
      turbo = require('@julusian/jpeg-turbo') as JpegTurbo;
    } catch {
      turbo = null;
    }
  }
  return turbo;
}

/**
 * A JPEG decoded straight to gray by libjpeg-turbo, which decodes only its luma (BT.601, the weights
 * grayFromRgba uses): ~9 ms CPU for an 8 MP scan, where Skia's colour decode, filtered draw and the
 * RGBA-to-gray pass took ~215. Softened as Skia's high-quality filter draws an image pixel on pixel,
 * the pixels the OCR is tuned on. Null when libjpeg-turbo cannot give gray (a CMYK JPEG) or finds the
 * data damaged, or its binary is missing: the caller decodes with Skia.
 */
export function jpegAsGray(bytes: Uint8Array, dpi: number): GrayImage | null {
  const jpeg = jpegTurbo();
  if (!jpeg) return null;
  let decoded: ReturnType<JpegTurbo['decompressSync']>;
  try {
    decoded = jpeg.decompressSync(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { format: jpeg.FORMAT_GRAY });
  } catch {
    return null;
  }
  const { width, height, data } = decoded;
  if (data.length < width * height) return null;
  const image: GrayImage = { width, height, dpi, data: new Uint8Array(data.buffer, data.byteOffset, width * height) };
  cubicAtOneToOne(image);
  return image;
}
