import type { Rect } from '../../../schemas/field.js';
import type { GrayImage } from './gray-image.js';
import type { PageTransform } from './page-transform.js';
import { composeTransforms, resampleThrough } from './warp.js';

/**
 * Cuts the template rectangle `rect` ([x, y, w, h] in points, origin bottom-left) out of a page
 * image that `transform` aligns to the template, as an upright, axis-aligned crop at `pxPerPt`
 * pixels per point: rotation and scale of the scan are undone by the sampling itself.
 */
export function cropThroughTransform(image: GrayImage, transform: PageTransform, rect: Rect, pxPerPt: number): GrayImage {
  const [x, y, w, h] = rect;
  const width = Math.max(1, Math.round(w * pxPerPt));
  const height = Math.max(1, Math.round(h * pxPerPt));
  // Crop pixel (u, v) → template point: u right from x, v down from the rectangle's top.
  const cropToTemplate: PageTransform = { a: w / width, b: 0, c: 0, d: -h / height, e: x, f: y + h };
  return resampleThrough(image, composeTransforms(transform, cropToTemplate), width, height, pxPerPt * 72);
}

