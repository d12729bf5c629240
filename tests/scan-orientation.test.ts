import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rect } from '../schemas/field.js';
import { degrees, PDFDocument } from 'pdf-lib';
import { pageTurn, uprightFooter, uprightPage } from '../src/read/align/page-orientation.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { getAtPath } from '../src/model/model-path.js';
import type { Ocr } from '../src/read/ocr/ocr-engine.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { readFooterFromImage } from '../src/read/ocr/read-footer-from-image.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { encodeGrayImage } from '../src/read/raster/encode-gray-image.js';
import { openTiff } from '../src/read/raster/decode-tiff.js';
import { createGrayImage, type GrayImage } from '../src/read/raster/gray-image.js';
import { applyTransform } from '../src/read/raster/page-transform.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';
import { scannedPageImage } from '../src/read/raster/scanned-page-image.js';
import { turnImage } from '../src/read/raster/turn-image.js';
import { debianBinary } from '../src/runtime/debian-binary.js';
import { ExpectedFile, type ExpectedField } from '../scripts/sample-kit/expected.js';
import { writeFaxTiff } from '../scripts/sample-kit/write-fax-tiff.js';

const SAMPLES = path.resolve(import.meta.dirname, '../samples');
const pool = new OcrPool();
afterAll(() => pool.close());

async function samplePage(file: string, page: number) {
  const bytes = new Uint8Array(readFileSync(path.join(SAMPLES, file)));
  const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLES, `${file}.expected.json`), 'utf8')));
  if (expected.kind !== 'pdf' || !expected.scan) throw new Error(`${file}: expected a scanned PDF sample`);
  const doc = await openPdf(bytes, file);
  const image = await scannedPageImage(bytes, doc, page);
  await doc.destroy();
  return { image, form: expected.forms[0]!, scan: expected.scan.pages[page - 1]! };
}

type Leaf = { value: unknown; source: { page: number; method: string; rect: Rect } };
const leafOf = (part: unknown, f: ExpectedField) => getAtPath(part as never, f.path) as Leaf | undefined;
const same = (leaf: Leaf | undefined, f: ExpectedField) => JSON.stringify(leaf?.value) === JSON.stringify(f.value);

/** A rect [x, y, w, h] (points, origin bottom-left) on a width × height page, as it lies once the page is turned clockwise. */
function turnRect([x, y, w, h]: Rect, width: number, height: number, degrees: 90 | 180 | 270): Rect {
  const turn = ([u, v]: [number, number]): [number, number] => (degrees === 180 ? [width - u, height - v] : degrees === 90 ? [v, width - u] : [height - v, u]);
  const [a, b] = [turn([x, y]), turn([x + w, y + h])];
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])];
}

describe('page orientation from the printed rules', () => {
  it('finds each page of a scanned 126 turned 0, 90, 180 or 270° (or names the way up it doubts), and never turns an upright one', async () => {
    for (const page of [1, 2, 3, 4]) {
      const { image } = await samplePage('retail-fl-scan200/acord-126.scan200.pdf', page);
      expect(pageTurn(image).turn, `page ${page} upright`).toBe(0);
      for (const degrees of [90, 180, 270] as const) {
        const { turn, doubt } = pageTurn(turnImage(image, degrees));
        // The turn that stands the page up undoes the one it was scanned with.
        expect([turn, doubt], `page ${page} turned ${degrees}°`).toContain((360 - degrees) % 360);
        expect(turn === 0 || turn === 180).toBe(degrees === 180);
      }
    }
  });

  it('leaves a page with no rules alone', () => {
    expect(pageTurn(createGrayImage(1700, 2200, 200))).toEqual({ turn: 0 });
  });

  it('reads the footer of an upright page in doubt once: standing it up reads the footer identifying it takes', async () => {
    const { image } = await samplePage('office-ny-scan200/acord-140-1.scan200.pdf', 1);
    expect(pageTurn(image)).toEqual({ turn: 0, doubt: 180 });
    let calls = 0;
    const counting: Ocr = { recognize: (img, request) => (calls++, pool.recognize(img, request)) };
    const upright = await uprightPage(image, counting);
    expect(upright.turned).toBeUndefined();
    expect(upright.footer).toMatchObject({ form: '140', edition: '2016/03', page: 1 });
    const standing = calls;
    expect(await uprightFooter(upright, counting)).toBe(upright.footer);
    expect(calls).toBe(standing);
  });
});

