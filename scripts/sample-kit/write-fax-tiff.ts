import { createRequire } from 'node:module';
import type { GrayImage } from '../../src/read/raster/gray-image.js';
import { resampleThrough } from '../../src/read/raster/warp.js';

// UTIF assigns its functions after `module.exports = UTIF`, so Node's ESM named-export detection finds none.
const UTIF = createRequire(import.meta.url)('utif2') as { decode: { _lens: [Record<string, number>, Record<string, number>] } };

/** How a fax machine codes its rows: T.4 one-dimensional (modified Huffman), T.4 two-dimensional (K = 4), or T.6. */
export type FaxCoding = 'g3-1d' | 'g3-2d' | 'g4';

/** Fax "fine" mode: 204 dpi across, 196 down, 1728 dots a row (ITU-T T.4). */
export const FAX_DPI = { x: 204, y: 196 } as const;
const FAX_WIDTH = 1728;
/** In two-dimensional G3, every K-th row is coded on its own so a line hit by noise spoils at most K rows. */
const G3_K = 4;
const EOL = '000000000001';
/** Vertical mode: a1 − b1 → code (T.4 table 4). */
const VERTICAL: Record<number, string> = { 0: '1', 1: '011', 2: '000011', 3: '0000011', [-1]: '010', [-2]: '000010', [-3]: '0000010' };

/** Run length → code, for white [0] and black [1] runs: the T.4 tables, as utif2 holds them for decoding. */
const RUN_CODES = UTIF.decode._lens.map((byCode) => {
  const byLength = new Map<number, string>();
  for (const [code, length] of Object.entries(byCode)) byLength.set(length, code);
  return byLength;
}) as [Map<number, string>, Map<number, string>];

class Bits {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;
  put(code: string): void {
    for (const c of code) {
      this.current = (this.current << 1) | (c === '1' ? 1 : 0);
      if (++this.used === 8) this.flush();
    }
  }
  /** Pads with zeros to a byte boundary. */
  flush(): void {
    if (!this.used) return;
    this.bytes.push((this.current << (8 - this.used)) & 0xff);
    this.current = 0;
    this.used = 0;
  }
  done(): Uint8Array {
    this.flush();
    return Uint8Array.from(this.bytes);
  }
}

/** Makeup codes (multiples of 64, 2560 at most each) then a terminating code. */
function runCode(color: 0 | 1, length: number): string {
  const codes = RUN_CODES[color];
  let out = '';
  for (; length >= 2560; length -= 2560) out += codes.get(2560)!;
  if (length >= 64) out += codes.get(length - (length % 64))!;
  return out + codes.get(length % 64)!;
}

/** Positions where the row changes colour (the first pixel counts when black), then the row's end twice. */
function changes(row: Uint8Array): number[] {
  const out: number[] = [];
  for (let x = 0, last = 0; x < row.length; x++) {
    if (row[x] !== last) {
      out.push(x);
      last = row[x]!;
    }
  }
  return [...out, row.length, row.length];
}

function oneDimensional(row: Uint8Array, bits: Bits): void {
  let color: 0 | 1 = 0;
  let start = 0;
  for (const at of changes(row).slice(0, -1)) {
    bits.put(runCode(color, at - start));
    start = at;
    color = color ? 0 : 1;
  }
}

/** T.4 two-dimensional coding of `row` against `reference` (the row above; all white for the first). */
function twoDimensional(row: Uint8Array, reference: Uint8Array, bits: Bits): void {
  const width = row.length;
  const coding = changes(row);
  const ref = changes(reference);
  // A changing element's colour is the colour it changes to: even entries turn black, odd ones white.
  const next = (list: number[], after: number, strict: boolean) => list.findIndex((p) => (strict ? p > after : p >= after));
  let a0 = -1;
  let color: 0 | 1 = 0;
  while (a0 < width) {
    const from = a0 < 0 ? 0 : a0;
    const strict = a0 >= 0;
    const i1 = next(coding, from, strict);
    const a1 = coding[i1]!;
    const a2 = coding[Math.min(i1 + 1, coding.length - 1)]!;
    // b1: the reference row's first change past a0 to the colour opposite a0's.
    let j = next(ref, from, strict);
    if (j % 2 !== color && ref[j]! < width) j++;
    const b1 = ref[Math.min(j, ref.length - 1)]!;
    const b2 = ref[Math.min(j + 1, ref.length - 1)]!;
    if (b2 < a1) {
      bits.put('0001');
      a0 = b2;
    } else if (Math.abs(a1 - b1) <= 3) {
      bits.put(VERTICAL[a1 - b1]!);
      a0 = a1;
      color = color ? 0 : 1;
    } else {
      bits.put('001' + runCode(color, a1 - from) + runCode(color ? 0 : 1, a2 - a1));
      a0 = a2;
    }
  }
}

