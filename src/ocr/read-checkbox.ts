import type { GrayImage } from '../raster/gray-image.js';
import { eraseRules } from './erase-rules.js';
import { inkPixels } from './ink-pixels.js';
import { subImage } from './sub-image.js';

/**
 * Ink share of the inner box above which a box counts as marked. An empty box reads ~0 (its border
 * stays outside the inner area, and what alignment leaves of it is erased as a rule); an "X" across
 * the box covers 10–25 %, a printed "X" or check glyph 6–10 %.
 */
export const CHECKBOX_THRESHOLD = 0.035;

export type CheckboxReading = { raw: '1' | 'Off'; confidence: number; inkShare: number };

/**
 * Reads a checkbox from a crop of its template rect at `pxPerPt`. Only the inner area counts: the
 * printed border is inset away, so an empty box is compared with blank paper rather than with its
 * own frame. Confidence grows with the distance of the ink share from the threshold, reaching 1 for
 * a blank box or at twice the threshold.
 */
export function readCheckbox(crop: GrayImage, pxPerPt: number): CheckboxReading {
  const insetX = Math.max(2 * pxPerPt, crop.width * 0.15);
  const insetY = Math.max(2 * pxPerPt, crop.height * 0.15);
  const inner = subImage(crop, [insetX, insetY, crop.width - insetX, crop.height - insetY]);
  const side = Math.min(inner.width, inner.height);
  const cleaned = eraseRules(inner, { band: 1.5 * pxPerPt, minRowRun: 0.8 * inner.width, minColumnRun: 0.8 * inner.height, halfWidth: 0.5 * pxPerPt, minRuleLength: 0.8 * side, maxThickness: pxPerPt, maxSpeck: 0.5 * pxPerPt * pxPerPt, speckReach: 0 });
  const area = cleaned.width * cleaned.height;
  const inkShare = area > 0 ? inkPixels(cleaned) / area : 0;
  const marked = inkShare >= CHECKBOX_THRESHOLD;
  const distance = Math.abs(inkShare - CHECKBOX_THRESHOLD) / CHECKBOX_THRESHOLD;
  return { raw: marked ? '1' : 'Off', confidence: Math.min(1, 0.5 + 0.5 * distance), inkShare };
}
