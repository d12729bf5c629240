import { createRequire } from 'node:module';
import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { ImageReadError } from '../../errors.js';
import { grayFromRgba, type GrayImage } from './gray-image.js';
import { checkPixelCount } from './pixel-limit.js';
import { scanDensity, type Density } from './scan-dpi.js';
import { squarePixels } from './square-pixels.js';

// UTIF assigns its functions after `module.exports = UTIF`, so Node's ESM named-export detection finds none.
const UTIF = createRequire(import.meta.url)('utif2') as typeof import('utif2');
type Ifd = import('utif2').IFD;

// What scanners and fax servers write: none, CCITT modified Huffman / G3 / G4, LZW, old and new JPEG, Deflate, PackBits.
const COMPRESSIONS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 32946, 32773]);
const PHOTOMETRICS = new Set([0, 1, 2, 3]); // WhiteIsZero, BlackIsZero, RGB, palette

/** A TIFF whose directories are read and whose pages are decoded one at a time, on demand. */
export type TiffPages = {
  readonly pageCount: number;
  /** Page `n`'s size in points (1/72 in), from its directory alone. */
  pageSize(n: number): { width: number; height: number };
  /** Page `n` (1-based) as gray with its dpi, squared; its size is checked against the limits before it is decoded. */
  decodePage(n: number): GrayImage;
};

/**
 * The pages of a TIFF (fax G4, LZW, Deflate, PackBits, JPEG …), counted (and refused past the page
 * limit) before any is decoded. The file's structure is checked before UTIF reads it: UTIF loops
 * forever on a cyclic page chain and fills missing or unsupported data with zeros (a black or blank
 * page) instead of failing.
 */
export function openTiff(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): TiffPages {
  checkPageChain(bytes, fileName, limits);
  // UTIF views the buffer from offset 0: hand it a buffer of its own.
  const buffer = bytes.slice().buffer;
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(buffer);
  } catch (err) {
    throw new ImageReadError(fileName, 'corrupt', `the TIFF's directory is damaged (${String(err)})`);
  }
  // Reduced-resolution copies (thumbnails) have bit 0 of NewSubfileType set.
  const pages = ifds.filter((ifd) => tag(ifd, 't256') && !(tag(ifd, 't254') & 1));
  if (!pages.length) throw new ImageReadError(fileName, 'no-pages', 'the TIFF holds no image');
  if (pages.length > limits.pagesPerDocument) throw tooManyPages(fileName, pages.length, limits);
  return {
    pageCount: pages.length,
    pageSize: (n) => {
      const ifd = pages[n - 1]!;
      const [width, height] = [tag(ifd, 't256'), tag(ifd, 't257')];
      const density = scanDensity(width, height, declaredDensity(ifd));
      return { width: (width * 72) / density.x, height: (height * 72) / density.y };
    },
    decodePage: (n) => decodePage(buffer, bytes.length, pages[n - 1]!, fileName, n, limits),
  };
}

function tooManyPages(fileName: string, pages: number | string, limits: Limits): ImageReadError {
  return new ImageReadError(
    fileName,
    'too-large',
    `the TIFF has ${pages} pages; documents over ${limits.pagesPerDocument} pages are refused: split the file and send the submission's forms on their own`,
  );
}

