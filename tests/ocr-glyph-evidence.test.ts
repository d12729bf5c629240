import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { correctLookAlikes, decideLookAlikes } from '../src/read/ocr/decide-look-alikes.js';
import { dropPhantomGlyphs } from '../src/read/ocr/drop-phantom-glyphs.js';
import { glyphAspect } from '../src/read/ocr/glyph-shape.js';
import type { OcrSymbol, OcrWord } from '../src/read/ocr/ocr-engine.js';
import { inkRuns, type Run } from '../src/read/ocr/snap-to-ink.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';

/**
 * Helvetica lines rendered at 300 dpi by pdf.js at the x-height OCR is given (24 px, an em of 46 px):
 * the glyphs' real ink, each line its own image (its rows), and every glyph one run of inked columns.
 */
const LINES = ['IL 00 17 11 98', 'CP 04 11', 'Hi5 Fitness', 'TX 1008-2B', 'CG 20', 'A87977'];
const EM_PX = 24 / 0.52;
const FONT_PT = 8 * (24 / (0.52 * 8)) * (72 / 300);
const rendered = new Map<string, GrayImage>();

beforeAll(async () => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  LINES.forEach((text, i) => page.drawText(text, { x: 20, y: 760 - 40 * i, size: FONT_PT, font }));
  const doc = await openPdf(await pdf.save(), 'glyph-evidence.pdf');
  const image = await renderPdfPage(doc, 1, 300);
  await doc.destroy();
  LINES.forEach((text, i) => {
    const top = Math.round(((792 - (760 - 40 * i) - 14) * 300) / 72);
    const height = Math.round((24 * 300) / 72);
    rendered.set(text, { ...image, height, data: image.data.slice(top * image.width, (top + height) * image.width) });
  });
}, 60_000);

const line = (text: string) => rendered.get(text)!;

/** The line's glyphs as tesseract would box them on their ink (one run each), words parted at its spaces. */
function inkWords(text: string): { words: OcrWord[]; runs: Run[] } {
  const runs = inkRuns(line(text));
  expect(runs.length).toBe(text.replace(/ /g, '').length);
  let k = 0;
  const words = text.split(' ').map((w): OcrWord => {
    const symbols = [...w].map((c): OcrSymbol => ({ text: c, confidence: 0.95, x0: runs[k]!.x0, x1: runs[k++]!.x1 }));
    return { text: w, confidence: 0.9, minSymbolConfidence: 0.95, symbols };
  });
  return { words, runs };
}

const oneWord = (symbols: OcrSymbol[]): OcrWord[] => [{ text: symbols.map((s) => s.text).join(''), confidence: 0.5, minSymbolConfidence: 0.9, symbols }];
const result = (words: OcrWord[]) => ({ text: words.map((w) => w.text).join(' '), confidence: 0.5, words });

