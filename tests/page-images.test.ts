import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { degrees, PDFDocument, popGraphicsState, pushGraphicsState, rgb, setTextRenderingMode, TextRenderingMode } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../src/errors.js';
import { contentStreamOps } from '../src/read/raster/content-stream-ops.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';
import { openImageFile } from '../src/read/raster/image-file-pages.js';
import { pdfLibDocument } from '../src/read/pdf/pdf-lib-document.js';
import { pdfLibPageContent } from '../src/read/raster/pdf-lib-page-content.js';
import { pdfPageKind } from '../src/read/raster/pdf-page-kind.js';
import { pdfjsPageContent } from '../src/read/raster/pdfjs-page-content.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';
import { scannedPageImage } from '../src/read/raster/scanned-page-image.js';
import { sniffImageType } from '../src/read/file-kinds/sniff-image-type.js';
import { hasSharedForms, readSharedForm } from './support/shared-forms.js';

/** Every page of an image file, decoded one after the other. */
async function imageFilePages(bytes: Uint8Array, fileName: string) {
  const file = openImageFile(bytes, fileName);
  const pages = [];
  for (let n = 1; n <= file.pageCount; n++) pages.push(await file.page(n));
  return pages;
}

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/images');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

/** A synthetic scan: a 1-inch black square 1 in from the left and 1.5 in from the top, a line of text. */
function drawScan(dpi: number, widthIn = 8.5, heightIn = 11): Canvas {
  const canvas = createCanvas(Math.round(widthIn * dpi), Math.round(heightIn * dpi));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  ctx.fillRect(1 * dpi, 1.5 * dpi, 1 * dpi, 1 * dpi);
  ctx.font = `${Math.round(dpi / 6)}px sans-serif`;
  ctx.fillText('APPLICANT INFORMATION', 3 * dpi, 2 * dpi);
  return canvas;
}

/** Mean gray of a 0.2-inch square centred `xIn`, `yIn` inches from the image's top-left corner. */
function meanAt(image: GrayImage, xIn: number, yIn: number): number {
  const half = Math.round(0.1 * image.dpi);
  const cx = Math.round(xIn * image.dpi);
  const cy = Math.round(yIn * image.dpi);
  let sum = 0;
  let n = 0;
  for (let y = cy - half; y < cy + half; y++) for (let x = cx - half; x < cx + half; x++) (sum += image.data[y * image.width + x]!), n++;
  return sum / n;
}

/** The square drawn by drawScan is where it should be on the upright page, and the paper around it is white. */
function expectSquareAtOneInch(image: GrayImage) {
  expect(meanAt(image, 1.5, 2)).toBeLessThan(40);
  expect(meanAt(image, 0.5, 2)).toBeGreaterThan(230);
  expect(meanAt(image, 1.5, 3)).toBeGreaterThan(230);
  expect(meanAt(image, 6, 9)).toBeGreaterThan(230);
}

