import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Rect } from '../../../schemas/field.js';
import { readPagePaths, type PagePath } from '../pdf/read-page-paths.js';

/** Check marks are small; anything larger is artwork (rules, logos) and is not kept. */
const MAX_MARK_SIZE = 40;
/** A segment counts as slanted when it moves this far (points) along both axes. */
const SLANT = 0.3;

/**
 * The bounding boxes (page points) of small painted paths with a slanted or curved stroke: how a
 * check box's "on" state is drawn once a form is flattened. ACORD's own appearance is an X of two
 * stroked lines, and printer drivers turn ZapfDingbats ticks into outlines; neither is text. A box's
 * printed border is all horizontal and vertical lines, so it never counts.
 */
export async function readPageMarks(page: PDFPageProxy): Promise<Rect[]> {
  const marks: Rect[] = [];
  for (const path of await readPagePaths(page)) {
    const mark = slantedPathBox(path);
    if (mark) marks.push(mark);
  }
  return marks;
}

/** The page-space box of a path with at least one slanted or curved segment, if it is mark-sized. */
function slantedPathBox(path: PagePath): Rect | null {
  const points = path.subpaths.flatMap((s) => s.points);
  if (points.length === 0) return null;
  const slanted = path.subpaths.some(
    (s) => s.curved || s.points.some(([x, y], i) => i > 0 && Math.abs(x - s.points[i - 1]![0]) > SLANT && Math.abs(y - s.points[i - 1]![1]) > SLANT),
  );
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (!slanted || x1 - x0 > MAX_MARK_SIZE || y1 - y0 > MAX_MARK_SIZE) return null;
  return [x0, y0, x1 - x0, y1 - y0];
}
