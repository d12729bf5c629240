/**
 * An 8-bit grayscale raster, row-major, 0 = black ink, 255 = white paper. Scanned pages, renders and
 * field crops all travel as this: tesseract takes it as PGM without a decode step.
 */
export type GrayImage = {
  width: number;
  height: number;
  data: Uint8Array;
  /** Pixels per inch the page was scanned or rendered at (crops keep their page's). */
  dpi: number;
};

export function createGrayImage(width: number, height: number, dpi: number, fill = 255): GrayImage {
  return { width, height, dpi, data: new Uint8Array(width * height).fill(fill) };
}

/** Each channel's share of BT.601 luma, per 0..255 value: a lookup instead of a multiply, same sums. */
const lumaShare = (weight: number) => Float64Array.from({ length: 256 }, (_, v) => weight * v);
const RED = lumaShare(0.299);
const GREEN = lumaShare(0.587);
const BLUE = lumaShare(0.114);

/** Luma of an opaque gray pixel (r = g = b = v), by the same sums as any other pixel's. */
const GRAY_LUMA = Uint8Array.from({ length: 256 }, (_, v) => Math.round(RED[v]! + GREEN[v]! + BLUE[v]!));
/** An opaque gray pixel's four bytes read as one 32-bit word, in the platform's byte order (little-endian, or not used). */
const GRAY_WORD = new Uint32Array(Uint8Array.from({ length: 1024 }, (_, i) => (i % 4 === 3 ? 255 : i >> 2)).buffer);

/**
 * RGBA (canvas ImageData) to gray, ITU-R BT.601 luma; transparent pixels count as white paper. Opaque
 * pixels (a scan's every one) skip the blend, and opaque gray ones (a gray scan's every one) are one
 * 32-bit compare and a lookup: this runs over every pixel of every page. Read as words, an opaque
 * colour pixel is one load, three lookups and a truncation: `(sum + 0.5) | 0` equals Math.round(sum)
 * for every one of the 2²⁴ colours (checked exhaustively), at half the cost.
 */
export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, dpi: number): GrayImage {
  const data = new Uint8Array(width * height);
  if (rgba.byteOffset % 4 !== 0 || !LITTLE_ENDIAN) {
    for (let i = 0, j = 0; j < data.length; i += 4, j++) data[j] = blendedLuma(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!);
    return { width, height, dpi, data };
  }
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, data.length);
  for (let j = 0; j < data.length; j++) {
    const word = words[j]!;
    const r = word & 255;
    if (word === GRAY_WORD[r]) data[j] = GRAY_LUMA[r]!;
    else if (word >>> 24 === 255) data[j] = (RED[r]! + GREEN[(word >>> 8) & 255]! + BLUE[(word >>> 16) & 255]! + 0.5) | 0;
    else data[j] = blendedLuma(r, (word >>> 8) & 255, (word >>> 16) & 255, word >>> 24);
  }
  return { width, height, dpi, data };
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** A pixel's luma over white paper by its alpha. */
function blendedLuma(r: number, g: number, b: number, alpha: number): number {
  const luma = RED[r]! + GREEN[g]! + BLUE[b]!;
  if (alpha === 255) return Math.round(luma);
  const a = alpha / 255;
  return Math.round(luma * a + 255 * (1 - a));
}

/** Netpbm P5: the cheapest image format tesseract.js reads (PNG decoding costs seconds a page). */
export function toPgm(image: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
