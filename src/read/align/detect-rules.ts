import type { DarkMask } from './dark-mask.js';

/**
 * A rule found on the page, in the deskewed frame of the mask (mask pixels, the mask rotated by
 * the page's tilt about its centre): a horizontal one at y = `at` from x = `from` to `to`, a
 * vertical one the other way round.
 */
export type DetectedRule = { at: number; from: number; to: number };

/** Ink may break for a mask pixel (a faint stretch of a scanned hairline) and still be one rule. */
const MAX_GAP = 1;

type Run = { from: number; to: number };
/** Runs merged so far, open while the line just above continued it. */
type Group = { weighted: number; weight: number; from: number; to: number };

/**
 * Long runs of ink along each line of the mask sheared by `tan` (`pixel(line, step)` reads it), then
 * runs on neighbouring lines that overlap merged into one rule (a rule is a line or two thick).
 */
function traceRuns(lines: number, steps: number, minLength: number, pixel: (line: number, step: number) => number): DetectedRule[] {
  const rules: DetectedRule[] = [];
  let open: Group[] = [];
  for (let line = 0; line < lines; line++) {
    const runs: Run[] = [];
    let start = -1;
    let lastInk = -1;
    for (let s = 0; s <= steps; s++) {
      const ink = s < steps && pixel(line, s) === 1;
      if (ink) {
        if (start < 0 || s - lastInk > MAX_GAP + 1) {
          if (start >= 0 && lastInk + 1 - start >= minLength) runs.push({ from: start, to: lastInk + 1 });
          start = s;
        }
        lastInk = s;
      }
    }
    if (start >= 0 && lastInk + 1 - start >= minLength) runs.push({ from: start, to: lastInk + 1 });

    const next: Group[] = [];
    for (const run of runs) {
      const length = run.to - run.from;
      const group = open.find((g) => Math.min(g.to, run.to) - Math.max(g.from, run.from) >= 0.5 * Math.min(length, g.to - g.from));
      if (group) {
        group.weighted += (line + 0.5) * length;
        group.weight += length;
        group.from = Math.min(group.from, run.from);
        group.to = Math.max(group.to, run.to);
        open.splice(open.indexOf(group), 1);
        next.push(group);
      } else next.push({ weighted: (line + 0.5) * length, weight: length, from: run.from, to: run.to });
    }
    for (const g of open) rules.push({ at: g.weighted / g.weight, from: g.from, to: g.to });
    open = next;
  }
  for (const g of open) rules.push({ at: g.weighted / g.weight, from: g.from, to: g.to });
  return rules;
}

/**
 * Finds the long horizontal and vertical rules of a page tilted by `angleDeg`. The mask is read
 * along sheared lines rather than resampled (cheap, and exact enough over a few degrees); the
 * rules' ends are then rotated into the deskewed frame.
 */
export function detectRules(mask: DarkMask, angleDeg: number, minLength: number): { h: DetectedRule[]; v: DetectedRule[] } {
  const { width, height, data } = mask;
  const rad = (angleDeg * Math.PI) / 180;
  const tan = Math.tan(rad);
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const [cx, cy] = [width / 2, height / 2];
  const deskew = (x: number, y: number): [number, number] => [cx + (x - cx) * cos + (y - cy) * sin, cy - (x - cx) * sin + (y - cy) * cos];

  // Horizontal rules: line l of the sheared mask holds pixels (x, l - reach + x·tan).
  const reachY = Math.ceil(Math.abs(width * tan)) + 1;
  const shiftY = Int32Array.from({ length: width }, (_, x) => Math.round(x * tan) - reachY);
  const h = traceRuns(height + 2 * reachY, width, minLength, (line, x) => {
    const y = line + shiftY[x]!;
    return y >= 0 && y < height ? data[y * width + x]! : 0;
  }).map((r) => {
    const y = (x: number) => r.at - reachY + x * tan;
    const [x0, y0] = deskew(r.from, y(r.from));
    const [x1, y1] = deskew(r.to, y(r.to));
    return { at: (y0 + y1) / 2, from: x0, to: x1 };
  });

  // Vertical rules lean the other way: line l holds pixels (l - reach - y·tan, y).
  const reachX = Math.ceil(Math.abs(height * tan)) + 1;
  const shiftX = Int32Array.from({ length: height }, (_, y) => -Math.round(y * tan) - reachX);
  const v = traceRuns(width + 2 * reachX, height, minLength, (line, y) => {
    const x = line + shiftX[y]!;
    return x >= 0 && x < width ? data[y * width + x]! : 0;
  }).map((r) => {
    const x = (y: number) => r.at - reachX - y * tan;
    const [x0, y0] = deskew(x(r.from), r.from);
    const [x1, y1] = deskew(x(r.to), r.to);
    return { at: (x0 + x1) / 2, from: y0, to: y1 };
  });
  return { h, v };
}
