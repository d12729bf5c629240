import type { Rect } from '../../schemas/field.js';

/** One page of a stored original as an image, and the page's size in PDF points (to place boxes on it). */
export type PageImage = { png: Uint8Array; widthPt: number; heightPt: number };

/**
 * Page images for the review desk, rendered on demand from the stored originals and cached. `mask` rects
 * (PDF points: tax-id boxes) are painted over before the image leaves the server.
 */
export interface PageImageSource {
  page(sha256: string, page: number, mask: readonly Rect[]): Promise<PageImage>;
  /** The region around `rect` with the rect outlined: what a flag shows beside its value. */
  crop(sha256: string, page: number, rect: Rect, mask: readonly Rect[]): Promise<Uint8Array>;
}
