import { ImageReadError } from '../errors.js';

/** 60 MP: a Letter page at 600 dpi is 33.7 MP; beyond this an image is a mistake or an attack (RGBA copies take 4 bytes a pixel). */
export const MAX_PAGE_PIXELS = 60_000_000;

export function checkPixelCount(width: number, height: number, fileName: string, page?: number): void {
  if (width * height > MAX_PAGE_PIXELS) {
    throw new ImageReadError(
      fileName,
      'too-large',
      `the image is ${width} × ${height} pixels (${((width * height) / 1e6).toFixed(0)} MP); pages over ${MAX_PAGE_PIXELS / 1e6} MP are refused: rescan at 300 dpi`,
      page,
    );
  }
}
