import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFDocument } from 'pdf-lib';
import { contentStreamOps, type ContentOperand } from './content-stream-ops.js';
import { GlyphShapeCounter } from './glyph-shape-counter.js';
import { compose, IDENTITY, isMatrix, type Matrix } from '../geometry/matrix.js';
import type { PageContent } from './page-content.js';

const TEXT_OPS = new Set(['Tj', 'TJ', "'", '"']);
const FILL_OPS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const STROKE_OPS = ['S', 's'];
const PAINT_OPS = new Set([...FILL_OPS, ...STROKE_OPS, 'sh']);
// `n` ends a path painting nothing (after a clip).
const PATH_END_OPS = new Set([...FILL_OPS, ...STROKE_OPS, 'n']);
// Forms nest forms; real files stay shallow, hostile ones can recurse.
const MAX_FORM_DEPTH = 12;

type State = { ctm: Matrix; textMode: number };

/** Walks a page's content (and the form XObjects it paints) with pdf-lib; null when pdf-lib cannot follow it. */
export function pdfLibPageContent(doc: PDFDocument, pageIndex: number): PageContent | null {
  try {
    return readPageContent(doc, pageIndex);
  } catch {
    return null; // pdf-lib throws on objects of an unexpected type in damaged files: pdfjs reads those pages
  }
}

function readPageContent(doc: PDFDocument, pageIndex: number): PageContent | null {
  const page = doc.getPage(pageIndex).node;
  const content: PageContent = { images: [], visibleText: 0, invisibleText: 0, vectorMarks: 0, glyphShapes: 0 };
  const contents = page.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((s) => doc.context.lookup(s)) : [contents];
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (stream === undefined) continue;
    const data = stream instanceof PDFRawStream ? decoded(stream) : null;
    if (!data) return null;
    parts.push(data, new Uint8Array([10])); // page content streams split anywhere between tokens
  }
  const walked = walk(doc.context, Buffer.concat(parts), page.Resources(), { ctm: IDENTITY, textMode: 0 }, content, 0, new Set());
  return walked ? content : null;
}

function decoded(stream: PDFRawStream): Uint8Array | null {
  // Node's zlib inflates several times faster than pdf-lib's JavaScript: outlined text makes megabytes of paths.
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const flateOnly = filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'));
  if (flateOnly) {
    try {
      // A truncated stream gives what it holds, as pdf-lib's decoder does.
      return inflateSync(stream.contents, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    } catch {
      // a damaged stream: pdf-lib's decoder may still get something out of it
    }
  }
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
    return null;
  }
}

function walk(
  context: PDFContext,
  data: Uint8Array,
  resources: PDFDict | undefined,
  start: State,
  out: PageContent,
  depth: number,
  open: Set<PDFRawStream>,
): boolean {
  const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const stack: State[] = [];
  const glyphs = new GlyphShapeCounter();
  let state = start;
  for (const { op, operands } of contentStreamOps(data)) {
    const [x, y] = operands;
    if (op === 'm' && typeof x === 'number' && typeof y === 'number') glyphs.moveTo(x, y);
    else if (op === 'l' && typeof x === 'number' && typeof y === 'number') glyphs.lineTo(x, y);
    else if (op === 'c' || op === 'v' || op === 'y') glyphs.curveTo();
    else if (op === 're') glyphs.rectangle();
    else if (op === 'h') glyphs.closePath();
    else if (PATH_END_OPS.has(op)) glyphs.paint(FILL_OPS.has(op));

    if (op === 'q') stack.push(state);
    else if (op === 'Q') state = stack.pop() ?? start;
    else if (op === 'cm' && isMatrix(operands)) state = { ...state, ctm: compose(state.ctm, operands) };
    else if (op === 'Tr' && typeof operands[0] === 'number') state = { ...state, textMode: operands[0] };
    else if (TEXT_OPS.has(op)) {
      if (state.textMode === 3) out.invisibleText++;
      else out.visibleText++;
    } else if (PAINT_OPS.has(op)) out.vectorMarks++;
    else if (op === 'ID') {
      out.images.push({ matrix: state.ctm, width: dictNumber(operands, '/W', '/Width'), height: dictNumber(operands, '/H', '/Height'), stream: null });
    } else if (op === 'Do' && typeof operands[0] === 'string' && xObjects) {
      const xObject = context.lookup(xObjects.get(PDFName.of(operands[0].slice(1))));
      if (!(xObject instanceof PDFRawStream)) continue;
      const subtype = xObject.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.asString();
      if (subtype === '/Image') {
        out.images.push({ matrix: state.ctm, width: numberEntry(xObject.dict, 'Width'), height: numberEntry(xObject.dict, 'Height'), stream: xObject });
      } else if (subtype === '/Form' && depth < MAX_FORM_DEPTH && !open.has(xObject)) {
        const formData = decoded(xObject);
        if (!formData) return false;
        const matrix = xObject.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray)?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)) ?? IDENTITY;
        const formState = { ...state, ctm: isMatrix(matrix) ? compose(state.ctm, matrix) : state.ctm };
        const formResources = xObject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources;
        open.add(xObject);
        const ok = walk(context, formData, formResources, formState, out, depth + 1, open);
        open.delete(xObject);
        if (!ok) return false;
      }
    }
  }
  out.glyphShapes += glyphs.count;
  return true;
}

function numberEntry(dict: PDFDict, key: string): number {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

/** An inline image's dictionary arrives as operands: a key name followed by its value. */
function dictNumber(operands: ContentOperand[], ...keys: string[]): number {
  for (let i = 0; i + 1 < operands.length; i++) {
    const value = operands[i + 1];
    if (keys.includes(operands[i] as string) && typeof value === 'number') return value;
  }
  return 0;
}
