import type { OPS as PdfjsOps, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { compose, IDENTITY, isMatrix, type Matrix } from '../geometry/matrix.js';
import { loadPdfjs } from './open-pdf.js';
import { DRAW_OPS } from './pdfjs-draw-ops.js';

type Point = [number, number];

/** One subpath in page space: the points it runs through (curve control points too) and whether it curves. */
export type Subpath = { points: Point[]; curved: boolean };

/** A painted path of a page: how it is painted and its subpaths in page space (PDF points). */
export type PagePath = { paint: 'stroke' | 'fill' | 'fill-stroke'; subpaths: Subpath[] };

const { moveTo: MOVE_TO, lineTo: LINE_TO, curveTo: CURVE_TO, quadraticCurveTo: QUADRATIC_CURVE_TO, closePath: CLOSE_PATH } = DRAW_OPS;

/** How each path-painting operator paints: built from pdfjs's OPS once pdfjs is loaded. */
const paintsOf = (OPS: typeof PdfjsOps): ReadonlyMap<number, PagePath['paint']> => new Map([
  [OPS.stroke, 'stroke'],
  [OPS.closeStroke, 'stroke'],
  [OPS.fill, 'fill'],
  [OPS.eoFill, 'fill'],
  [OPS.fillStroke, 'fill-stroke'],
  [OPS.eoFillStroke, 'fill-stroke'],
  [OPS.closeFillStroke, 'fill-stroke'],
  [OPS.closeEOFillStroke, 'fill-stroke'],
]);
let paints: ReadonlyMap<number, PagePath['paint']> | undefined;

function subpaths(buffer: ArrayLike<number>, m: Matrix): Subpath[] {
  const out: Subpath[] = [];
  let current: Subpath | null = null;
  const at = (x: number, y: number): Point => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  for (let k = 0; k < buffer.length; ) {
    const op = buffer[k++];
    if (op === MOVE_TO) {
      if (current && current.points.length > 1) out.push(current);
      current = { points: [at(buffer[k]!, buffer[k + 1]!)], curved: false };
      k += 2;
    } else if (op === LINE_TO) {
      current?.points.push(at(buffer[k]!, buffer[k + 1]!));
      k += 2;
    } else if (op === CURVE_TO || op === QUADRATIC_CURVE_TO) {
      const n = op === CURVE_TO ? 6 : 4;
      for (let j = 0; j < n; j += 2) current?.points.push(at(buffer[k + j]!, buffer[k + j + 1]!));
      if (current) current.curved = true;
      k += n;
    } else if (op === CLOSE_PATH) {
      if (current && current.points.length > 1) current.points.push(current.points[0]!);
    }
  }
  if (current && current.points.length > 1) out.push(current);
  return out;
}

/**
 * The painted paths of a page in page space, from pdfjs's operator list with the graphics state's
 * matrix (cm, q/Q, form XObjects) applied. `content: 'page'` leaves out annotation appearances
 * (a form's widgets are not its print).
 */
export async function readPagePaths(page: PDFPageProxy, content: 'page' | 'page-and-annotations' = 'page-and-annotations'): Promise<PagePath[]> {
  const { AnnotationMode, OPS } = await loadPdfjs();
  const PAINT = (paints ??= paintsOf(OPS));
  const { fnArray, argsArray } = await page.getOperatorList(content === 'page' ? { annotationMode: AnnotationMode.DISABLE } : {});
  const paths: PagePath[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) {
      const m = Array.from((args ?? []) as ArrayLike<number>);
      if (isMatrix(m)) ctm = compose(ctm, m);
    } else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] ? Array.from(args[0] as ArrayLike<number>) : [];
      if (isMatrix(m)) ctm = compose(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath) {
      const [paintOp, [buffer]] = args as [number, [ArrayLike<number> | null]];
      const paint = PAINT.get(paintOp);
      if (buffer && paint) paths.push({ paint, subpaths: subpaths(buffer, ctm) });
    }
  }
  return paths;
}
