import type { PDFDocumentProxy } from '../pdf/open-pdf.js';
import { grayFromRgba, type GrayImage } from './gray-image.js';

type CanvasContext = {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
};

/**
 * Renders one page to gray with pdfjs on @napi-rs/canvas (the copy pdfjs itself loads: two copies
 * break rendering). Blocks the event loop for the length of the render: call it from a worker.
 */
export async function renderPdfPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number): Promise<GrayImage> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  // pdfjs types its canvas factory as Object; in Node it is @napi-rs/canvas's.
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: CanvasContext } } }).canvasFactory;
  const { canvas, context } = factory.create(width, height);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvasContext: context as never, canvas: canvas as never, viewport }).promise;
  const gray = grayFromRgba(context.getImageData(0, 0, width, height).data, width, height, dpi);
  page.cleanup();
  return gray;
}
