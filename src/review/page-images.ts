import pLimit, { type LimitFunction } from 'p-limit';
import type { Rect } from '../../schemas/field.js';
import { Sha256 } from '../../schemas/intake.js';
import { DEFAULT_LIMITS, type Limits } from '../config/limits.js';
import { CROP_DPI, cropRegion } from '../assemble/packet/flag-crops.js';
import { encodeGrayImage } from '../read/raster/encode-gray-image.js';
import { pixelBox } from '../read/raster/original-page-rasters.js';
import type { ContentStore } from '../store/content-store.js';
import { PageImageCache, type PageGeometry } from './page-image-cache.js';
import { cropWithOutline, paintMasks } from './page-image-drawing.js';
import { PageImageError } from './page-image-error.js';
import { renderStoredPage, type PageRenderer } from './page-image-render.js';
import type { PageImage, PageImageSource } from './page-image-source.js';

export type PageImagesOptions = {
  store: Pick<ContentStore, 'has' | 'read'>;
  /** Where rendered pages are kept (the service gives `<dataDir>/page-cache`). */
  cacheDir: string;
  limits?: Limits;
  /** Pixels per inch of a page image: the packet's crop resolution, enough to read 8-point form text. */
  dpi?: number;
  /** Pages drawn at once: each costs a core and a page of pixels; more wait their turn. */
  renderConcurrency?: number;
  /** How long drawing one page may take before it is given up (a `timeout` the reviewer may retry). */
  renderTimeoutMs?: number;
  render?: PageRenderer;
};

/**
 * The review desk's page images, drawn on demand from the stored originals and kept on disk: a page is
 * drawn once (the first request; requests arriving meanwhile wait for that drawing), then every mask
 * variant and crop of it is cut from the cached page, and each of those is cached too, so a repeated
 * request is a file read. Tax-id boxes are painted over before any image leaves: the masked variants
 * are what is served; the page as drawn stays in the cache folder, beside the originals it came from.
 */
export class PageImages implements PageImageSource {
  private readonly store: PageImagesOptions['store'];
  private readonly cache: PageImageCache;
  private readonly limits: Limits;
  private readonly dpi: number;
  private readonly timeoutMs: number;
  private readonly render: PageRenderer;
  private readonly drawing: LimitFunction;

  constructor(options: PageImagesOptions) {
    this.store = options.store;
    this.cache = new PageImageCache(options.cacheDir);
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.dpi = options.dpi ?? CROP_DPI;
    this.timeoutMs = options.renderTimeoutMs ?? 30_000;
    this.render = options.render ?? renderStoredPage;
    this.drawing = pLimit(options.renderConcurrency ?? 2);
  }

  async page(sha256: string, page: number, mask: readonly Rect[]): Promise<PageImage> {
    const geometry = await this.geometry(sha256, page);
    return { png: await this.masked(sha256, page, geometry, mask), widthPt: geometry.widthPt, heightPt: geometry.heightPt };
  }

  async crop(sha256: string, page: number, rect: Rect, mask: readonly Rect[]): Promise<Uint8Array> {
    const geometry = await this.geometry(sha256, page);
    const box = pixelBox(geometry.toPixels, rect);
    const region = cropRegion(box, geometry);
    if (!region) {
      const size = `${Math.round(geometry.widthPt)} × ${Math.round(geometry.heightPt)} pt`;
      throw new PageImageError(sha256, 'no-page-image', `the box [${rect.join(', ')}] lies off the page (${size}); open the whole page`, page);
    }
    const file = this.cache.pathOf(sha256, page, this.dpi, { kind: 'crop', mask, rect });
    return this.cache.readOrMake(file, this.readPng, async () => {
      const crop = await cropWithOutline(await this.masked(sha256, page, geometry, mask), region, box, `page ${page} image`);
      await this.cache.write(file, crop);
      return crop;
    });
  }

  /** The page's geometry, drawing the page first when it is not cached. */
  private async geometry(sha256: string, page: number): Promise<PageGeometry> {
    if (!Sha256.safeParse(sha256).success) throw new PageImageError(sha256, 'not-found', 'this is not a stored original: a document id is the sha256 of its bytes, 64 hex digits');
    if (!Number.isInteger(page) || page < 1) throw new PageImageError(sha256, 'not-found', `"${page}" is not a page number: pages count from 1`);
    const file = this.cache.pathOf(sha256, page, this.dpi, { kind: 'geometry' });
    return this.cache.readOrMake(file, (f) => this.cache.readGeometry(f), () => this.draw(sha256, page));
  }

  /** Draws the page, keeps the drawing and then its geometry: a geometry file says its drawing is whole. */
  private async draw(sha256: string, page: number): Promise<PageGeometry> {
    if (!(await this.store.has(sha256))) throw new PageImageError(sha256, 'not-found', 'no original of this id is stored: the submission may have been removed; reload the page');
    const bytes = await this.store.read(sha256);
    const { image, widthPt, heightPt, toPixels } = await this.drawing(() => this.render({ sha256, bytes }, page, { dpi: this.dpi, limits: this.limits, signal: AbortSignal.timeout(this.timeoutMs) }));
    await this.cache.write(this.cache.pathOf(sha256, page, this.dpi, { kind: 'page' }), encodeGrayImage(image, 'png'));
    const geometry: PageGeometry = { widthPt, heightPt, width: image.width, height: image.height, dpi: image.dpi, toPixels };
    await this.cache.write(this.cache.pathOf(sha256, page, this.dpi, { kind: 'geometry' }), JSON.stringify(geometry));
    return geometry;
  }

  /** The page with `mask` painted over, cached per mask; the page as drawn when there is nothing to mask. */
  private async masked(sha256: string, page: number, geometry: PageGeometry, mask: readonly Rect[]): Promise<Uint8Array> {
    if (mask.length === 0) return this.drawn(sha256, page);
    const file = this.cache.pathOf(sha256, page, this.dpi, { kind: 'masked', mask });
    return this.cache.readOrMake(file, this.readPng, async () => {
      const png = await paintMasks(await this.drawn(sha256, page), mask.map((rect) => pixelBox(geometry.toPixels, rect)), `page ${page} image`);
      await this.cache.write(file, png);
      return png;
    });
  }

  /** The page as drawn; drawn again when its file was removed from the cache (an operator freeing disk). */
  private drawn(sha256: string, page: number): Promise<Uint8Array> {
    const file = this.cache.pathOf(sha256, page, this.dpi, { kind: 'page' });
    return this.cache.readOrMake(file, this.readPng, async () => {
      await this.draw(sha256, page);
      return (await this.cache.read(file))!;
    });
  }

  private readonly readPng = (file: string) => this.cache.read(file);
}