describe('glyphs judged by their own ink', () => {
  it('keeps a glyph the LSTM boxed over blank paper when it has a run of ink of its own ("IL 00" read "ILO0")', () => {
    const { runs } = inkWords('IL 00 17 11 98');
    // What tesseract boxed on a 200 dpi scan: "I" over both stems, "L" over the blank before "00", "O" over both zeros.
    const s = (text: string, x0: number, x1: number, confidence = 0.95): OcrSymbol => ({ text, confidence, x0, x1 });
    const read = oneWord([s('I', runs[0]!.x0, runs[1]!.x1), s('L', runs[1]!.x1 - 6, runs[2]!.x0 + 3), s('O', runs[2]!.x0, runs[3]!.x1, 0.9), s('0', runs[3]!.x0 + 1, runs[3]!.x1 - 1)]);
    expect(dropPhantomGlyphs(result(read), line('IL 00 17 11 98'), EM_PX, true).words[0]!.text).toBe('ILO0');
  });

  it('drops a look-alike read twice over one glyph’s ink ("CP 04" read "CP0O4"), the less sure of the two', () => {
    const { words, runs } = inkWords('CP 04 11');
    const zero = runs[2]!;
    const mid = Math.round((zero.x0 + zero.x1) / 2);
    const doubled = [...words[0]!.symbols, { text: '0', confidence: 0.9, x0: zero.x0 - 4, x1: mid }, { text: 'O', confidence: 0.95, x0: mid, x1: zero.x1 }, ...words[1]!.symbols.slice(1), ...words[2]!.symbols];
    const dropped = dropPhantomGlyphs(result(oneWord(doubled)), line('CP 04 11'), EM_PX, true);
    expect(dropped.words[0]!.text).toBe('CPO411');
    // Read as the digit its ink is shaped as, the line is "CP 04 11" again.
    const shaped = correctLookAlikes(dropped.text, dropped.words, line('CP 04 11'), true);
    expect(shaped.raw).toBe('CP0411');
    // Two zeros, each with its own ink, are never one read twice, however the LSTM boxed them.
    const { words: zeros, runs: zeroRuns } = inkWords('IL 00 17 11 98');
    const wide = zeros.map((w, i) => (i === 1 ? { ...w, symbols: [{ ...w.symbols[0]!, x1: zeroRuns[3]!.x1 }, w.symbols[1]!] } : w));
    expect(dropPhantomGlyphs(result(wide), line('IL 00 17 11 98'), EM_PX, true).text).toBe('IL 00 17 11 98');
  });

  it('tells "B" from "8" by the bow of the left side, and does not measure a speck under a glyph as part of it', () => {
    const { words } = inkWords('TX 1008-2B');
    const [eight, , , b] = words[1]!.symbols.slice(3);
    const shape = (s: OcrSymbol) => glyphAspect(line('TX 1008-2B'), s.x0, s.x1, s.x0 - 1, s.x1 + 1)!;
    expect(shape(eight!).bow).toBeGreaterThanOrEqual(0.06);
    expect(shape(b!).bow).toBeLessThanOrEqual(0.03);
    // "1008-2B" read right is sure, and is not turned into "1008-28" (as the width alone did on vector
    // outlines); read "1008-28", its "8" has a letter's ink: not sure.
    expect(decideLookAlikes('TX 1008-2B', words, line('TX 1008-2B'), true).sure).toBe(true);
    expect(correctLookAlikes('TX 1008-2B', words, line('TX 1008-2B'), true).raw).toBe('TX 1008-2B');
    const misread = words.map((w, i) => (i === 1 ? { ...w, text: '1008-28', symbols: w.symbols.map((s, k) => (k === 6 ? { ...s, text: '8' } : s)) } : w));
    expect(decideLookAlikes('TX 1008-28', misread, line('TX 1008-2B'), true).sure).toBe(false);
    // A speck under the "G" of "CG", apart from it by blank rows: the "G" is still as wide as a letter.
    const cg = line('CG 20');
    const g = inkWords('CG 20').words[0]!.symbols[1]!;
    const speckled = { ...cg, data: cg.data.slice() };
    const x = Math.round((g.x0 + g.x1) / 2);
    let bottom = 0;
    for (let y = 0; y < cg.height; y++) for (let c = g.x0; c <= g.x1; c++) if (cg.data[y * cg.width + c]! < 128) bottom = y;
    for (const dx of [0, 1]) speckled.data[(bottom + 6) * cg.width + x + dx] = 0;
    expect(glyphAspect(speckled, g.x0, g.x1, g.x0 - 1, g.x1 + 1)!.aspect).toBeGreaterThanOrEqual(0.85);
  });

  it('reads a capital after a small letter as the digit its ink is shaped as ("Hi5" read "HiS"); a real "S" stays', () => {
    const { words } = inkWords('Hi5 Fitness');
    const misread = [{ ...words[0]!, text: 'HiS', symbols: words[0]!.symbols.map((s, k) => (k === 2 ? { ...s, text: 'S' } : s)) }, words[1]!];
    expect(correctLookAlikes('HiS Fitness', misread, line('Hi5 Fitness'), true).raw).toBe('Hi5 Fitness');
    // The small "s" of "Fitness" is no look-alike: left as read.
    expect(correctLookAlikes('Hi5 Fitness', words, line('Hi5 Fitness'), true).raw).toBe('Hi5 Fitness');
  });

  it('measures each line of a block reading within its own rows', () => {
    const [a, b] = [line('A87977'), line('TX 1008-2B')];
    // The two lines stacked into one image, the words boxed with their line's rows as tesseract boxes a block.
    const block: GrayImage = { ...a, height: a.height + b.height, data: new Uint8Array([...a.data, ...b.data]) };
    const boxed = (words: OcrWord[], y0: number, y1: number) => words.map((w) => ({ ...w, box: { x0: 0, y0, x1: block.width - 1, y1, line: { x0: 0, y0, x1: block.width - 1, y1, baseline: { x0: 0, y0: y1, x1: block.width - 1, y1 } } } }));
    const words = [...boxed(inkWords('A87977').words, 0, a.height - 1), ...boxed(inkWords('TX 1008-2B').words, a.height, block.height - 1)];
    expect(decideLookAlikes('A87977\nTX 1008-2B', words, block, false).sure).toBe(true);
    const misread = words.map((w, i) => (i === 0 ? { ...w, text: 'AB7977', symbols: w.symbols.map((s, k) => (k === 1 ? { ...s, text: 'B' } : s)) } : w));
    expect(decideLookAlikes('AB7977\nTX 1008-2B', misread, block, false).sure).toBe(false);
  });
});
