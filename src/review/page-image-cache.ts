import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Rect } from '../../schemas/field.js';
import { writeWholeFile } from '../runtime/write-whole-file.js';

/** A rendered page's size and where its points land on its pixels: enough to place any box without opening the original. */
export const PageGeometry = z
  .object({
    widthPt: z.number().positive(),
    heightPt: z.number().positive(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    dpi: z.number().positive(),
    toPixels: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]),
  })
  .strict();
export type PageGeometry = z.infer<typeof PageGeometry>;

/** What of one rendered page is cached: the page as drawn, its geometry, the page masked, a crop of the masked page. */
export type CacheEntry = { kind: 'page' } | { kind: 'geometry' } | { kind: 'masked'; mask: readonly Rect[] } | { kind: 'crop'; mask: readonly Rect[]; rect: Rect };

/** Rects as a short stable name: the same boxes in any order (to 1/100 pt) name the same file. */
export function rectsKey(rects: readonly Rect[]): string {
  if (rects.length === 0) return 'none';
  const canonical = rects.map((r) => r.map((v) => Math.round(v * 100) / 100).join(',')).sort();
  return createHash('sha256').update(canonical.join(';')).digest('hex').slice(0, 16);
}

/**
 * Page images on disk under `<dir>/<sha256[0:2]>/<sha256>/`, one file per page, dpi, mask and crop,
 * each written whole (temporary file renamed) so a reader never sees half a PNG. Work for one file is
 * done once however many ask at the same time: `once` hands every caller the same promise.
 */
export class PageImageCache {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  /** The file an entry lives in; `sha256` is checked by the caller (it becomes part of the path). */
  pathOf(sha256: string, page: number, dpi: number, entry: CacheEntry): string {
    const base = `${page}@${dpi}`;
    const name =
      entry.kind === 'page'
        ? `${base}.png`
        : entry.kind === 'geometry'
          ? `${base}.json`
          : entry.kind === 'masked'
            ? `${base}-m${rectsKey(entry.mask)}.png`
            : `${base}-m${rectsKey(entry.mask)}-c${rectsKey([entry.rect])}.png`;
    return path.join(this.dir, sha256.slice(0, 2), sha256, name);
  }

  /** The cached bytes, or null when not cached yet. */
  async read(file: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(file));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** The cached geometry; null when absent or unreadable (then the page is drawn again and the file replaced). */
  async readGeometry(file: string): Promise<PageGeometry | null> {
    const bytes = await this.read(file);
    if (!bytes) return null;
    try {
      return PageGeometry.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    } catch {
      return null;
    }
  }

  async write(file: string, data: Uint8Array | string): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await writeWholeFile(file, data);
  }

  /**
   * What `read` finds in the file, else what `make` makes (and writes there): `make` runs once per file at
   * a time, callers arriving while it runs get its result (or its error). The file is read again before
   * making, in case a maker finished between the first look and joining.
   */
  async readOrMake<T>(file: string, read: (file: string) => Promise<T | null>, make: () => Promise<T>): Promise<T> {
    const cached = await read(file);
    if (cached) return cached;
    const running = this.inFlight.get(file);
    if (running) return running as Promise<T>;
    const started = (async () => (await read(file)) ?? make())().finally(() => this.inFlight.delete(file));
    this.inFlight.set(file, started);
    return started;
  }
}
