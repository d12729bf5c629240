import { constants as zlibConstants, deflateSync, inflateSync } from 'node:zlib';
import {
  beginMarkedContent,
  clip,
  concatTransformationMatrix,
  decodePDFRawStream,
  drawObject,
  endMarkedContent,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFDocument,
  type PDFObject,
  type PDFObjectCopier,
  type PDFPage,
} from 'pdf-lib';
import type { Rect } from '../../../schemas/field.js';
import { applyMatrix, compose, IDENTITY, isMatrix, type Matrix } from '../../read/geometry/matrix.js';
import { copierFor } from './original-copier.js';

/** The page around a flag's box as the original's own vector content, drawn into the packet by drawVectorCrop. */
export type VectorCrop = {
  kind: 'vector';
  /** Size of the region shown, in page points as displayed (after /Rotate). */
  width: number;
  height: number;
  /** Page points: the unit of width, height and box. */
  dpi: 72;
  /** The flagged box inside the region (points, origin top-left). */
  box: [number, number, number, number];
  page: VectorPage;
  /** Maps the page's user space to the region (points, origin bottom-left). */
  toRegion: Matrix;
  widgets: WidgetAppearance[];
};

/** A widget's normal appearance as it stands on the page: the stream, and where the form's bbox lands (PDF 32000 §12.5.5). */
type WidgetAppearance = { stream: PDFRef | PDFStream; matrix: Matrix };
type Bounds = [number, number, number, number];

/** One page of a pdf-lib-readable original: its content (Flate-encoded), copied once into each packet that shows it. */
type VectorPage = { forms: WeakMap<PDFDocument, PDFRef>; source: PDFDocument; index: number; content: Uint8Array };

/** A widget value shaped like a FEIN or SSN: a crop showing one goes the raster way, so its digits are never page text. */
const TAX_ID_VALUE = /^\s*(\d{2}-?\d{7}|\d{3}-?\d{2}-?\d{4})\s*$/;
// Annotation flags (PDF 32000 table 165) a viewer does not show.
const HIDDEN = 2;
const NO_VIEW = 32;

/**
 * Crops of the fillable pages of one original, as vector: the page's content clipped to the region
 * around the box, with the appearances of the widgets in that region drawn over it (the values live
 * there, not in the page content). Copying the content costs a few milliseconds where pdfjs spends
 * 100–200 ms building a page's operator list. A crop is null (the caller renders it instead) where the
 * page has no widgets (a flat or scanned page: its values are page text, the whole page's text would
 * ride along), where a widget of the region shows a tax id or holds a value without an appearance to
 * draw, and for pages turned by an angle that is not a quarter turn.
 */
export function vectorCropper(source: PDFDocument): (pageNumber: number, rect: Rect, context: { x: number; y: number }) => VectorCrop | null {
  const pages = new Map<number, (VectorPage & { widgets: Widget[] }) | null>();
  const pageAt = (index: number) => {
    try {
      const widgets = pageWidgets(source, index);
      return widgets.length ? { forms: new WeakMap(), source, index, content: pageContent(source, index), widgets } : null;
    } catch {
      return null; // pdf-lib throws on objects of an unexpected type and on filters it cannot decode: pdfjs renders those pages
    }
  };
  return (pageNumber, [x, y, w, h], context) => {
    if (pageNumber > source.getPageCount()) return null;
    if (!pages.has(pageNumber)) pages.set(pageNumber, pageAt(pageNumber - 1));
    const page = pages.get(pageNumber);
    const view = page && displayMatrix(source.getPage(page.index));
    if (!page || !view) return null;
    const box = bounds(view.matrix, [x, y, x + w, y + h]);
    const region: Bounds = [Math.max(0, box[0] - context.x), Math.max(0, box[1] - context.y), Math.min(view.width, box[2] + context.x), Math.min(view.height, box[3] + context.y)];
    if (region[2] - region[0] < 3 || region[3] - region[1] < 3) return null;
    const shown = page.widgets.filter((widget) => overlaps(bounds(view.matrix, widget.rect), region));
    if (shown.some((widget) => TAX_ID_VALUE.test(widget.value) || (widget.value && !widget.appearance))) return null;
    return {
      kind: 'vector',
      width: region[2] - region[0],
      height: region[3] - region[1],
      dpi: 72,
      box: [box[0] - region[0], region[3] - box[3], box[2] - box[0], box[3] - box[1]],
      page,
      toRegion: compose([1, 0, 0, 1, -region[0], -region[1]], view.matrix),
      widgets: shown.flatMap((widget) => (widget.appearance ? [widget.appearance] : [])),
    };
  };
}

