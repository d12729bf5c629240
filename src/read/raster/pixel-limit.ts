import { DEFAULT_LIMITS, mega, type Limits } from '../../config/limits.js';
import { ImageReadError } from '../../errors.js';
import type { Density } from './scan-dpi.js';

/** Pixels an image decodes to once its pixels are squared (rows stretched to the horizontal dpi, see squarePixels). */
export function squaredSize(width: number, height: number, density: Density): { width: number; height: number } {
  if (Math.abs(density.y / density.x - 1) <= 0.02) return { width, height };
  return { width, height: Math.max(1, Math.round((height * density.x) / density.y)) };
}

/**
 * Refuses an image page before it is decoded: its stored size against the per-image limit and its
 * size once squared against the per-page limit (a 2560 × 322 dpi fax page stretches eightfold).
 */
export function checkPixelCount(width: number, height: number, fileName: string, page?: number, limits: Limits = DEFAULT_LIMITS, density?: Density): void {
  if (width * height > limits.pixelsPerImage) {
    throw new ImageReadError(
      fileName,
      'too-large',
      `the image is ${width} × ${height} pixels (${mega(width * height)} MP); images over ${mega(limits.pixelsPerImage)} MP are refused: rescan at 300 dpi`,
      page,
    );
  }
  const squared = density ? squaredSize(width, height, density) : { width, height };
  if (squared.width * squared.height > limits.pixelsPerPage) {
    const dpi = density ? ` at ${Math.round(density.x)} × ${Math.round(density.y)} dpi` : '';
    throw new ImageReadError(
      fileName,
      'too-large',
      `the page is ${squared.width} × ${squared.height} pixels (${mega(squared.width * squared.height)} MP) once its ${width} × ${height} pixels${dpi} are made square; pages over ${mega(limits.pixelsPerPage)} MP are refused: rescan at 300 dpi`,
      page,
    );
  }
}

/** Counts the pixels decoded for one document and refuses the page that would pass the per-document limit. */
export class PixelBudget {
  private spent = 0;
  constructor(
    private readonly fileName: string,
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {}

  spend(pixels: number, page?: number): void {
    this.spent += pixels;
    if (this.spent > this.limits.pixelsPerDocument) {
      throw new ImageReadError(
        this.fileName,
        'too-large',
        `its pages decode to more than ${mega(this.limits.pixelsPerDocument)} MP in all; split the file or rescan at 300 dpi`,
        page,
      );
    }
  }
}
