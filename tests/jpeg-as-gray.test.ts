import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeCanvasImage, paintGray } from '../src/read/raster/canvas-image.js';
import { jpegAsGray } from '../src/read/raster/jpeg-as-gray.js';

const SCAN = path.resolve(import.meta.dirname, '../samples/contractor-co-scan300/acord-126.scan300.pdf');

describe('a scan’s JPEG decoded straight to gray', () => {
  it('has the pixels Skia’s decode and filtered draw give, to within a few grey levels', async () => {
    const pdf = await PDFDocument.load(readFileSync(SCAN));
    const jpeg = pdf.context.enumerateIndirectObjects().map(([, o]) => o).find((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Filter'))?.toString() === '/DCTDecode')!;
    const gray = jpegAsGray(jpeg.contents, 300)!;
    const image = await decodeCanvasImage(jpeg.contents, 'page');
    const skia = paintGray(image, image.width, image.height, 300);
    expect([gray.width, gray.height, gray.dpi]).toEqual([skia.width, skia.height, 300]);
    let sum = 0;
    let worst = 0;
    for (let i = 0; i < skia.data.length; i++) {
      const d = Math.abs(gray.data[i]! - skia.data[i]!);
      sum += d;
      worst = Math.max(worst, d);
    }
    // Unfiltered, the two differ by up to 44 levels at the glyphs' edges (Skia's cubic softens them).
    expect(worst).toBeLessThanOrEqual(4);
    expect(sum / skia.data.length).toBeLessThan(0.5);
  });

  it('gives nothing for bytes that are not a JPEG, so the caller decodes with Skia and reports the damage', () => {
    expect(jpegAsGray(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), 300)).toBeNull();
  });
});
