import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFAULT_LIMITS, mega, type Limits } from '../../config/limits.js';
import { ImageReadError, PdfReadError } from '../../errors.js';
import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { decodeCanvasImage, paintGray } from './canvas-image.js';
import type { GrayImage } from './gray-image.js';
import { jpegAsGray } from './jpeg-as-gray.js';
import { readJpegHeader, withoutExif } from './jpeg-header.js';
import { imageCoverage, SCAN_COVERAGE } from './image-coverage.js';
import { compose, isMatrix, type Matrix } from '../geometry/matrix.js';
import { pageContent, type ImagePlacement } from './page-content.js';
import { renderPdfPage } from './render-pdf-page.js';

/** `via` tells how the pixels were got: the page's own JPEG decoded natively, or a pdfjs render. */
export type ScannedPageImage = GrayImage & { via: 'embedded-jpeg' | 'render' };

// OCR gains nothing above 300 dpi; below 200 it loses characters, so renders never go lower.
const MAX_DPI = 300;
const MIN_RENDER_DPI = 200;
const COLOR_SPACES = new Set(['/DeviceGray', '/DeviceRGB', '/CalGray', '/CalRGB']);

/**
 * The page (1-based) of a scanned PDF as gray, upright as a viewer shows it (its /Rotate applied),
 * at the scan's own resolution up to 300 dpi. When the page paints nothing but one JPEG, that JPEG is
 * taken out with pdf-lib and decoded natively: straight to gray by libjpeg-turbo when it fills the page
 * pixel for pixel (jpegAsGray, ~20× cheaper than Skia), by Skia otherwise (about 3× cheaper than a
 * pdfjs render, which decodes in JavaScript). Anything else — CCITT, Flate, several images, marks
 * drawn over the scan — is rendered.
 * A page with no page-size image (text drawn as outlines) is rendered at 300 dpi. A page painting an
 * image over the per-image pixel limit is refused before anything is decoded (pdfjs, opened with
 * that limit as `maxImageSize`, would skip it and read a blank page).
 */
export async function scannedPageImage(bytes: Uint8Array, doc: PDFDocumentProxy, pageNumber: number, options: { limits?: Limits; fileName?: string; signal?: AbortSignal } = {}): Promise<ScannedPageImage> {
  const { limits = DEFAULT_LIMITS, fileName = 'the PDF', signal } = options;
  const page = await doc.getPage(pageNumber);
  const content = await pageContent(bytes, doc, pageNumber);
  const huge = content.images.find((i) => i.width * i.height > limits.pixelsPerImage);
  if (huge) {
    throw new PdfReadError(
      fileName,
      'too-large',
      `page ${pageNumber} paints an image of ${huge.width} × ${huge.height} pixels (${mega(huge.width * huge.height)} MP); images over ${mega(limits.pixelsPerImage)} MP are refused: rescan at 300 dpi`,
    );
  }
  const single = content.images.length === 1 ? content.images[0] : undefined;
  if (single?.stream && content.visibleText === 0 && content.vectorMarks === 0) {
    const image = await embeddedJpeg(single, single.stream, page, limits);
    if (image) return { ...image, via: 'embedded-jpeg' };
  }
  // A logo on a page drawn in vectors (text as outlines) says nothing of the page's resolution.
  const scan = single && imageCoverage([single], page.view) >= SCAN_COVERAGE ? single : undefined;
  const ownDpi = scan ? imageDpi(scan) : MAX_DPI;
  const dpi = cappedDpi(page, Math.min(MAX_DPI, Math.max(MIN_RENDER_DPI, Math.round(ownDpi))), limits);
  return { ...(await renderPdfPage(doc, pageNumber, dpi, signal)), via: 'render' };
}

/** Whether `matrix` puts image pixel (x, y) at page pixel (x, y), to within a hundredth of a pixel anywhere on a page. */
function isUnscaled([a, b, c, d, e, f]: Matrix): boolean {
  const near = (v: number, to: number) => Math.abs(v - to) < 1e-6;
  return near(a, 1) && near(b, 0) && near(c, 0) && near(d, 1) && Math.abs(e) < 0.01 && Math.abs(f) < 0.01;
}