function decodePage(buffer: ArrayBuffer, fileLength: number, ifd: Ifd, fileName: string, page: number, limits: Limits): GrayImage {
  const width = tag(ifd, 't256');
  const height = tag(ifd, 't257');
  const compression = tag(ifd, 't259') || 1;
  const photometric = tag(ifd, 't262', tag(ifd, 't258') === 1 ? 0 : 2);
  const density = scanDensity(width, height, declaredDensity(ifd));
  checkPixelCount(width, height, fileName, page, limits, density);
  if (!COMPRESSIONS.has(compression)) {
    throw new ImageReadError(fileName, 'unsupported', `TIFF compression ${compression} is not supported: send the scan as PDF, PNG or a G4/LZW TIFF`, page);
  }
  if (!PHOTOMETRICS.has(photometric) && !(photometric === 6 && (compression === 6 || compression === 7))) {
    throw new ImageReadError(fileName, 'unsupported', `TIFF colour model ${photometric} is not supported: send the scan as gray or RGB`, page);
  }
  if (tag(ifd, 't284') === 2 && tag(ifd, 't277') > 1) {
    throw new ImageReadError(fileName, 'unsupported', 'TIFF with separate colour planes is not supported: send the scan as gray or RGB', page);
  }
  const offsets = numbers(ifd['t273'] ?? ifd['t324']);
  const counts = numbers(ifd['t279'] ?? ifd['t325']);
  if (!offsets.length || offsets.some((offset, i) => offset + (counts[i] ?? 0) > fileLength)) {
    throw new ImageReadError(fileName, 'truncated', 'the TIFF ends before its image data: it was cut off in transfer; ask for the file again', page);
  }
  try {
    decodeQuietly(buffer, ifd);
  } catch (err) {
    throw new ImageReadError(fileName, 'corrupt', `the TIFF's image data is damaged (${String(err)})`, page);
  }
  const gray = grayFromRgba(UTIF.toRGBA8(ifd), width, height, 0);
  // UTIF keeps the decoded samples on the directory: drop them so one page at a time stays in memory.
  delete (ifd as { data?: unknown }).data;
  return squarePixels(width, height, gray.data, density);
}

/** utif2 4.1.0 prints a debug line to stdout for every tiled image, where our CLI writes its JSON. */
function decodeQuietly(buffer: ArrayBuffer, ifd: Ifd): void {
  const log = console.log;
  console.log = () => undefined;
  try {
    UTIF.decodeImage(buffer, ifd);
  } finally {
    console.log = log;
  }
}

/** XResolution/YResolution are rationals ([[numerator, denominator]]); ResolutionUnit 2 = inch (default), 3 = cm. */
function declaredDensity(ifd: Ifd): Density | null {
  const ratio = (value: unknown) => {
    const [pair] = Array.isArray(value) ? value : [];
    return Array.isArray(pair) && pair[1] ? Number(pair[0]) / Number(pair[1]) : 0;
  };
  const unit = tag(ifd, 't296', 2);
  const perInch = unit === 3 ? 2.54 : unit === 2 ? 1 : 0;
  const x = ratio(ifd['t282']) * perInch;
  const y = ratio(ifd['t283']) * perInch;
  return x > 0 && y > 0 ? { x, y } : null;
}

function tag(ifd: Ifd, name: string, fallback = 0): number {
  const [first] = numbers(ifd[name]);
  return first ?? fallback;
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** Follows the chain of image directories: it must stay inside the file and never loop. */
function checkPageChain(bytes: Uint8Array, fileName: string, limits: Limits): void {
  // Reduced-resolution copies may sit in the chain beside their pages: allow one for each page.
  const maxDirectories = 2 * limits.pagesPerDocument;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const seen = new Set<number>();
  for (let offset = bytes.length >= 8 ? view.getUint32(4, le) : 0; offset !== 0; ) {
    if (offset + 2 > bytes.length) throw new ImageReadError(fileName, 'truncated', 'the TIFF ends before its page directory: ask for the file again');
    if (seen.has(offset)) throw new ImageReadError(fileName, 'corrupt', 'the TIFF page chain loops back on itself: ask for the file again');
    if (seen.size >= maxDirectories) throw tooManyPages(fileName, `more than ${maxDirectories}`, limits);
    seen.add(offset);
    const next = offset + 2 + view.getUint16(offset, le) * 12;
    if (next + 4 > bytes.length) throw new ImageReadError(fileName, 'truncated', 'the TIFF ends inside a page directory: ask for the file again');
    offset = view.getUint32(next, le);
  }
  if (!seen.size) throw new ImageReadError(fileName, 'no-pages', 'the TIFF holds no page directory');
}
