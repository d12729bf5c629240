import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';

/** Horizontal rules [y, x0, x1] and vertical rules [x, y0, y1], PDF points, origin bottom-left. */
export type PageRules = { h: [number, number, number][]; v: [number, number, number][] };

type Matrix = [number, number, number, number, number, number];
type Segment = { at: number; from: number; to: number };

/** Shorter rules are checkbox sides and tick marks: too many alike to lock onto. */
const MIN_RULE_PT = 20;
/** A stroke this far off the axis over its length still prints as a straight rule. */
const AXIS_TOLERANCE_PT = 0.75;
/** Collinear pieces this close print as one line (line caps close the gap). */
const JOIN_GAP_PT = 1;
/** A filled rectangle no thicker than this prints as a rule, not as a shaded area. */
const THIN_FILL_PT = 2.5;

/** pdfjs's path codes inside constructPath (its DrawOPS, not exported by the package). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 4 } as const;

const STROKES = new Set<number>([pdfjs.OPS.stroke, pdfjs.OPS.closeStroke, pdfjs.OPS.fillStroke, pdfjs.OPS.eoFillStroke, pdfjs.OPS.closeFillStroke, pdfjs.OPS.closeEOFillStroke]);
const FILLS = new Set<number>([pdfjs.OPS.fill, pdfjs.OPS.eoFill]);

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Splits a pdfjs path (DrawOPS codes with their points) into polylines in page space. */
function subpaths(data: Float32Array, ctm: Matrix): [number, number][][] {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  const at = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  for (let i = 0; i < data.length; ) {
    const op = data[i++]!;
    if (op === DRAW.moveTo) {
      if (current.length > 1) out.push(current);
      current = [at(data[i]!, data[i + 1]!)];
      i += 2;
    } else if (op === DRAW.lineTo) {
      current.push(at(data[i]!, data[i + 1]!));
      i += 2;
    } else if (op === DRAW.closePath) {
      if (current.length > 1) current.push(current[0]!);
    } else {
      // A curve ends any straight run: restart from its end point.
      i += op === DRAW.curveTo ? 6 : 4;
      if (current.length > 1) out.push(current);
      current = [at(data[i - 2]!, data[i - 1]!)];
    }
  }
  if (current.length > 1) out.push(current);
  return out;
}

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
function mergeSegments(segments: Segment[]): [number, number, number][] {
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
      if (to - from >= MIN_RULE_PT) rules.push([round1(at), round1(from), round1(to)]);
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
 * appearances are not the form's print). Alignment of printed and scanned copies locks onto them.
 */
export async function readPageRules(doc: PDFDocumentProxy, pageNumber: number): Promise<PageRules> {
  const page = await doc.getPage(pageNumber);
  const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
  const h: Segment[] = [];
  const v: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === pdfjs.OPS.save) stack.push(ctm);
    else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === pdfjs.OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === pdfjs.OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (args[0]) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
    } else if (fn === pdfjs.OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === pdfjs.OPS.constructPath) {
      const [paintOp, [data]] = args as [number, [Float32Array | null]];
      if (!data) continue;
      const polys = subpaths(data, ctm);
      if (STROKES.has(paintOp)) for (const poly of polys) addStroke(poly, h, v);
      else if (FILLS.has(paintOp)) for (const poly of polys) addFill(poly, h, v);
    }
  }
  page.cleanup();
  return { h: mergeSegments(h), v: mergeSegments(v) };
}
