import { OPS, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Rect } from '../../schemas/field.js';

type Matrix = [number, number, number, number, number, number];

// pdfjs packs each path into a flat buffer of these opcodes (its DrawOPS, which it does not export).
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;

const PAINTS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** Check marks are small; anything larger is artwork (rules, logos) and is not kept. */
const MAX_MARK_SIZE = 40;
/** A segment counts as slanted when it moves this far (points) along both axes. */
const SLANT = 0.3;

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * The bounding boxes (page points) of small painted paths with a slanted or curved stroke: how a
 * check box's "on" state is drawn once a form is flattened. ACORD's own appearance is an X of two
 * stroked lines, and printer drivers turn ZapfDingbats ticks into outlines; neither is text. A box's
 * printed border is all horizontal and vertical lines, so it never counts.
 */
export async function readPageMarks(page: PDFPageProxy): Promise<Rect[]> {
  const { fnArray, argsArray } = await page.getOperatorList();
  const marks: Rect[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, Array.from(args as ArrayLike<number>) as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as ArrayLike<number> | null;
      if (m) ctm = multiply(ctm, Array.from(m) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const [paint, [buffer]] = args as [number, [ArrayLike<number> | null]];
      if (!buffer || !PAINTS.has(paint)) continue;
      const mark = slantedPathBox(buffer, ctm);
      if (mark) marks.push(mark);
    }
  }
  return marks;
}

/** The page-space box of a path with at least one slanted or curved segment, if it is mark-sized. */
function slantedPathBox(buffer: ArrayLike<number>, m: Matrix): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let slanted = false;
  let cx = 0;
  let cy = 0;
  const point = (x: number, y: number): [number, number] => {
    const px = m[0] * x + m[2] * y + m[4];
    const py = m[1] * x + m[3] * y + m[5];
    x0 = Math.min(x0, px);
    y0 = Math.min(y0, py);
    x1 = Math.max(x1, px);
    y1 = Math.max(y1, py);
    return [px, py];
  };
  for (let k = 0; k < buffer.length; ) {
    const op = buffer[k++];
    if (op === MOVE_TO || op === LINE_TO) {
      const [px, py] = point(buffer[k]!, buffer[k + 1]!);
      if (op === LINE_TO && Math.abs(px - cx) > SLANT && Math.abs(py - cy) > SLANT) slanted = true;
      [cx, cy] = [px, py];
      k += 2;
    } else if (op === CURVE_TO || op === QUADRATIC_CURVE_TO) {
      const n = op === CURVE_TO ? 6 : 4;
      for (let j = 0; j < n; j += 2) [cx, cy] = point(buffer[k + j]!, buffer[k + j + 1]!);
      slanted = true;
      k += n;
    }
  }
  if (!slanted || x1 - x0 > MAX_MARK_SIZE || y1 - y0 > MAX_MARK_SIZE) return null;
  return [x0, y0, x1 - x0, y1 - y0];
}