/** The page resampled to fax fine mode and thresholded: 1 = black, rows FAX_WIDTH dots wide. */
function faxRows(page: GrayImage): Uint8Array[] {
  const sx = page.dpi / FAX_DPI.x;
  const sy = page.dpi / FAX_DPI.y;
  const height = Math.round((page.height / page.dpi) * FAX_DPI.y);
  const fax = resampleThrough(page, { a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 }, FAX_WIDTH, height, FAX_DPI.x);
  return Array.from({ length: height }, (_, y) => fax.data.subarray(y * FAX_WIDTH, (y + 1) * FAX_WIDTH).map((g) => (g < 128 ? 1 : 0)));
}

function encodePage(rows: Uint8Array[], coding: FaxCoding): Uint8Array {
  const bits = new Bits();
  let reference: Uint8Array = new Uint8Array(FAX_WIDTH);
  rows.forEach((row, y) => {
    if (coding === 'g4') twoDimensional(row, reference, bits);
    else {
      const alone = coding === 'g3-1d' || y % G3_K === 0;
      bits.put(EOL + (coding === 'g3-2d' ? (alone ? '1' : '0') : ''));
      if (alone) oneDimensional(row, bits);
      else twoDimensional(row, reference, bits);
    }
    reference = row;
  });
  // End of facsimile block (G4) or return to control (G3: six EOLs).
  bits.put(coding === 'g4' ? EOL + EOL : (EOL + (coding === 'g3-2d' ? '1' : '')).repeat(6));
  return bits.done();
}

/**
 * A fax as a fax server stores it: each page resampled to 204 × 196 dpi, black and white, coded
 * G3 (1-D or 2-D) or G4, in one little-endian TIFF, a directory a page. For tests of the reading of
 * faxed forms: no maintained JavaScript library writes CCITT TIFFs.
 */
export function writeFaxTiff(pages: GrayImage[], coding: FaxCoding): Uint8Array {
  const encoded = pages.map((page) => {
    const rows = faxRows(page);
    return { height: rows.length, data: encodePage(rows, coding) };
  });
  const entries = (page: { height: number; data: Uint8Array }, dataAt: number, resAt: number): [number, number, number, number][] => [
    [256, 3, 1, FAX_WIDTH],
    [257, 3, 1, page.height],
    [258, 3, 1, 1],
    [259, 3, 1, coding === 'g4' ? 4 : 3],
    [262, 3, 1, 0], // WhiteIsZero: 1 is black, as fax codes it
    [266, 3, 1, 1],
    [273, 4, 1, dataAt],
    [277, 3, 1, 1],
    [278, 4, 1, page.height],
    [279, 4, 1, page.data.length],
    [282, 5, 1, resAt],
    [283, 5, 1, resAt + 8],
    [coding === 'g4' ? 293 : 292, 4, 1, coding === 'g3-2d' ? 1 : 0],
    [296, 3, 1, 2],
  ];
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const size = 8 + encoded.reduce((sum, p) => sum + p.data.length + (p.data.length % 2) + 16 + ifdSize(14), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0], 0);
  let at = 8;
  let link = 4;
  for (const page of encoded) {
    const dataAt = at;
    out.set(page.data, dataAt);
    at += page.data.length + (page.data.length % 2);
    const resAt = at;
    for (const [i, value] of [FAX_DPI.x, 1, FAX_DPI.y, 1].entries()) view.setUint32(resAt + 4 * i, value, true);
    at += 16;
    view.setUint32(link, at, true);
    const tags = entries(page, dataAt, resAt);
    view.setUint16(at, tags.length, true);
    tags.forEach(([tag, type, count, value], i) => {
      const e = at + 2 + 12 * i;
      view.setUint16(e, tag, true);
      view.setUint16(e + 2, type, true);
      view.setUint32(e + 4, count, true);
      if (type === 3) view.setUint16(e + 8, value, true);
      else view.setUint32(e + 8, value, true);
    });
    link = at + 2 + 12 * tags.length;
    at = link + 4;
  }
  return out;
}
