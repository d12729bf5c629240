import type { GrayImage } from '../raster/gray-image.js';
import { eraseRules } from './erase-rules.js';
import { FAINT_INK, inkPixels } from './ink-pixels.js';
import { subImage } from './sub-image.js';

/**
 * Ink share of the inner box above which a box counts as marked. Measured on the 125's page 1 at 200
 * and 300 dpi, read through transforms up to 2 pt off: empty boxes 0 % (the border stays outside the
 * inner area, and what misalignment lets in is erased as a rule); the form's own "X" 15–27 %, an
 * 8 pt Helvetica "X" 7.6–11 %, a 10 pt one 11–17 %, an 8 pt ZapfDingbats ✔ 13–17 %.
 */
export const CHECKBOX_THRESHOLD = 0.035;

/**
 * A box with less ink than the threshold but at least this share of it (in dark ink), or with as much
 * faint ink as the threshold asks of dark ink (a pale pencil tick), may be ticked: it is not read as
 * blank. Empty boxes measure 0 % (see CHECKBOX_THRESHOLD), far below 60 % of the threshold (2.1 %).
 */
export const FAINT_TICK_SHARE = 0.6;
/** Confidence of a box that may be ticked: far below the review threshold (0.8), so a person decides. */
export const UNCERTAIN_TICK_CONFIDENCE = 0.3;

/** `inkShare`: of dark ink; `uncertain`: a faint tick, read as ticked with UNCERTAIN_TICK_CONFIDENCE. */
export type CheckboxReading = { raw: '1' | 'Off'; confidence: number; inkShare: number; uncertain?: true };

/**
 * Reads a checkbox from a crop of its template rect at `pxPerPt`. Only the inner area counts: the
 * printed border is inset away, so an empty box is compared with blank paper rather than with its
 * own frame. Confidence grows with the distance of the ink share from the threshold, reaching 1 for
 * a blank box or at twice the threshold. A faint tick is not read as blank: see FAINT_TICK_SHARE.
 */
export function readCheckbox(crop: GrayImage, pxPerPt: number): CheckboxReading {
  // 2 pt in from a 14×12 pt box; a quarter of the side in the 125's 7×6 pt ones, whose mark is a
  // 2.5 pt glyph in the middle (the border-search band shrinks with it, or it would erase the mark).
  const insetX = Math.min(2 * pxPerPt, crop.width / 4);
  const insetY = Math.min(2 * pxPerPt, crop.height / 4);
  const inner = subImage(crop, [insetX, insetY, crop.width - insetX, crop.height - insetY]);
  const side = Math.min(inner.width, inner.height);
  const cleaned = eraseRules(inner, {
    band: Math.min(1.5 * pxPerPt, side / 4),
    minRowRun: 0.8 * inner.width,
    minColumnRun: 0.8 * inner.height,
    halfWidth: 0.5 * pxPerPt,
    minRuleLength: 0.8 * side,
    maxThickness: pxPerPt,
    maxSpeck: 0.5 * pxPerPt * pxPerPt,
    speckReach: 0,
  });
  const area = cleaned.width * cleaned.height;
  const inkShare = area > 0 ? inkPixels(cleaned) / area : 0;
  const marked = inkShare >= CHECKBOX_THRESHOLD;
  if (!marked && area > 0 && (inkShare >= FAINT_TICK_SHARE * CHECKBOX_THRESHOLD || inkPixels(cleaned, FAINT_INK) / area >= CHECKBOX_THRESHOLD)) {
    // A faint tick is read as ticked ('1'), with a confidence far below the review threshold, rather
    // than as blank with low confidence: an unticked box ('Off') is absent from the model (absence
    // means "not given"), so a doubt reported as 'Off' would reach no one whatever its confidence.
    // As a present leaf (value true, confidence 0.3) it goes to review, where "no" removes it.
    return { raw: '1', confidence: UNCERTAIN_TICK_CONFIDENCE, inkShare, uncertain: true };
  }
  const distance = Math.abs(inkShare - CHECKBOX_THRESHOLD) / CHECKBOX_THRESHOLD;
  return { raw: marked ? '1' : 'Off', confidence: Math.min(1, 0.5 + 0.5 * distance), inkShare };
}
