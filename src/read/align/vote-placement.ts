import type { PageRules } from './read-page-rules.js';
import type { DetectedRule } from './detect-rules.js';

/** Template point (x, y up from the bottom) → deskewed mask frame: (scale·x + tx, scale·(height − y) + ty). */
export type Placement = { scale: number; tx: number; ty: number; votes: number };

/** A detected piece may be broken or run on into a neighbour: its length only has to be roughly right. */
const LENGTH_RATIO = [0.6, 1.5] as const;
const SCALE_SPAN = 0.06;
const SCALE_STEP = 0.004;
/** Placements closer than this (mask pixels, ~3 pt at 100 dpi) are one: the fit that follows pulls both to the same place. */
const DISTINCT_PX = 4;
/** How many distinct placements are kept: the page's aligner tries them best first. */
const KEPT = 4;

/**
 * Finds scale and offset of the template in the deskewed frame by voting: every pairing of a
 * template rule with a detected rule of similar length proposes an offset from each of its two
 * ends, for each scale near the expected one. Ends matter: forms repeat evenly spaced rows, and
 * only the rules' extents (and the perpendicular rules') tell one row from the next.
 *
 * Returns the few best placements that lie apart, most votes first: on a page of evenly spaced rows
 * the placement one block off can outvote the right one by a handful of votes (seen on a real 126's
 * question page after a change of resampling filter), and only the fit at full resolution tells.
 */
export function votePlacements(rules: PageRules, pageHeight: number, found: { h: DetectedRule[]; v: DetectedRule[] }, expectedScale: number, reach: number): Placement[] {
  const bins = 2 * Math.ceil(reach) + 1;
  const centre = Math.ceil(reach);
  const grid = new Int32Array(bins * bins);
  const kept: Placement[] = [];
  const keep = (candidate: Placement) => {
    if (kept.length === KEPT && candidate.votes <= kept[KEPT - 1]!.votes) return;
    const near = kept.findIndex((p) => Math.abs(p.tx - candidate.tx) <= DISTINCT_PX && Math.abs(p.ty - candidate.ty) <= DISTINCT_PX);
    if (near >= 0) {
      if (kept[near]!.votes >= candidate.votes) return;
      kept.splice(near, 1);
    }
    const below = kept.findIndex((p) => p.votes < candidate.votes);
    kept.splice(below < 0 ? kept.length : below, 0, candidate);
    kept.length = Math.min(kept.length, KEPT);
  };

  const vote = (tx: number, ty: number) => {
    const bx = Math.round(tx) + centre;
    const by = Math.round(ty) + centre;
    if (bx >= 0 && bx < bins && by >= 0 && by < bins) grid[by * bins + bx]!++;
  };
  // Detected rules by length, so each template rule meets only those of a length like its own.
  const byLength = (rules: DetectedRule[]) => [...rules].sort((p, q) => p.to - p.from - (q.to - q.from));
  const foundH = byLength(found.h);
  const foundV = byLength(found.v);
  const firstAtLeast = (sorted: DetectedRule[], length: number) => {
    let [lo, hi] = [0, sorted.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.to - sorted[mid]!.from < length) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  for (let scale = expectedScale * (1 - SCALE_SPAN); scale <= expectedScale * (1 + SCALE_SPAN); scale += expectedScale * SCALE_STEP) {
    grid.fill(0);
    for (const [y, x0, x1] of rules.h) {
      const at = scale * (pageHeight - y);
      const length = scale * (x1 - x0);
      for (let i = firstAtLeast(foundH, length * LENGTH_RATIO[0]); i < foundH.length; i++) {
        const d = foundH[i]!;
        if (d.to - d.from > length * LENGTH_RATIO[1]) break;
        vote(d.from - scale * x0, d.at - at);
        vote(d.to - scale * x1, d.at - at);
      }
    }
    for (const [x, y0, y1] of rules.v) {
      const top = scale * (pageHeight - y1);
      const bottom = scale * (pageHeight - y0);
      const length = bottom - top;
      for (let i = firstAtLeast(foundV, length * LENGTH_RATIO[0]); i < foundV.length; i++) {
        const d = foundV[i]!;
        if (d.to - d.from > length * LENGTH_RATIO[1]) break;
        vote(d.at - scale * x, d.from - top);
        vote(d.at - scale * x, d.to - bottom);
      }
    }
    // A 3×3 neighbourhood absorbs rounding and the scale step's drift across the page.
    for (let by = 1; by < bins - 1; by++) {
      for (let bx = 1; bx < bins - 1; bx++) {
        const i = by * bins + bx;
        if (!grid[i]) continue;
        let sum = 0;
        for (let dy = -bins; dy <= bins; dy += bins) sum += grid[i + dy - 1]! + grid[i + dy]! + grid[i + dy + 1]!;
        keep({ scale, tx: bx - centre, ty: by - centre, votes: sum });
      }
    }
  }
  return kept;
}
