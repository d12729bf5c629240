import type { OPS as PdfjsOps, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfjs } from '../pdf/open-pdf.js';
import { DRAW_OPS } from '../pdf/pdfjs-draw-ops.js';
import { GlyphShapeCounter } from './glyph-shape-counter.js';
import { compose, IDENTITY, isMatrix, type Matrix } from '../geometry/matrix.js';
import type { PageContent } from './page-content.js';

/** The operators this summary counts, by what they draw: built from pdfjs's OPS once pdfjs is loaded. */
function operatorClasses(OPS: typeof PdfjsOps) {
  const fill = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  return {
    text: new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]),
    image: new Set<number>([
      OPS.paintImageXObject,
      OPS.paintInlineImageXObject,
      OPS.paintImageMaskXObject,
      OPS.paintImageXObjectRepeat,
      OPS.paintInlineImageXObjectGroup,
      OPS.paintImageMaskXObjectGroup,
      OPS.paintImageMaskXObjectRepeat,
      OPS.paintSolidColorImageMask,
    ]),
    fill,
    paint: new Set<number>([...fill, OPS.stroke, OPS.closeStroke, OPS.shadingFill, OPS.rawFillPath]),
  };
}
let classes: ReturnType<typeof operatorClasses> | undefined;

type State = { ctm: Matrix; textMode: number };

/**
 * The same summary from pdfjs's operator list, for files pdf-lib cannot read (encrypted copies).
 * Costly on scans: building the list decodes every image. Sizes of repeated/grouped images are not kept.
 */
export async function pdfjsPageContent(page: PDFPageProxy): Promise<PageContent> {
  const { AnnotationMode, OPS } = await loadPdfjs();
  const { text: TEXT_OPS, image: IMAGE_OPS, fill: FILL_OPS, paint: PAINT_OPS } = (classes ??= operatorClasses(OPS));
  const { fnArray, argsArray } = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  const content: PageContent = { images: [], visibleText: 0, invisibleText: 0, vectorMarks: 0, glyphShapes: 0 };
  const stack: State[] = [];
  const glyphs = new GlyphShapeCounter();
  let state: State = { ctm: IDENTITY, textMode: 0 };
  fnArray.forEach((fn, i) => {
    const args = (argsArray[i] ?? []) as unknown[];
    if (fn === OPS.save) stack.push(state);
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform && isMatrix(args)) state = { ...state, ctm: compose(state.ctm, args) };
    else if (fn === OPS.paintFormXObjectBegin || fn === OPS.beginGroup) {
      // Both save the state and then apply the form's or group's matrix.
      stack.push(state);
      const matrix = fn === OPS.beginGroup ? (args[0] as { matrix?: unknown[] } | undefined)?.matrix : args[0];
      if (Array.isArray(matrix) && isMatrix(matrix)) state = { ...state, ctm: compose(state.ctm, matrix) };
    } else if (fn === OPS.paintFormXObjectEnd || fn === OPS.endGroup) state = stack.pop() ?? state;
    else if (fn === OPS.setTextRenderingMode && typeof args[0] === 'number') state = { ...state, textMode: args[0] };
    else if (TEXT_OPS.has(fn)) {
      if (state.textMode === 3) content.invisibleText++;
      else content.visibleText++;
    } else if (fn === OPS.constructPath) {
      if (args[0] !== OPS.endPath) content.vectorMarks++; // a path built only to clip paints nothing
      const [paintOp, [buffer] = []] = args as [number, (ArrayLike<number> | null)[] | undefined];
      if (buffer) countGlyphShapes(buffer, FILL_OPS.has(paintOp), glyphs);
    } else if (PAINT_OPS.has(fn)) content.vectorMarks++;
    else if (IMAGE_OPS.has(fn)) content.images.push({ matrix: state.ctm, ...imageSize(fn === OPS.paintImageXObject, args), stream: null });
  });
  content.glyphShapes = glyphs.count;
  return content;
}

function countGlyphShapes(buffer: ArrayLike<number>, filled: boolean, glyphs: GlyphShapeCounter): void {
  for (let k = 0; k < buffer.length; ) {
    const op = buffer[k++];
    if (op === DRAW_OPS.moveTo) glyphs.moveTo(buffer[k]!, buffer[k + 1]!);
    else if (op === DRAW_OPS.lineTo) glyphs.lineTo(buffer[k]!, buffer[k + 1]!);
    else if (op === DRAW_OPS.curveTo || op === DRAW_OPS.quadraticCurveTo) glyphs.curveTo();
    else if (op === DRAW_OPS.closePath) glyphs.closePath();
    k += op === DRAW_OPS.curveTo ? 6 : op === DRAW_OPS.quadraticCurveTo ? 4 : op === DRAW_OPS.closePath ? 0 : 2;
  }
  glyphs.paint(filled);
}

function imageSize(xObject: boolean, args: unknown[]): { width: number; height: number } {
  if (xObject) return { width: Number(args[1]) || 0, height: Number(args[2]) || 0 };
  const img = args[0] as { width?: number; height?: number } | undefined;
  return { width: img?.width ?? 0, height: img?.height ?? 0 };
}