/**
 * Draws a vector crop on a packet page with its bottom-left corner at (x, y), `scale` packet points per
 * page point, clipped to the region. Marked as a figure: its text is the original's, not the packet's.
 */
export function drawVectorCrop(target: PDFPage, crop: VectorCrop, x: number, y: number, scale: number): void {
  const packet = target.doc;
  const copier = copierFor(packet, crop.page.source);
  let form = crop.page.forms.get(packet);
  if (!form) crop.page.forms.set(packet, (form = pageForm(packet, copier, crop.page)));
  const [a, b, c, d, e, f] = crop.toRegion;
  const operators = [
    beginMarkedContent('Figure'),
    pushGraphicsState(),
    rectangle(x, y, crop.width * scale, crop.height * scale),
    clip(),
    endPath(),
    concatTransformationMatrix(a * scale, b * scale, c * scale, d * scale, e * scale + x, f * scale + y),
    drawObject(target.node.newXObject('Page', form)),
  ];
  for (const widget of crop.widgets) {
    const stream = copier.copy(widget.stream);
    const name = target.node.newXObject('Widget', stream instanceof PDFRef ? stream : packet.context.register(stream));
    operators.push(pushGraphicsState(), concatTransformationMatrix(...widget.matrix), drawObject(name), popGraphicsState());
  }
  operators.push(popGraphicsState(), endMarkedContent());
  target.pushOperators(...operators);
}

/**
 * The page's content as one Flate stream, as a form XObject wants it: a page drawn in one Flate stream
 * (the usual case) keeps its compressed bytes, checked to inflate; several, or other filters, are decoded,
 * joined and deflated again.
 */
function pageContent(source: PDFDocument, index: number): Uint8Array {
  const contents = source.getPage(index).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => source.context.lookup(ref)) : [contents];
  const only = streams.length === 1 ? streams[0] : undefined;
  if (only instanceof PDFRawStream && only.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !only.dict.has(PDFName.of('DecodeParms'))) {
    // Throws on bytes that do not inflate, as decoding them would: pdfjs renders that page instead.
    inflateSync(only.contents, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    return only.contents;
  }
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (stream instanceof PDFRawStream) parts.push(decodePDFRawStream(stream).decode());
    else if (stream instanceof PDFContentStream) parts.push(stream.getUnencodedContents());
    // Content streams may split anywhere between tokens: a newline keeps the last token of one off the first of the next.
    parts.push(new Uint8Array([10]));
  }
  return deflateSync(Buffer.concat(parts));
}

/** The page's content and resources as a form XObject of the packet, its bbox the page's crop box. */
function pageForm(packet: PDFDocument, copier: PDFObjectCopier, { source, index, content }: VectorPage): PDFRef {
  const page = source.getPage(index);
  const { x, y, width, height } = page.getCropBox();
  const resources = page.node.Resources();
  return packet.context.register(
    packet.context.stream(content, {
      Type: 'XObject',
      Filter: 'FlateDecode',
      Subtype: 'Form',
      BBox: [x, y, x + width, y + height],
      ...(resources ? { Resources: copier.copy(resources) } : {}),
    }),
  );
}

type Widget = { rect: Bounds; value: string; appearance: WidgetAppearance | null };

/** The visible widgets of a page: where each sits, its field's value, and the appearance a viewer draws for it. */
function pageWidgets(doc: PDFDocument, index: number): Widget[] {
  const annots = doc.getPage(index).node.Annots();
  const widgets: Widget[] = [];
  for (let i = 0; i < (annots?.size() ?? 0); i++) {
    const annot = annots!.lookupMaybe(i, PDFDict);
    if (annot?.lookupMaybe(PDFName.of('Subtype'), PDFName) !== PDFName.of('Widget')) continue;
    const flags = annot.lookupMaybe(PDFName.of('F'), PDFNumber)?.asNumber() ?? 0;
    const corners = numbers(doc, annot.lookupMaybe(PDFName.of('Rect'), PDFArray));
    if (flags & (HIDDEN | NO_VIEW) || corners?.length !== 4) continue;
    const [x0, y0, x1, y1] = corners;
    const rect: Bounds = [Math.min(x0!, x1!), Math.min(y0!, y1!), Math.max(x0!, x1!), Math.max(y0!, y1!)];
    widgets.push({ rect, value: fieldValue(annot), appearance: normalAppearance(doc, annot, rect) });
  }
  return widgets;
}

