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
/** An opaque gray pixel's four bytes read as one 32-bit word, in the platform's byte order. */
const GRAY_WORD = new Uint32Array(Uint8Array.from({ length: 1024 }, (_, i) => (i % 4 === 3 ? 255 : i >> 2)).buffer);

/**
 * RGBA (canvas ImageData) to gray, ITU-R BT.601 luma; transparent pixels count as white paper. Opaque
 * pixels (a scan's every one) skip the blend, and opaque gray ones (a gray scan's every one) are one
 * 32-bit compare and a lookup: this runs over every pixel of every page.
 */
export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, dpi: number): GrayImage {
  const data = new Uint8Array(width * height);
  const words = rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, data.length) : undefined;
  for (let i = 0, j = 0; j < data.length; i += 4, j++) {
    const r = rgba[i]!;
    if (words && words[j] === GRAY_WORD[r]) {
      data[j] = GRAY_LUMA[r]!;
      continue;
    }
    const luma = RED[r]! + GREEN[rgba[i + 1]!]! + BLUE[rgba[i + 2]!]!;
    const alpha = rgba[i + 3]!;
    if (alpha === 255) data[j] = Math.round(luma);
    else {
      const a = alpha / 255;
      data[j] = Math.round(luma * a + 255 * (1 - a));
    }
  }
  return { width, height, dpi, data };
}

/** Netpbm P5: the cheapest image format tesseract.js reads (PNG decoding costs seconds a page). */
export function toPgm(image: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
