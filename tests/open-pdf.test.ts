import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../src/read/pdf/open-pdf.js';

describe('openPdf', () => {
  it('loads pdfjs at the first PDF it opens and leaves JSON.stringify native, not core-js’s 15-30x slower polyfill', async () => {
    const before = JSON.stringify;
    const doc = await openPdf(new Uint8Array(readFileSync('samples/office-ny-flat/acord-125.flat.pdf')), 'acord-125.flat.pdf');
    expect(doc.numPages).toBe(4);
    await doc.destroy();
    // The polyfill is a function of this realm that dresses as native code; the one put back is a fresh realm's own.
    expect(JSON.stringify === before || !(JSON.stringify instanceof Function)).toBe(true);
    expect(JSON.stringify({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
  });
});
