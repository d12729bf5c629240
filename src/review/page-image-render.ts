import { mega, type Limits } from '../config/limits.js';
import { AcordPrepError } from '../errors.js';
import { openOriginalPages, type PageRaster } from '../read/raster/original-page-rasters.js';
import { PageImageError } from './page-image-error.js';

/** Rasters one page of a stored original at `dpi`; PageImages takes another one in tests, to count renders. */
export type PageRenderer = (original: { sha256: string; bytes: Uint8Array }, page: number, options: { dpi: number; limits: Limits; signal?: AbortSignal }) => Promise<PageRaster>;

/**
 * One page of a stored original as pixels, through the readers the extraction uses (pdfjs for PDFs, the
 * image decoders for TIFF, JPEG and PNG files), every bound of `limits` applied. Whatever goes wrong
 * comes out as a PageImageError saying what it is about.
 */
export const renderStoredPage: PageRenderer = async ({ sha256, bytes }, page, { dpi, limits, signal }) => {
  const fileName = `original ${sha256.slice(0, 12)}`;
  if (bytes.byteLength > limits.fileBytes) {
    throw new PageImageError(sha256, 'too-large', `the file is ${mega(bytes.byteLength, 1024 * 1024)} MB, over the ${mega(limits.fileBytes, 1024 * 1024)} MB a file may be: open the original file`, page);
  }
  try {
    const pages = await openOriginalPages({ fileName, bytes }, dpi, limits);
    if (!pages) throw new PageImageError(sha256, 'no-page-image', 'the original has no pages to show (ACORD XML or a file of no kind we draw): its values are shown without a page image');
    try {
      if (page > pages.pageCount) throw new PageImageError(sha256, 'not-found', `the original has ${pages.pageCount} page(s); there is no page ${page}`, page);
      return await pages.page(page, signal);
    } finally {
      await pages.close();
    }
  } catch (err) {
    if (err instanceof PageImageError) throw err;
    if (signal?.aborted) throw new PageImageError(sha256, 'timeout', 'drawing the page took too long; try again in a moment, or open the original file', page);
    // The reader's sentence without its own "original … (page n): " in front: ours says it.
    const detail = (err as Error).message.replace(new RegExp(`^${fileName}( \\(page \\d+\\))?: `), '');
    if (err instanceof AcordPrepError && err.code.endsWith('too-large')) throw new PageImageError(sha256, 'too-large', detail, page);
    throw new PageImageError(sha256, 'unreadable', `the page cannot be drawn (${detail}); open the original file`, page);
  }
};
