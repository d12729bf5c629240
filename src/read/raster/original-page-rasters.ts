import type { Rect } from '../../../schemas/field.js';
import { DEFAULT_LIMITS, mega, type Limits } from '../../config/limits.js';
import { PdfReadError } from '../../errors.js';
import { sniffFileKind } from '../file-kinds/sniff-file-kind.js';
import { openPdf } from '../pdf/open-pdf.js';
import { atMostDpi } from './at-most-dpi.js';
import type { GrayImage } from './gray-image.js';
import { openImageFile } from './image-file-pages.js';
import { applyMatrix, isMatrix, type Matrix } from '../geometry/matrix.js';
import { renderPdfPage } from './render-pdf-page.js';

/** One page of an original as gray pixels, and where its points fall on them. */
export type PageRaster = {
  image: GrayImage;
  /** The page as a viewer shows it (its /Rotate applied), in points. */
  widthPt: number;
  heightPt: number;
  /** A source rect's space (PDF points, origin bottom-left) → the image's pixels (origin top-left, y down). */
  toPixels: Matrix;
};

/** An original opened to raster its pages one at a time. */
export type OriginalPages = {
  readonly pageCount: number;
  /** Page n (1-based); `signal` stops a PDF render between its slices. */
  page(n: number, signal?: AbortSignal): Promise<PageRaster>;
  close(): Promise<void>;
};

/** [x0, y0, x1, y1] in pixels, origin top-left. */
export type PixelBox = [number, number, number, number];

/**
 * Opens an original to raster its pages at `dpi`: a PDF page rendered by pdfjs (encrypted copies
 * included), an image file's page decoded and scaled down to `dpi` (never up: a 72 dpi fax stays 72).
 * A PDF page that would render to more pixels than a page may have is refused before it is drawn.
 * Null for a file without pages (XML, anything unknown).
 */
export async function openOriginalPages({ fileName, bytes }: { fileName: string; bytes: Uint8Array }, dpi: number, limits: Limits = DEFAULT_LIMITS): Promise<OriginalPages | null> {
  const kind = sniffFileKind(bytes).kind;
  if (kind === 'image') {
    const file = openImageFile(bytes, fileName, limits);
    return {
      pageCount: file.pageCount,
      page: async (n) => {
        const image = atMostDpi(await file.page(n), dpi);
        // The rect of a value read from an image page is in the page's points, origin bottom-left, at the image's dpi.
        const k = image.dpi / 72;
        return { image, widthPt: image.width / k, heightPt: image.height / k, toPixels: [k, 0, 0, -k, 0, image.height] };
      },
      close: async () => undefined,
    };
  }
  if (kind !== 'pdf') return null;
  const doc = await openPdf(bytes, fileName, limits);
  return {
    pageCount: doc.numPages,
    page: async (n, signal) => {
      const pdfPage = await doc.getPage(n);
      const viewport = pdfPage.getViewport({ scale: dpi / 72 });
      const pixels = Math.round(viewport.width) * Math.round(viewport.height);
      if (pixels > limits.pixelsPerPage) {
        throw new PdfReadError(fileName, 'too-large', `page ${n} is ${Math.round(viewport.width)} × ${Math.round(viewport.height)} pixels at ${dpi} dpi (${mega(pixels)} MP); pages over ${mega(limits.pixelsPerPage)} MP are refused: open the original file`);
      }
      const image = await renderPdfPage(doc, n, dpi, signal);
      // The viewport maps PDF user space (origin bottom-left, media box offset, /Rotate) to the render's pixels.
      const toPixels = viewport.transform;
      if (!isMatrix(toPixels)) throw new PdfReadError(fileName, 'corrupt', `page ${n} has no usable page box`);
      const { width, height } = pdfPage.getViewport({ scale: 1 });
      return { image, widthPt: width, heightPt: height, toPixels };
    },
    close: () => doc.destroy(),
  };
}

/** Where a rect (points, origin bottom-left) lands on a page raster: its bounding box in pixels. */
export function pixelBox(toPixels: Matrix, [x, y, w, h]: Rect): PixelBox {
  const corners = [applyMatrix(toPixels, x, y), applyMatrix(toPixels, x + w, y), applyMatrix(toPixels, x, y + h), applyMatrix(toPixels, x + w, y + h)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