/** Null when the image is not a plain gray/RGB JPEG that Skia would show as the PDF means it. */
async function embeddedJpeg(placement: ImagePlacement, stream: PDFRawStream, page: PDFPageProxy, limits: Limits): Promise<GrayImage | null> {
  const { dict } = stream;
  const get = (key: string) => dict.context.lookup(dict.get(PDFName.of(key)));
  const filter = get('Filter');
  const filters = filter instanceof PDFArray ? filter.asArray().map((f) => dict.context.lookup(f)) : [filter];
  if (filters.length !== 1 || !(filters[0] instanceof PDFName) || filters[0].asString() !== '/DCTDecode') return null;
  // Masks, decode arrays and explicit colour transforms change what the JPEG's pixels mean on the page.
  if (get('SMask') || get('Mask') || get('Decode') || get('DecodeParms') || get('ImageMask')?.toString() === 'true') return null;
  if (!plainColorSpace(get('ColorSpace'), dict)) return null;
  const { width, height } = placement;
  if (width * height > limits.pixelsPerImage) return null;
  const label = `page ${page.pageNumber} image`;
  try {
    const header = readJpegHeader(stream.contents, label);
    if (header.width !== width || header.height !== height) return null;
    // PDF ignores EXIF orientation; Skia would apply it.
    const jpeg = header.orientation === 1 ? stream.contents : withoutExif(stream.contents, header);
    const dpi = cappedDpi(page, Math.min(MAX_DPI, imageDpi(placement)), limits);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const toUnitSquare: Matrix = [1 / width, 0, 0, -1 / height, 0, 1]; // image rows run top-down, PDF y runs up
    const pageToPixels = viewport.transform;
    if (!isMatrix(pageToPixels)) return null;
    const matrix = compose(pageToPixels, compose(placement.matrix, toUnitSquare));
    const [pageWidth, pageHeight] = [Math.round(viewport.width), Math.round(viewport.height)];
    // A scan that fills the page at its own resolution (the usual case) is the JPEG's own pixels.
    const gray = pageWidth === width && pageHeight === height && isUnscaled(matrix) ? jpegAsGray(jpeg, dpi) : null;
    if (gray) return gray;
    const image = await decodeCanvasImage(jpeg, label);
    if (image.width !== width || image.height !== height) return null;
    return paintGray(image, pageWidth, pageHeight, dpi, matrix);
  } catch (err) {
    if (err instanceof ImageReadError) return null; // a damaged JPEG: pdfjs renders what it can
    throw err;
  }
}

function plainColorSpace(space: PDFObject | undefined, dict: PDFDict): boolean {
  if (space instanceof PDFName) return COLOR_SPACES.has(space.asString());
  if (!(space instanceof PDFArray)) return false;
  const [family, param] = space.asArray().map((o) => dict.context.lookup(o));
  if (!(family instanceof PDFName)) return false;
  if (family.asString() !== '/ICCBased') return COLOR_SPACES.has(family.asString());
  const n = param instanceof PDFRawStream ? param.dict.get(PDFName.of('N')) : undefined;
  const components = n instanceof PDFRef ? dict.context.lookup(n) : n;
  return components?.toString() === '1' || components?.toString() === '3';
}

/** Samples per inch of a placed image: its pixel count over the length it is drawn at, the finer axis. */
function imageDpi({ matrix, width, height }: ImagePlacement): number {
  const across = Math.hypot(matrix[0], matrix[1]) / 72;
  const down = Math.hypot(matrix[2], matrix[3]) / 72;
  return Math.max(across ? width / across : 0, down ? height / down : 0) || MAX_DPI;
}

/** Lowers the dpi so an oversized page stays under the pixel cap. */
function cappedDpi(page: PDFPageProxy, dpi: number, limits: Limits): number {
  const { width, height } = page.getViewport({ scale: 1 / 72 });
  const maxDpi = Math.floor(Math.sqrt(limits.pixelsPerPage / (width * height)));
  return Math.min(dpi, maxDpi);
}
