import { pageTurn, uprightPage } from '../src/read/align/page-orientation.js';
import type { Ocr } from '../src/read/ocr/ocr-engine.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';

/** What standing pages upright costs pages that already are (nearly all): the rules alone, and with the footer read a doubt asks for. */
export async function benchPageOrientation(images: GrayImage[], ocr: Ocr): Promise<void> {
  pageTurn(images[0]!); // templates parsed, code warm
  let rulesMs = 0;
  let doubts = 0;
  for (const image of images) {
    const t0 = performance.now();
    if (pageTurn(image).doubt !== undefined) doubts++;
    rulesMs += performance.now() - t0;
  }
  let uprightMs = 0;
  for (const image of images) {
    const t0 = performance.now();
    await uprightPage(image, ocr);
    uprightMs += performance.now() - t0;
  }
  const n = images.length;
  console.log(
    `orientation check of the same ${n} upright pages: ${(rulesMs / n).toFixed(1)} ms/page from the rules; ${(uprightMs / n).toFixed(1)} ms/page with the footer read for the ${doubts} page(s) in doubt`,
  );
}