describe('a scanned page footer', () => {
  it('takes "Page N of M" from a strip whose form number came out garbled, rather than read the page number again', async () => {
    const texts = ['X| OWNER T1354\n—— san OOEINA) Page 2 of 4', 'REASON FOR INTEREST: T346\nACORD 125 (2016/03) |'];
    const asked: string[] = [];
    const scripted: Ocr = { recognize: async () => ({ text: (asked.push('strip'), texts[asked.length - 1] ?? ''), confidence: 0.9, words: [] }) };
    expect(await readFooterFromImage(createGrayImage(1700, 2200, 200), undefined, scripted)).toEqual({ form: '125', edition: '2016/03', text: 'ACORD 125 (2016/03)', page: 2 });
    expect(asked).toHaveLength(2);
  });
});

describe('a scanned page sent turned', () => {
  const file = 'office-ny-scan200/acord-140-1.scan200.pdf';
  for (const degrees of [90, 180, 270] as const) {
    it(`page 1 of a 140 stored turned ${degrees}° is turned back, identified and read; its values' rects point at the page as stored`, async () => {
      const { image, form, scan } = await samplePage(file, 1);
      const stored = turnImage(image, degrees);
      const { document, parts, warnings } = await extractDocument(encodeGrayImage(stored, 'png'), `turned-${degrees}.png`, { ocr: () => pool });
      const back = 360 - degrees;
      expect(warnings).toEqual([`turned-${degrees}.png: page 1 was scanned ${back === 180 ? 'upside down' : 'sideways'}; turned ${back}° clockwise to read it`]);
      expect(document.forms).toMatchObject([{ form: '140', edition: '2016/03', pages: [1] }]);

      const onPage = form.fields.filter((f) => f.page === 1);
      const right = onPage.filter((f) => same(leafOf(parts[0], f), f));
      expect(right.length / onPage.length).toBeGreaterThanOrEqual(0.9);
      for (const key of ['namedInsureds[0].fullName', 'carrier.fullName', 'carrier.naicCode']) {
        const f = onPage.find((x) => x.path === key)!;
        const leaf = leafOf(parts[0], f)!;
        expect(leaf.value, key).toEqual(f.value);
        // Where the scan put the box (its known transform), turned with the page: rects in the stored page's points.
        const t = { a: scan.transform.a, b: scan.transform.b, c: scan.transform.c, d: scan.transform.d, e: scan.transform.e, f: scan.transform.f };
        const [x, y, w, h] = f.rect!;
        const corners = [applyTransform(t, x, y), applyTransform(t, x + w, y + h)].map(([px, py]) => [(px * 72) / image.dpi, ((image.height - py) * 72) / image.dpi]);
        const upright: Rect = [Math.min(corners[0]![0]!, corners[1]![0]!), Math.min(corners[0]![1]!, corners[1]![1]!), Math.abs(corners[0]![0]! - corners[1]![0]!), Math.abs(corners[0]![1]! - corners[1]![1]!)];
        const want = turnRect(upright, (image.width * 72) / image.dpi, (image.height * 72) / image.dpi, degrees);
        leaf.source.rect.forEach((v, i) => expect(Math.abs(v - want[i]!), `${key} rect ${leaf.source.rect} vs ${want}`).toBeLessThan(3));
      }
    });
  }
});

describe('a PDF page stored sideways with a /Rotate that stands it up', () => {
  it('is shown upright by its /Rotate and not turned again', async () => {
    const { image } = await samplePage('retail-fl-scan200/acord-126.scan200.pdf', 1);
    // The scanner stored the page lying on its side (turned 90° clockwise) and set /Rotate 270 so viewers show it upright.
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([792, 612]);
    const jpeg = await pdf.embedJpg(encodeGrayImage(turnImage(image, 90), 'jpeg'));
    page.drawImage(jpeg, { x: 0, y: 0, width: 792, height: 612 });
    page.setRotation(degrees(270));
    const bytes = await pdf.save();
    const doc = await openPdf(bytes, 'rotated.pdf');
    const shown = await scannedPageImage(bytes, doc, 1);
    await doc.destroy();
    expect(shown.height).toBeGreaterThan(shown.width);
    const upright = await uprightPage(shown, pool);
    expect(upright.turned).toBeUndefined();
    // Its pixels as shown, not a copy (a page in doubt comes back with the footer that settled it).
    expect(upright.data).toBe(shown.data);
  });
});

