import { setMaxListeners } from 'node:events';
import { formatBytes, type Limits } from '../../config/limits.js';
import type { Ocr } from '../ocr/ocr-engine.js';
import type { GrayImage } from '../raster/gray-image.js';
import { PixelBudget } from '../raster/pixel-limit.js';
import { deadlineExceeded } from './read-refusals.js';

/**
 * What one document may still spend: its pages' decoded pixels and its time. The deadline is a timer
 * that aborts `signal`: OCR jobs (queued or running) and page renders stop on it, so a single slow page
 * cannot run past the deadline; synchronous steps (decoding, aligning one page) are bounded by the
 * pixel limits instead. `close` when the document is done.
 */
export class DocumentBudget {
  private readonly pixels: PixelBudget;
  private readonly counted = new Set<number>();
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  /** The rejecters of the work in flight, all called when the deadline fires. */
  private readonly inFlight = new Set<(reason: unknown) => void>();
  /** The page being read, for the deadline's message. */
  private current: number | undefined;

  constructor(
    fileName: string,
    limits: Limits,
    private readonly onPage: ((page: number) => void) | undefined,
  ) {
    this.pixels = new PixelBudget(fileName, limits);
    // Every OCR job posted to a worker listens for the deadline: a document has up to a hundred at once.
    setMaxListeners(0, this.signal);
    this.timer = setTimeout(() => this.controller.abort(deadlineExceeded(fileName, limits, this.current)), limits.msPerDocument);
    this.signal.addEventListener('abort', () => {
      for (const reject of this.inFlight) reject(this.signal.reason);
      this.inFlight.clear();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  close(): void {
    clearTimeout(this.timer);
  }

  checkTime(page?: number): void {
    if (page !== undefined && page !== this.current) {
      this.current = page;
      this.onPage?.(page);
    }
    this.signal.throwIfAborted();
  }

  /**
   * The work, or the deadline's error as soon as it fires. Not Promise.race against one long-lived
   * promise: every race would stay subscribed to it, holding its result (a decoded page) until the
   * document ends.
   */
  private bound<T>(work: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      this.inFlight.add(reject);
      work.then(resolve, reject).finally(() => this.inFlight.delete(reject));
    });
  }

  /** The pool, its jobs bound to this document's deadline. */
  ocr(pool: Ocr): Ocr {
    return { recognize: (image, request) => this.bound(pool.recognize(image, { ...request, signal: this.signal })) };
  }

  /** A page's image, counted once however often it is decoded again. */
  async page<T extends GrayImage>(n: number, load: () => Promise<T>): Promise<T> {
    this.checkTime(n);
    const image = await this.bound(load());
    if (!this.counted.has(n)) {
      this.counted.add(n);
      this.pixels.spend(image.width * image.height, n);
    }
    return image;
  }
}

/** The refusal's words for a file over `fileBytes`. */
export const overBytes = (bytes: Uint8Array, limits: Limits) =>
  `${formatBytes(bytes.byteLength)} is over the ${formatBytes(limits.fileBytes)} limit; split the file`;