function meanAbsDiff(a: GrayImage, b: GrayImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

const jpegOf = (canvas: Canvas) => new Uint8Array(canvas.encodeSync('jpeg', 90));

/** One Letter page holding nothing but a JPEG drawn over the whole page. */
async function jpegPagePdf(jpeg: Uint8Array, size: [number, number] = [612, 792]) {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedJpg(jpeg);
  pdf.addPage(size).drawImage(image, { x: 0, y: 0, width: size[0], height: size[1] });
  return pdf;
}

async function open(pdf: PDFDocument) {
  const bytes = await pdf.save();
  return { bytes, doc: await openPdf(bytes, 'test.pdf') };
}

describe('contentStreamOps', () => {
  it('skips strings, arrays, dicts, comments and inline image data while keeping numbers and names', () => {
    const stream = Buffer.concat([
      Buffer.from('q 612 0 0 792 0 0 cm % a comment: Do\n(a \\) (Do) b) Tj [(x) -5 (y)] TJ <4869> Tj /P <</MCID 0>> BDC\n', 'latin1'),
      Buffer.from('BI /W 4 /H 2 /BPC 8 /CS /G ID ', 'latin1'),
      // Binary data holding "EI"s that are not the end: glued to a letter, or followed by more binary.
      Buffer.from([0x00, 0x45, 0x49, 0x41, 0x58, 0x45, 0x49, 0x20, 0x20, 0x45, 0x49, 0x0a, 0xff, 0x01]),
      Buffer.from('\nEI Q /Im1 Do', 'latin1'),
    ]);
    expect([...contentStreamOps(stream)]).toEqual([
      { op: 'q', operands: [] },
      { op: 'cm', operands: [612, 0, 0, 792, 0, 0] },
      { op: 'Tj', operands: [null] },
      { op: 'TJ', operands: [null] },
      { op: 'Tj', operands: [null] },
      { op: 'BDC', operands: ['/P', null] },
      { op: 'ID', operands: ['/W', 4, '/H', 2, '/BPC', 8, '/CS', '/G'] },
      { op: 'Q', operands: [] },
      { op: 'Do', operands: ['/Im1'] },
    ]);
  });
});

describe('pdfPageKind tells scans, text layers and filled forms apart', () => {
  it('classifies a scanned, a born-digital, a filled-form and an empty page', async () => {
    const pdf = await jpegPagePdf(await jpegOf(drawScan(100)));
    const text = pdf.addPage([612, 792]);
    for (let i = 0; i < 10; i++) text.drawText(`Named insured line ${i}: Acme Widgets LLC`, { x: 50, y: 700 - 20 * i, size: 10 });
    text.drawRectangle({ x: 40, y: 400, width: 500, height: 300, borderWidth: 1, borderColor: rgb(0, 0, 0) });
    const formPage = pdf.addPage([612, 792]);
    const field = pdf.getForm().createTextField('NamedInsured_FullName_A');
    field.addToPage(formPage, { x: 50, y: 700, width: 200, height: 14 });
    field.setText('Acme Widgets LLC');
    pdf.addPage([612, 792]);
    const { bytes, doc } = await open(pdf);

    const kinds = [];
    for (let p = 1; p <= doc.numPages; p++) kinds.push(await pdfPageKind(bytes, doc, p));
    expect(kinds.map((k) => k.kind)).toEqual(['image-only', 'text-layer', 'form-fields', 'blank']);
    expect(kinds[0]).toMatchObject({ images: 1, textChars: 0, ocrLayer: false });
    expect(kinds[0]!.imageCoverage).toBeCloseTo(1, 3);
    expect(kinds[1]).toMatchObject({ images: 0, imageCoverage: 0 });
    expect(kinds[1]!.textChars).toBeGreaterThan(200);
    expect(kinds[2]!.filledWidgets).toBe(1);
    await doc.destroy();
  });

  it('a scan with an invisible OCR layer stays image-only; visible text over a scan is image-with-text', async () => {
    const pdf = await jpegPagePdf(await jpegOf(drawScan(100)));
    const page = pdf.getPage(0);
    page.pushOperators(pushGraphicsState(), setTextRenderingMode(TextRenderingMode.Invisible));
    page.drawText('APPLICANT INFORMATION Acme Widgets LLC', { x: 216, y: 640, size: 12 });
    page.pushOperators(popGraphicsState());
    const stamped = pdf.addPage([612, 792]);
    stamped.drawImage(await pdf.embedJpg(await jpegOf(drawScan(100))), { x: 0, y: 0, width: 612, height: 792 });
    stamped.drawText('Printed over the scan: Acme Widgets LLC, 1 Main St', { x: 50, y: 30, size: 9 });
    const { bytes, doc } = await open(pdf);

    const ocr = await pdfPageKind(bytes, doc, 1);
    expect(ocr).toMatchObject({ kind: 'image-only', ocrLayer: true });
    expect(ocr.textChars).toBeGreaterThan(20);
    expect((await pdfPageKind(bytes, doc, 2)).kind).toBe('image-with-text');
    // Invisible text hides nothing: the JPEG alone is the page.
    expect((await scannedPageImage(bytes, doc, 1)).via).toBe('embedded-jpeg');
    await doc.destroy();
  });

  it('finds an image inside a form XObject, and pdfjs (the fallback for encrypted files) agrees with pdf-lib', async () => {
    const inner = await jpegPagePdf(await jpegOf(drawScan(100)));
    const outer = await PDFDocument.create();
    const [embedded] = await outer.embedPdf(await inner.save());
    outer.addPage([612, 792]).drawPage(embedded!, { x: 36, y: 72, xScale: 0.5, yScale: 0.5 });
    const { bytes, doc } = await open(outer);

    const viaPdfLib = pdfLibPageContent((await pdfLibDocument(bytes))!, 0)!;
    const viaPdfjs = await pdfjsPageContent(await doc.getPage(1));
    expect(viaPdfLib.images).toHaveLength(1);
    expect(viaPdfLib.images[0]!.matrix.map((v) => Math.round(v))).toEqual([306, 0, 0, 396, 36, 72]);
    expect(viaPdfjs.images.map((i) => ({ ...i, matrix: i.matrix.map((v) => Math.round(v)) }))).toEqual(
      viaPdfLib.images.map((i) => ({ ...i, matrix: i.matrix.map((v) => Math.round(v)), stream: null })),
    );
    const kind = await pdfPageKind(bytes, doc, 1);
    expect(kind.imageCoverage).toBeCloseTo(0.25, 2);
    expect(kind.kind).toBe('blank'); // a quarter-page picture is no scanned page
    await doc.destroy();
  });

  it.skipIf(!hasSharedForms)('real blank ACORD forms have a text layer, plain and encrypted (read through pdfjs)', async () => {
    for (const file of ['acord-125.pdf', 'acord-125-2016-03r1-encrypted-xfa.pdf']) {
      const bytes = readSharedForm(file);
      const doc = await openPdf(bytes, file);
      const kinds = [];
      for (let p = 1; p <= doc.numPages; p++) kinds.push((await pdfPageKind(bytes, doc, p)).kind);
      expect(kinds, file).toEqual(['text-layer', 'text-layer', 'text-layer', 'text-layer']);
      await doc.destroy();
    }
  });
});

describe('scannedPageImage takes the page JPEG out instead of rendering', () => {
  it('decodes a full-page 200 dpi JPEG at its own dpi, matching a pdfjs render of the page', async () => {
    const { bytes, doc } = await open(await jpegPagePdf(await jpegOf(drawScan(200))));
    const image = await scannedPageImage(bytes, doc, 1);
    expect(image).toMatchObject({ via: 'embedded-jpeg', dpi: 200, width: 1700, height: 2200 });
    expectSquareAtOneInch(image);
    expect(meanAbsDiff(image, await renderPdfPage(doc, 1, 200))).toBeLessThan(3);
    await doc.destroy();
  });

  it('turns a landscape-stored scan on a /Rotate 90 page upright, as a viewer shows it', async () => {
    const upright = drawScan(100);
    const stored = createCanvas(upright.height, upright.width);
    const ctx = stored.getContext('2d');
    ctx.translate(0, upright.width);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(upright, 0, 0);
    const pdf = await jpegPagePdf(await jpegOf(stored), [792, 612]);
    pdf.getPage(0).setRotation(degrees(90));
    const { bytes, doc } = await open(pdf);

    const image = await scannedPageImage(bytes, doc, 1);
    expect(image).toMatchObject({ via: 'embedded-jpeg', dpi: 100, width: 850, height: 1100 });
    expectSquareAtOneInch(image);
    expect(meanAbsDiff(image, await renderPdfPage(doc, 1, 100))).toBeLessThan(3);
    await doc.destroy();
  });

  it('follows a rotated, offset placement and brings a 400 dpi scan down to 300 dpi', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([612, 792]);
    // The picture is drawn turned a quarter turn inside the content stream, not by /Rotate.
    page.drawImage(await pdf.embedJpg(await jpegOf(drawScan(100, 5, 4))), { x: 500, y: 50, width: 360, height: 288, rotate: degrees(90) });
    const small = await jpegPagePdf(await jpegOf(drawScan(400, 4.25, 5.5)), [306, 396]);
    const [rotated, fine] = [await open(pdf), await open(small)];

    const turned = await scannedPageImage(rotated.bytes, rotated.doc, 1);
    expect(turned).toMatchObject({ via: 'embedded-jpeg', dpi: 100, width: 850, height: 1100 });
    expect(meanAbsDiff(turned, await renderPdfPage(rotated.doc, 1, 100))).toBeLessThan(3);

    const down = await scannedPageImage(fine.bytes, fine.doc, 1);
    expect(down).toMatchObject({ via: 'embedded-jpeg', dpi: 300, width: 1275, height: 1650 });
    expect(meanAt(down, 1.5, 2)).toBeLessThan(40);
    expect(meanAt(down, 3, 4)).toBeGreaterThan(230);
    await Promise.all([rotated.doc.destroy(), fine.doc.destroy()]);
  });

  it('renders instead when the image is not a JPEG or something is drawn over it, at the scan dpi but never under 200', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([612, 792]).drawImage(await pdf.embedPng(new Uint8Array(drawScan(150).encodeSync('png'))), { x: 0, y: 0, width: 612, height: 792 });
    const marked = pdf.addPage([612, 792]);
    marked.drawImage(await pdf.embedJpg(await jpegOf(drawScan(250))), { x: 0, y: 0, width: 612, height: 792 });
    marked.drawLine({ start: { x: 0, y: 10 }, end: { x: 612, y: 10 }, thickness: 1 });
    const { bytes, doc } = await open(pdf);

    const flate = await scannedPageImage(bytes, doc, 1);
    expect(flate).toMatchObject({ via: 'render', dpi: 200, width: 1700, height: 2200 });
    expectSquareAtOneInch(flate);
    const overdrawn = await scannedPageImage(bytes, doc, 2);
    expect(overdrawn).toMatchObject({ via: 'render', dpi: 250 });
    expectSquareAtOneInch(overdrawn);
    await doc.destroy();
  });
});

