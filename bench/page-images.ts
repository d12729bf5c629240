/**
 * The review desk's page images (src/review/page-images.ts) on a page of a fillable, a flat and a scanned
 * sample: the first request (the page drawn from the original and cached), the first masked variant and
 * the first crop cut from it, then the same requests served from the cache. Medians of repeated runs,
 * each first-time figure on a fresh cache folder.
 *
 *   npm run bench:page-images
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rect } from '../schemas/field.js';
import { PageImages } from '../src/review/page-images.js';
import { ContentStore } from '../src/store/content-store.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FRESH_RUNS = 5;
const CACHED_RUNS = 50;
/** The FEIN box of a 125's page 1 in template points, and the insured's name box beside it: a mask and a crop. */
const MASK: Rect[] = [[526, 276, 64, 12]];
const CROP: Rect = [22, 276, 446, 12];

const SAMPLES = [
  ['fillable', 'samples/contractor-co/acord-125.pdf'],
  ['flat', 'samples/contractor-co-flat/acord-125.flat.pdf'],
  ['scanned 300 dpi', 'samples/contractor-co-scan300/acord-125.scan300.pdf'],
] as const;

const median = (ms: number[]) => ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function benchPageImages(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'bench-page-images-'));
  try {
    const store = new ContentStore(path.join(root, 'store'));
    console.log(`\nreview page images, page 1 at 110 dpi (median of ${FRESH_RUNS} fresh caches / ${CACHED_RUNS} cached reads):`);
    console.log(`  ${'sample'.padEnd(16)} ${'first page'.padStart(11)} ${'+ masked'.padStart(9)} ${'+ crop'.padStart(7)} ${'cached page'.padStart(12)} ${'cached mask'.padStart(12)} ${'cached crop'.padStart(12)} ${'PNG'.padStart(8)}`);
    for (const [label, file] of SAMPLES) {
      const { sha256 } = await store.put(new Uint8Array(await readFile(path.join(ROOT, file))));
      const first: number[] = [];
      const masked: number[] = [];
      const crop: number[] = [];
      let images!: PageImages;
      let bytes = 0;
      for (let i = 0; i < FRESH_RUNS; i++) {
        images = new PageImages({ store, cacheDir: path.join(root, `cache-${label}-${i}`) });
        first.push(await timed(async () => (bytes = (await images.page(sha256, 1, [])).png.byteLength)));
        masked.push(await timed(() => images.page(sha256, 1, MASK)));
        crop.push(await timed(() => images.crop(sha256, 1, CROP, MASK)));
      }
      const again = async (work: () => Promise<unknown>) => {
        const ms: number[] = [];
        for (let i = 0; i < CACHED_RUNS; i++) ms.push(await timed(work));
        return median(ms);
      };
      const cachedPage = await again(() => images.page(sha256, 1, []));
      const cachedMask = await again(() => images.page(sha256, 1, MASK));
      const cachedCrop = await again(() => images.crop(sha256, 1, CROP, MASK));
      const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
      console.log(
        `  ${label.padEnd(16)} ${ms(median(first)).padStart(11)} ${ms(median(masked)).padStart(9)} ${ms(median(crop)).padStart(7)} ${ms(cachedPage).padStart(12)} ${ms(cachedMask).padStart(12)} ${ms(cachedCrop).padStart(12)} ${`${Math.round(bytes / 1024)} KB`.padStart(8)}`,
      );
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchPageImages();
