import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { voteByPrototypes } from '../src/read/ocr/glyph-prototypes.js';
import { lineGlyphs } from '../src/read/ocr/line-glyphs.js';
import type { OcrWord } from '../src/read/ocr/ocr-engine.js';
import { inkRuns } from '../src/read/ocr/snap-to-ink.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';

const DPI = 300;
/** The em OCR is given (x-height 24 px, Helvetica's 0.52 em): the size value crops are read at. */
const EM_PX = 24 / 0.52;
const LINE_PT = 20;

/** Each text drawn in Helvetica on a line of its own, rendered at 300 dpi, as that line's image. */
async function renderLines(texts: readonly string[]): Promise<GrayImage[]> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  texts.forEach((t, i) => page.drawText(t, { x: 20, y: 780 - LINE_PT * (i + 1), size: (EM_PX * 72) / DPI, font }));
  const doc = await openPdf(await pdf.save(), 'glyphs.pdf');
  const image = await renderPdfPage(doc, 1, DPI);
  await doc.destroy();
  const px = DPI / 72;
  return texts.map((_, i) => {
    // From above the capitals to below the baseline, clear of the lines above and below.
    const top = Math.round((12 + LINE_PT * (i + 1) - 14) * px);
    const height = Math.round(17 * px);
    return { ...image, height, data: image.data.slice(top * image.width, (top + height) * image.width) };
  });
}

/** A one-word reading of `image` as OCR might give it: one symbol per ink run, labelled with `label`'s characters. */
function readAs(label: string, image: GrayImage): OcrWord[] {
  const symbols = inkRuns(image).map((r, i) => ({ text: label[i]!, confidence: 0.95, x0: r.x0, x1: r.x1 }));
  return [{ text: label, confidence: 0.9, minSymbolConfidence: 0.95, symbols }];
}

describe('the document’s own glyphs as a second read', () => {
  it('vouches for a value whose glyphs look like other values’ glyphs of the same label, contests an "8" read as "B", and leaves an unknown glyph undecided', async () => {
    const others = ['8B8B', 'B885', 'B58', 'BB8', '1885', 'B2B8', '5B1'];
    // As drawn and as read: the last "8" of "A8B8" read as "B" (tesseract's "AB7977" for "A87977").
    const tested: [string, string][] = [['88B5', '88B5'], ['8B18', '8B1B'], ['58Q', '58Q']];
    const images = await renderLines([...others, ...tested.map(([drawn]) => drawn)]);
    const labels = [...others, ...tested.map(([, read]) => read)];
    const values = labels.map((text, i) => ({ text, glyphs: lineGlyphs(readAs(text, images[i]!), images[i]!, EM_PX)! }));
    expect(values.every((v, i) => v.glyphs.length === labels[i]!.length)).toBe(true);
    const verdicts = voteByPrototypes(values);
    expect(verdicts.slice(others.length)).toEqual(['agree', 'disagree', 'undecided']);
    // Each value is judged by the others only: "B2B8"'s "2" has no other "2" to be judged by.
    expect(verdicts[others.indexOf('B2B8')]).toBe('undecided');
    expect(verdicts[others.indexOf('8B8B')]).toBe('agree');
  });

  it('gives no glyphs for a line whose ink is not one glyph per symbol: touching or split glyphs are left to OCR', async () => {
    const [image] = await renderLines(['B88']);
    const words = readAs('B88', image!);
    expect(lineGlyphs(words, image!, EM_PX)).toHaveLength(3);
    // Read as two glyphs where the ink has three runs (a glyph dropped, or two read as one).
    const two = [{ ...words[0]!, text: 'B8', symbols: words[0]!.symbols.slice(0, 2) }];
    expect(lineGlyphs(two, image!, EM_PX)).toBeUndefined();
  });
});
