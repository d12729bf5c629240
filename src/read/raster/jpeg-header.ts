import { ImageReadError } from '../../errors.js';
import type { Density } from './scan-dpi.js';

export type JpegHeader = {
  width: number;
  height: number;
  /** Pixels per inch from JFIF or EXIF, null when neither says (JFIF aspect-ratio-only is common). */
  density: Density | null;
  /** EXIF orientation 1..8 (1 = as stored). */
  orientation: number;
  /** Byte ranges of APP1 Exif segments, marker included. */
  exifSegments: [number, number][];
};

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Walks the JPEG markers up to the first scan and checks an end-of-image marker follows it: Skia
 * decodes a cut-off JPEG without complaint, painting the missing rows black.
 */
export function readJpegHeader(bytes: Uint8Array, fileName: string): JpegHeader {
  const corrupt = (detail: string) => new ImageReadError(fileName, 'corrupt', `the JPEG is damaged (${detail})`);
  const truncated = () => new ImageReadError(fileName, 'truncated', 'the JPEG ends early: it was cut off in transfer; ask for the file again');
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw corrupt('no start-of-image marker');
  const header: JpegHeader = { width: 0, height: 0, density: null, orientation: 1, exifSegments: [] };
  let exifDensity: Density | null = null;
  let i = 2;
  for (;;) {
    if (i >= bytes.length) throw truncated();
    if (bytes[i] !== 0xff) throw corrupt(`expected a marker at byte ${i}`);
    while (bytes[i] === 0xff) i++; // fill bytes
    const start = i - 1;
    const marker = bytes[i++];
    if (marker === undefined) throw truncated();
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9) throw corrupt('it ends before any image data');
    if (i + 2 > bytes.length) throw truncated();
    const end = i + u16(bytes, i);
    if (end > bytes.length) throw truncated();
    const segment = bytes.subarray(i + 2, end);
    if (SOF_MARKERS.has(marker)) {
      header.height = u16(segment, 1);
      header.width = u16(segment, 3);
    } else if (marker === 0xe0 && latin1(segment, 0, 5) === 'JFIF\0' && segment[7]) {
      const perInch = segment[7] === 2 ? 2.54 : 1; // units 1 = dots per inch, 2 = per cm
      header.density = { x: u16(segment, 8) * perInch, y: u16(segment, 10) * perInch };
    } else if (marker === 0xe1 && latin1(segment, 0, 6) === 'Exif\0\0') {
      header.exifSegments.push([start, end]);
      const exif = readExif(segment.subarray(6));
      header.orientation = exif.orientation;
      exifDensity ??= exif.density;
    } else if (marker === 0xda) {
      if (!header.width || !header.height) throw corrupt('no frame header before the image data');
      if (!hasEndMarker(bytes, end)) throw truncated();
      header.density ??= exifDensity;
      return header;
    }
    i = end;
  }
}

/** Entropy-coded data escapes 0xFF as FF 00, so FF D9 after the first scan can only be the end marker. */
function hasEndMarker(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/** The same JPEG without its EXIF segments: PDF ignores EXIF orientation, Skia would apply it. */
export function withoutExif(bytes: Uint8Array, header: JpegHeader): Uint8Array {
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const [start, end] of header.exifSegments) {
    parts.push(bytes.subarray(from, start));
    from = end;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** Orientation and resolution from an EXIF block (a little TIFF file); damaged EXIF is ignored, as viewers do. */
function readExif(tiff: Uint8Array): { orientation: number; density: Density | null } {
  const none = { orientation: 1, density: null };
  if (tiff.length < 8) return none;
  const le = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const short = (at: number) => (at + 2 <= tiff.length ? view.getUint16(at, le) : 0);
  const long = (at: number) => (at + 4 <= tiff.length ? view.getUint32(at, le) : 0);
  const rational = (at: number) => {
    const offset = long(at);
    const den = long(offset + 4);
    return den ? long(offset) / den : 0;
  };
  const ifd = long(4);
  let orientation = 1;
  let xRes = 0;
  let yRes = 0;
  let unit = 2;
  for (let n = 0, count = short(ifd); n < count; n++) {
    const entry = ifd + 2 + n * 12;
    const tag = short(entry);
    if (tag === 0x0112) orientation = short(entry + 8);
    else if (tag === 0x011a) xRes = rational(entry + 8);
    else if (tag === 0x011b) yRes = rational(entry + 8);
    else if (tag === 0x0128) unit = short(entry + 8);
  }
  const perInch = unit === 3 ? 2.54 : unit === 2 ? 1 : 0;
  return {
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    density: xRes && yRes && perInch ? { x: xRes * perInch, y: yRes * perInch } : null,
  };
}

const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const latin1 = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));
