import { uprightPage, type UprightImage } from '../align/page-orientation.js';
import type { Ocr } from '../ocr/ocr-engine.js';
import type { GrayImage } from '../raster/gray-image.js';

/**
 * Keeps the last few decoded page images, stood upright: identification and extraction each want a
 * scanned page once, the right way up.
 */
export function imageCache(load: (page: number) => Promise<GrayImage>, ocr: () => Ocr, size = 4): (page: number) => Promise<UprightImage> {
  const cache = new Map<number, Promise<UprightImage>>();
  return (page) => {
    let hit = cache.get(page);
    if (hit) cache.delete(page);
    else hit = load(page).then((image) => uprightPage(image, ocr()));
    cache.set(page, hit);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return hit;
  };
}