/** Writes a JFIF density (units 1 = dots per inch) into a canvas-encoded JPEG, which declares none. */
function withJfifDpi(jpeg: Uint8Array, dpi: number): Uint8Array {
  const out = jpeg.slice();
  expect(Buffer.from(out.subarray(6, 11)).toString('latin1')).toBe('JFIF\0');
  out[13] = 1;
  out[14] = dpi >> 8;
  out[15] = dpi & 255;
  out[16] = dpi >> 8;
  out[17] = dpi & 255;
  return out;
}

/** Inserts an EXIF block holding only an orientation tag after the JPEG's SOI marker. */
function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0];
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Adds a pHYs chunk (pixels per metre) after IHDR. */
function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(Math.round(dpi / 0.0254), 0);
  phys.writeUInt32BE(Math.round(dpi / 0.0254), 4);
  phys[8] = 1;
  return Buffer.concat([png.subarray(0, 33), pngChunk('pHYs', phys), png.subarray(33)]);
}

describe('imageFilePages reads scans sent as image files', () => {
  it('JPEG: dpi from JFIF when it describes a page, else inferred from a Letter-wide image', async () => {
    const full = await jpegOf(drawScan(200));
    const [inferred] = await imageFilePages(full, 'scan.jpg');
    expect(inferred).toMatchObject({ dpi: 200, width: 1700, height: 2200 });
    expectSquareAtOneInch(inferred!);
    // Half a Letter page at 150 dpi: inference (short side = 8.5 in) would say 97 dpi.
    const [declared] = await imageFilePages(withJfifDpi(await jpegOf(drawScan(150, 8.5, 5.5)), 150), 'half.jpg');
    expect(declared).toMatchObject({ dpi: 150, width: 1275, height: 825 });
    expect(meanAt(declared!, 1.5, 2)).toBeLessThan(40);
    // The usual meaningless 72 dpi on a 200 dpi page-sized image is not believed.
    expect((await imageFilePages(withJfifDpi(full, 72), 'scan.jpg'))[0]!.dpi).toBe(200);
  });

  it('JPEG with an EXIF orientation is turned upright, as a viewer shows it', async () => {
    const upright = drawScan(100);
    // Orientation 6: the stored picture must be turned a quarter clockwise to view it.
    const stored = createCanvas(upright.height, upright.width);
    const ctx = stored.getContext('2d');
    ctx.translate(0, upright.width);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(upright, 0, 0);
    const [page] = await imageFilePages(withExifOrientation(await jpegOf(stored), 6), 'phone.jpg');
    expect(page).toMatchObject({ dpi: 100, width: 850, height: 1100 });
    expectSquareAtOneInch(page!);
  });

  it('PNG: dpi from pHYs, else inferred', async () => {
    const png = new Uint8Array(drawScan(150, 8.5, 5.5).encodeSync('png'));
    expect((await imageFilePages(withPngDpi(png, 150), 'half.png'))[0]).toMatchObject({ dpi: 150, width: 1275, height: 825 });
    const [page] = await imageFilePages(new Uint8Array(drawScan(100).encodeSync('png')), 'scan.png');
    expect(page).toMatchObject({ dpi: 100, width: 850, height: 1100 });
    expectSquareAtOneInch(page!);
  });

  it('TIFF: every page of a G4 fax-style scan, fax resolution made square, LZW / Deflate / PackBits', async () => {
    const g4 = await imageFilePages(fixture('scan-g4-2pages.tif'), 'scan.tif');
    expect(g4.map(({ width, height, dpi }) => ({ width, height, dpi }))).toEqual([
      { width: 1700, height: 2200, dpi: 200 },
      { width: 1700, height: 2200, dpi: 200 },
    ]);
    expect(meanAt(g4[0]!, 1.5, 2)).toBe(0);
    expect(meanAt(g4[0]!, 6.5, 9)).toBe(255);
    expect(meanAt(g4[1]!, 6.5, 9)).toBe(0); // page 2 has its square elsewhere
    expect(meanAt(g4[1]!, 1.5, 2)).toBe(255);

    // 204 × 98 dpi: rows are doubled so the square (1 in from the top and left, 1 in tall) stays square.
    const [fax] = await imageFilePages(fixture('fax-g3-204x98.tif'), 'fax.tif');
    expect(fax).toMatchObject({ dpi: 204, width: 1728, height: 2244 });
    expect(meanAt(fax!, 1.5, 1.5)).toBeLessThan(10);
    expect(meanAt(fax!, 1.5, 2.2)).toBeGreaterThan(245);

    for (const name of ['gray-lzw-no-dpi.tif', 'gray-deflate-100dpi.tif']) {
      const [gray] = await imageFilePages(fixture(name), name);
      expect(gray, name).toMatchObject({ dpi: 100, width: 850, height: 1100 });
      expect(meanAt(gray!, 1.5, 1.5), name).toBeCloseTo(128, 0);
      expect(meanAt(gray!, 3.5, 3.5), name).toBe(0);
    }
    const [packbits] = await imageFilePages(fixture('packbits-72dpi-claim.tif'), 'packbits.tif');
    expect(packbits).toMatchObject({ dpi: 200, width: 1700 });
    expect(meanAt(packbits!, 1.5, 2)).toBe(0);
  });

  it('refuses damaged, cut-off, oversized and unknown files with a typed error', async () => {
    const problem = async (bytes: Uint8Array) => {
      const err = await imageFilePages(bytes, 'upload.bin').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImageReadError);
      return (err as ImageReadError).problem;
    };
    const jpeg = await jpegOf(drawScan(100));
    const png = new Uint8Array(drawScan(100).encodeSync('png'));
    expect(await problem(jpeg.subarray(0, jpeg.length >> 1))).toBe('truncated');
    expect(await problem(png.subarray(0, png.length - 30))).toBe('truncated');
    const flipped = png.slice();
    flipped[png.length >> 1]! ^= 0xff;
    expect(await problem(flipped)).toBe('corrupt');
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20_000, 0);
    ihdr.writeUInt32BE(20_000, 4);
    ihdr.set([8, 0, 0, 0, 0], 8);
    const huge = Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', ihdr), pngChunk('IEND', new Uint8Array())]);
    expect(await problem(huge)).toBe('too-large');
    expect(await problem(new TextEncoder().encode('%PDF-1.7 not an image'))).toBe('unsupported');

    const tiff = fixture('scan-g4-2pages.tif');
    expect(await problem(tiff.subarray(0, 200))).toBe('truncated');
    const looped = tiff.slice();
    const view = new DataView(looped.buffer);
    const le = looped[0] === 0x49;
    const first = view.getUint32(4, le);
    view.setUint32(first + 2 + view.getUint16(first, le) * 12, first, le); // page 1's "next page" is page 1
    expect(await problem(looped)).toBe('corrupt');
  });

  it('sniffs the type from the first bytes', async () => {
    expect(sniffImageType(await jpegOf(drawScan(20)))).toBe('jpeg');
    expect(sniffImageType(new Uint8Array(drawScan(20).encodeSync('png')))).toBe('png');
    expect(sniffImageType(fixture('scan-g4-2pages.tif'))).toBe('tiff');
    expect(sniffImageType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });
});