describe('a faxed form (1-bit TIFF, 204 × 196 dpi)', () => {
  const file = 'retail-fl-scan200/acord-125.scan200.pdf';

  it('G4 reads page 1 of a 125 like its 200 dpi scan', async () => {
    // A fax machine scans the paper itself at 204 × 196 dpi: the filled form, drawn, is that paper.
    const flat = new Uint8Array(readFileSync(path.join(SAMPLES, 'retail-fl-flat/acord-125.flat.pdf')));
    const doc = await openPdf(flat, 'flat.pdf');
    const paper = await renderPdfPage(doc, 1, 300);
    await doc.destroy();
    const { form } = await samplePage(file, 1);
    const fax = writeFaxTiff([paper], 'g4');
    const { document, parts, warnings } = await extractDocument(fax, 'fax.tif', { ocr: () => pool });
    expect(warnings).toEqual([]);
    expect(document).toMatchObject({ kind: 'image', pageCount: 1, forms: [{ form: '125', edition: '2016/03', pages: [1] }] });
    const onPage = form.fields.filter((f) => f.page === 1);
    const right = onPage.filter((f) => same(leafOf(parts[0], f), f));
    expect(right.length / onPage.length).toBeGreaterThanOrEqual(0.9);
    for (const key of ['carrier.fullName', 'carrier.naicCode', 'producer.fullName', 'namedInsureds[0].fullName']) {
      const f = onPage.find((x) => x.path === key)!;
      expect(leafOf(parts[0], f)?.value, key).toEqual(f.value);
    }
  });

  it('G3 one- and two-dimensional, several pages a file, decode to the same squared pages as G4', async () => {
    const pages = [(await samplePage(file, 1)).image, (await samplePage(file, 2)).image];
    const decoded = (['g4', 'g3-1d', 'g3-2d'] as const).map((coding) => {
      const tiff = openTiff(writeFaxTiff(pages, coding), `${coding}.tif`);
      expect(tiff.pageCount).toBe(2);
      return [tiff.decodePage(1), tiff.decodePage(2)];
    });
    const [g4] = decoded;
    for (const page of g4!) {
      // 196 rows an inch stretched to 204: square pixels, the page's 11 inches tall.
      expect(page).toMatchObject({ width: 1728, dpi: 204 });
      expect(page.height / page.dpi).toBeCloseTo(pages[0]!.height / pages[0]!.dpi, 1);
      expect(inkShare(page)).toBeGreaterThan(0.01);
    }
    for (const other of decoded.slice(1)) other.forEach((page, i) => expect(Buffer.compare(page.data, g4![i]!.data)).toBe(0));
  });

  it('libtiff reads the written G3 and G4 files as the pipeline does (skips without libtiff-tools)', async (context) => {
    const tiffcp = debianBinary('tiffcp', 'libtiff-tools', (m) => console.warn(m));
    if (!tiffcp) return context.skip();
    const { image } = await samplePage(file, 1);
    const dir = mkdtempSync(path.join(tmpdir(), 'fax-'));
    try {
      for (const coding of ['g4', 'g3-1d', 'g3-2d'] as const) {
        const fax = writeFaxTiff([image], coding);
        writeFileSync(path.join(dir, 'in.tif'), fax);
        execFileSync(tiffcp, ['-c', 'none', path.join(dir, 'in.tif'), path.join(dir, 'out.tif')]);
        const byLibtiff = openTiff(new Uint8Array(readFileSync(path.join(dir, 'out.tif'))), 'out.tif').decodePage(1);
        expect(Buffer.compare(byLibtiff.data, openTiff(fax, 'in.tif').decodePage(1).data), coding).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function inkShare(image: GrayImage): number {
  let ink = 0;
  for (const v of image.data) if (v < 128) ink++;
  return ink / image.data.length;
}
