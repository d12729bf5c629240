import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { readPagePaths } from '../pdf/read-page-paths.js';

/** Horizontal rules [y, x0, x1] and vertical rules [x, y0, y1], PDF points, origin bottom-left. */
export type PageRules = { h: [number, number, number][]; v: [number, number, number][] };

type Segment = { at: number; from: number; to: number };

/** Shorter rules are checkbox sides and tick marks: too many alike to lock onto. */
const MIN_RULE_PT = 20;
/** A stroke this far off the axis over its length still prints as a straight rule. */
const AXIS_TOLERANCE_PT = 0.75;
/** Collinear pieces this close print as one line (line caps close the gap). */
const JOIN_GAP_PT = 1;
/** A filled rectangle no thicker than this prints as a rule, not as a shaded area. */
const THIN_FILL_PT = 2.5;

const round1 = (v: number) => Math.round(v * 10) / 10;

function addStroke(poly: [number, number][], h: Segment[], v: Segment[]) {
  for (let i = 1; i < poly.length; i++) {
    const [x0, y0] = poly[i - 1]!;
    const [x1, y1] = poly[i]!;
    if (Math.abs(y1 - y0) <= AXIS_TOLERANCE_PT && Math.abs(x1 - x0) > AXIS_TOLERANCE_PT) h.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    else if (Math.abs(x1 - x0) <= AXIS_TOLERANCE_PT && Math.abs(y1 - y0) > AXIS_TOLERANCE_PT) v.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
  }
}

/** A thin filled axis-aligned rectangle is a rule along its long side. */
function addFill(poly: [number, number][], h: Segment[], v: Segment[]) {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const axisAligned = poly.every(([x, y]) => (Math.abs(x - x0) < 0.01 || Math.abs(x - x1) < 0.01) && (Math.abs(y - y0) < 0.01 || Math.abs(y - y1) < 0.01));
  if (!axisAligned) return;
  if (y1 - y0 <= THIN_FILL_PT && x1 - x0 > y1 - y0) h.push({ at: (y0 + y1) / 2, from: x0, to: x1 });
  else if (x1 - x0 <= THIN_FILL_PT && y1 - y0 > x1 - x0) v.push({ at: (x0 + x1) / 2, from: y0, to: y1 });
}

/** Joins collinear pieces that touch; keeps the long ones. */
function mergeSegments(segments: Segment[], minLength: number): [number, number, number][] {
  const sorted = [...segments].sort((p, q) => p.at - q.at || p.from - q.from);
  const lines: Segment[][] = [];
  for (const s of sorted) {
    const line = lines.find((l) => Math.abs(l[0]!.at - s.at) <= AXIS_TOLERANCE_PT);
    if (line) line.push(s);
    else lines.push([s]);
  }
  const rules: [number, number, number][] = [];
  for (const line of lines) {
    line.sort((p, q) => p.from - q.from);
    let run: Segment[] = [];
    const flush = () => {
      const from = Math.min(...run.map((s) => s.from));
      const to = Math.max(...run.map((s) => s.to));
      const weight = run.reduce((sum, s) => sum + s.to - s.from, 0);
      const at = run.reduce((sum, s) => sum + s.at * (s.to - s.from), 0) / weight;
      if (to - from >= minLength) rules.push([round1(at), round1(from), round1(to)]);
    };
    for (const s of line) {
      if (run.length && s.from > Math.max(...run.map((r) => r.to)) + JOIN_GAP_PT) {
        flush();
        run = [];
      }
      run.push(s);
    }
    flush();
  }
  return rules.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/**
 * The long printed rules of a page, from its drawing operators (page content only: widget
 * appearances are not the form's print). Alignment of printed and scanned copies locks onto them;
 * finding the cell a box sits in needs the short ones too (a one-row divider is 12 pt).
 */
export async function readPageRules(doc: PDFDocumentProxy, pageNumber: number, minLength = MIN_RULE_PT): Promise<PageRules> {
  const page = await doc.getPage(pageNumber);
  const h: Segment[] = [];
  const v: Segment[] = [];
  for (const path of await readPagePaths(page, 'page')) {
    // A curve ends any straight run, so only curve-free subpaths can be rules.
    for (const { points, curved } of path.subpaths) {
      if (curved) continue;
      if (path.paint === 'fill') addFill(points, h, v);
      else addStroke(points, h, v);
    }
  }
  page.cleanup();
  return { h: mergeSegments(h, minLength), v: mergeSegments(v, minLength) };
}