/** The field's /V, inherited from its parents (a widget is often a kid of its field), as text; '' when none or Off. */
function fieldValue(widget: PDFDict): string {
  for (let node: PDFDict | undefined = widget, depth = 0; node && depth < 32; node = node.lookupMaybe(PDFName.of('Parent'), PDFDict), depth++) {
    const v: PDFObject | undefined = node.lookup(PDFName.of('V'));
    if (v === undefined) continue;
    if (v instanceof PDFString || v instanceof PDFHexString) return v.decodeText();
    if (v instanceof PDFName) return v.decodeText() === 'Off' ? '' : v.decodeText();
    return '';
  }
  return '';
}

/** The appearance drawn for the widget now, placed on the page; null when it has none (an empty box in many files). */
function normalAppearance(doc: PDFDocument, widget: PDFDict, rect: Bounds): WidgetAppearance | null {
  const n = widget.lookupMaybe(PDFName.of('AP'), PDFDict)?.get(PDFName.of('N'));
  let ref: PDFObject | undefined = n;
  const looked = n && doc.context.lookup(n);
  if (looked instanceof PDFDict && !(looked instanceof PDFStream)) {
    // A checkbox or radio button: one appearance per state, the widget's /AS says which is on.
    const state = widget.lookupMaybe(PDFName.of('AS'), PDFName);
    ref = state && looked.get(state);
  }
  const stream = ref && doc.context.lookup(ref);
  if (!(stream instanceof PDFStream) || !(ref instanceof PDFRef || ref instanceof PDFStream)) return null;
  const bbox = numbers(doc, stream.dict.lookupMaybe(PDFName.of('BBox'), PDFArray));
  const formMatrix = numbers(doc, stream.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray));
  if (bbox?.length !== 4) return null;
  const m: Matrix = formMatrix && isMatrix(formMatrix) ? formMatrix : IDENTITY;
  // §12.5.5: the form's bbox, through its matrix, is fitted to the annotation's rectangle.
  const [bx0, by0, bx1, by1] = bounds(m, bbox as Bounds);
  const sx = bx1 > bx0 ? (rect[2] - rect[0]) / (bx1 - bx0) : 1;
  const sy = by1 > by0 ? (rect[3] - rect[1]) / (by1 - by0) : 1;
  return { stream: ref, matrix: [sx, 0, 0, sy, rect[0] - sx * bx0, rect[1] - sy * by0] };
}

/** Maps user space to the page as displayed: origin bottom-left of the crop box, turned by /Rotate. */
function displayMatrix(page: PDFPage): { matrix: Matrix; width: number; height: number } | null {
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const { x, y, width, height } = page.getCropBox();
  const [x1, y1] = [x + width, y + height];
  if (rotation === 0) return { matrix: [1, 0, 0, 1, -x, -y], width, height };
  if (rotation === 90) return { matrix: [0, -1, 1, 0, -y, x1], width: height, height: width };
  if (rotation === 180) return { matrix: [-1, 0, 0, -1, x1, y1], width, height };
  if (rotation === 270) return { matrix: [0, 1, -1, 0, y1, -x], width: height, height: width };
  return null;
}

/** A PDF array of numbers as numbers; undefined when absent or holding anything else. */
function numbers(doc: PDFDocument, array: PDFArray | undefined): number[] | undefined {
  const values = array?.asArray().map((o) => doc.context.lookup(o));
  return values?.every((v) => v instanceof PDFNumber) ? values.map((v) => (v as PDFNumber).asNumber()) : undefined;
}

function bounds(m: Matrix, [x0, y0, x1, y1]: Bounds): Bounds {
  const corners = [applyMatrix(m, x0, y0), applyMatrix(m, x1, y0), applyMatrix(m, x0, y1), applyMatrix(m, x1, y1)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const overlaps = (a: Bounds, b: Bounds) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
