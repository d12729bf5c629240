import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { grayFromRgba, type GrayImage } from './gray-image.js';

type CanvasContext = {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
};

/**
 * Renders one page to gray with pdfjs on @napi-rs/canvas (the copy pdfjs itself loads: two copies
 * break rendering). pdfjs draws in slices of ~15 ms and asks `onContinue` before each next slice:
 * that is where `signal` stops a long render, and where timers (a document's deadline) get to run.
 */
export async function renderPdfPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number, signal?: AbortSignal): Promise<GrayImage> {
  signal?.throwIfAborted();
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  // pdfjs types its canvas factory as Object; in Node it is @napi-rs/canvas's.
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: CanvasContext } } }).canvasFactory;
  const { canvas, context } = factory.create(width, height);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  const task = page.render({ canvasContext: context as never, canvas: canvas as never, viewport });
  task.onContinue = (next: () => void) => {
    if (signal?.aborted) task.cancel();
    else setImmediate(next);
  };
  try {
    await task.promise;
  } catch (err) {
    page.cleanup();
    // pdfjs rejects a cancelled render with its own exception: the caller wants the abort's reason.
    if (signal?.aborted) throw signal.reason;
    throw err;
  }
  const gray = grayFromRgba(context.getImageData(0, 0, width, height).data, width, height, dpi);
  page.cleanup();
  return gray;
}
