import type { TemplatePage } from '../../../schemas/form-template.js';
import type { GrayImage } from '../raster/gray-image.js';
import { uprightTransform, type PageTransform } from '../raster/page-transform.js';
import { composeTransforms, similarity } from '../raster/warp.js';
import { darkMask } from './dark-mask.js';
import { detectRules } from './detect-rules.js';
import { estimateSkew } from './estimate-skew.js';
import { fitToRules } from './fit-to-rules.js';
import { rulesPresent } from './rules-present.js';
import { votePlacements, type Placement } from './vote-placement.js';

export type PageAlignment = {
  /** Template points (origin bottom-left) → image pixels. */
  transform: PageTransform;
  /** Share (0..1) of the template's rules printed where the transform puts them: low for a blank or a different page. */
  quality: number;
  /** How far the page is turned in the image, degrees, clockwise as seen. */
  angleDeg: number;
};

/** Rules are found on a copy shrunk to about this resolution: a fifth of the pixels at 200–300 dpi. */
const WORK_DPI = 100;
/** Detected ink runs shorter than this are text, not rules (template rules are ≥ 20 pt). */
const MIN_RUN_PT = 12;
/** How far from where the dpi puts it the page may lie, as a share of the page's size. */
const SHIFT_SHARE = 0.15;
/** The coarse placement is within a couple of points everywhere; the second pass looks closer. */
const WINDOWS_PT = [3, 1.2] as const;

/** A fit this good ends the search: the next placements the vote offers are not tried. */
const GOOD_QUALITY = 0.9;

/** An image whose size says another resolution than its dpi does (image files often claim 72 or 96 dpi). */
const DPI_DOUBT = 0.15;

/** The resolution to expect the page at: the image's dpi, unless the image's size plainly disagrees. */
function effectiveDpi(image: GrayImage, page: TemplatePage): number {
  const bySize = ((image.width / page.width + image.height / page.height) / 2) * 72;
  return Math.abs(image.dpi / bySize - 1) <= DPI_DOUBT ? image.dpi : bySize;
}

/**
 * Aligns a scanned or rendered page to its template from the printed rules alone (the only artwork
 * the project's own sample drawings share with the real form): tilt from the projection profile of
 * a shrunk ink mask, scale and offset by voting rule pairings in the deskewed frame, then an affine
 * least-squares fit to where each rule is actually printed at full resolution.
 */
export function alignPage(image: GrayImage, page: TemplatePage): PageAlignment {
  const rules = page.rules;
  if (!rules) throw new Error('the template page has no rules: re-derive the templates (npm run derive-templates)');
  const dpi = effectiveDpi(image, page);

  const factor = Math.max(1, Math.round(dpi / WORK_DPI));
  // Every other pixel of every other row at 300 dpi: a hairline is 2 px thick there, and the fit below
  // reads every pixel (the transforms differ by under 0.001 px; a quarter of the mask's reads).
  const mask = darkMask(image, factor, Math.max(1, Math.floor(dpi / 150)));
  const angleDeg = estimateSkew(mask);
  const expectedScale = dpi / 72 / factor;
  const found = detectRules(mask, angleDeg, MIN_RUN_PT * expectedScale);
  const placements = votePlacements(rules, page.height, found, expectedScale, SHIFT_SHARE * Math.max(mask.width, mask.height));
  const tilt = similarity(mask.width / 2, mask.height / 2, angleDeg, 1);
  const fitted = (placement: Placement) => {
    // Template → deskewed mask frame → the mask's tilt back → full-resolution pixels.
    const inDeskewed: PageTransform = { a: placement.scale, b: 0, c: 0, d: -placement.scale, e: placement.tx, f: placement.scale * page.height + placement.ty };
    let transform = composeTransforms({ a: factor, b: 0, c: 0, d: factor, e: 0, f: 0 }, composeTransforms(tilt, inDeskewed));
    for (const windowPt of WINDOWS_PT) transform = fitToRules(image, transform, rules, windowPt);
    const present = rulesPresent(image, transform, rules);
    return { transform, quality: present.filter(Boolean).length / Math.max(1, present.length) };
  };
  let best: { transform: PageTransform; quality: number } | undefined;
  for (const placement of placements) {
    const fit = fitted(placement);
    if (!best || fit.quality > best.quality) best = fit;
    if (best.quality >= GOOD_QUALITY) break;
  }
  if (!best) return { transform: uprightTransform(page.height, dpi), quality: 0, angleDeg };
  const { transform, quality } = best;
  return { transform, quality, angleDeg: (Math.atan2(transform.b, transform.a) * 180) / Math.PI };
}
