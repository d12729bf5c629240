import { crc32 } from 'node:zlib';
import { ImageReadError } from '../../errors.js';
import type { Density } from './scan-dpi.js';

export type PngHeader = { width: number; height: number; density: Density | null };

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Walks every chunk to IEND checking its CRC: Skia decodes a cut-off or damaged PNG without
 * complaint, leaving the lost rows transparent (white once flattened), which would read as blank boxes.
 */
export function readPngHeader(bytes: Uint8Array, fileName: string): PngHeader {
  const corrupt = (detail: string) => new ImageReadError(fileName, 'corrupt', `the PNG is damaged (${detail})`);
  const truncated = () => new ImageReadError(fileName, 'truncated', 'the PNG ends early: it was cut off in transfer; ask for the file again');
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw corrupt('no PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header: PngHeader = { width: 0, height: 0, density: null };
  for (let i = SIGNATURE.length; ; ) {
    if (i + 12 > bytes.length) throw truncated();
    const length = view.getUint32(i);
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    const dataStart = i + 8;
    const crcAt = dataStart + length;
    if (crcAt + 4 > bytes.length) throw truncated();
    if (crc32(bytes.subarray(i + 4, crcAt)) !== view.getUint32(crcAt)) throw corrupt(`chunk ${type} fails its checksum`);
    if (i === SIGNATURE.length && type !== 'IHDR') throw corrupt('it does not start with a header chunk');
    if (type === 'IHDR') {
      header.width = view.getUint32(dataStart);
      header.height = view.getUint32(dataStart + 4);
    } else if (type === 'pHYs' && bytes[dataStart + 8] === 1) {
      // Unit 1 is the metre.
      header.density = { x: view.getUint32(dataStart) * 0.0254, y: view.getUint32(dataStart + 4) * 0.0254 };
    } else if (type === 'IEND') {
      return header;
    }
    i = crcAt + 4;
  }
}
