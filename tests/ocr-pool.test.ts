import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import type { GrayImage } from '../src/read/raster/gray-image.js';
import { renderPdfPage } from '../src/read/raster/render-pdf-page.js';

/** Lines of Helvetica drawn by pdf-lib and rendered by pdfjs at 300 dpi: OCR input made by the project's own stack. */
async function renderLines(lines: string[]): Promise<GrayImage[]> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const line of lines) pdf.addPage([160, 24]).drawText(line, { x: 6, y: 8, size: 12, font });
  const doc = await openPdf(await pdf.save(), 'lines.pdf');
  const images = await Promise.all(lines.map((_, i) => renderPdfPage(doc, i + 1, 300)));
  await doc.destroy();
  return images;
}

describe('OcrPool', () => {
  const LINES = ['12345', '06/15/2024', 'ACME WIDGETS', '$1,250,000'];
  let images: GrayImage[];
  beforeAll(async () => {
    images = await renderLines(LINES);
  });

  it('reads through a fixed set of workers, FIFO, and applies per-request whitelist and PSM', async () => {
    const pool = new OcrPool({ workers: 2 });
    try {
      const requests = Array.from({ length: 12 }, (_, i) => i % LINES.length);
      const results = await Promise.all(requests.map((i) => pool.recognize(images[i]!, i === 0 ? { whitelist: '0123456789' } : { psm: i === 2 ? 'block' : 'line' })));
      expect(results.map((r) => r.text)).toEqual(requests.map((i) => LINES[i]));
      for (const r of results) expect(r.confidence).toBeGreaterThan(0.8);
      expect(pool.stats).toEqual({ workersStarted: 2, recognitions: 12, recycled: 0 });
    } finally {
      await pool.close();
    }
    await expect(pool.recognize(images[0]!)).rejects.toThrow(/closed/);
  });

  it("each job's whitelist applies to it alone, with several jobs posted to a worker at once", async () => {
    const pool = new OcrPool({ workers: 1 });
    try {
      // Words read through a digits-only whitelist, between jobs with none: a whitelist set late or
      // kept too long shows as letters read, or as a date's slashes lost.
      const requests = Array.from({ length: 8 }, (_, i) => (i % 2 ? { line: 2, whitelist: '0123456789' } : { line: 1 }));
      const results = await Promise.all(requests.map((r) => pool.recognize(images[r.line]!, r.whitelist ? { whitelist: r.whitelist } : {})));
      results.forEach((r, i) => {
        if (requests[i]!.whitelist) expect(r.text).not.toMatch(/[A-Z]/);
        else expect(r.text).toBe(LINES[1]);
      });
    } finally {
      await pool.close();
    }
  });

  it('an urgent job overtakes the queued ones; small jobs are posted ahead deeper than large ones', async () => {
    /** Where an urgent job queued behind 100 others finishes, on one worker already started. */
    const urgentFinishes = async (image: GrayImage) => {
      const pool = new OcrPool({ workers: 1 });
      try {
        await pool.recognize(image);
        const order: string[] = [];
        const track = (label: string, job: Promise<unknown>) => job.then(() => order.push(label));
        const queued = Array.from({ length: 100 }, (_, i) => track(`job ${i}`, pool.recognize(image)));
        await Promise.all([...queued, track('urgent', pool.recognize(image, { urgent: true }))]);
        expect(order.filter((l) => l !== 'urgent')).toEqual(queued.map((_, i) => `job ${i}`));
        return order.indexOf('urgent');
      } finally {
        await pool.close();
      }
    };
    const line = images[2]!; // 160 × 24 pt at 300 dpi: ~67 kpx, a footer-strip-like job
    const crop: GrayImage = { ...line, width: 100, height: 40, data: line.data.slice(0, 4000) }; // a field crop's size
    // Jobs already posted to the worker cannot be overtaken: a few large ones, many small ones.
    expect(await urgentFinishes(line)).toBe(4);
    const afterSmall = await urgentFinishes(crop);
    expect(afterSmall).toBeGreaterThan(4);
    expect(afterSmall).toBeLessThan(100);
  });

  it('a job whose image tesseract cannot read fails alone; the worker is replaced and the queue goes on', async () => {
    const pool = new OcrPool({ workers: 1 });
    try {
      // Claims 100×100 pixels but carries 10 bytes: a truncated PGM leptonica refuses.
      const broken: GrayImage = { width: 100, height: 100, dpi: 300, data: new Uint8Array(10) };
      const [bad, good] = await Promise.allSettled([pool.recognize(broken), pool.recognize(images[0]!, { whitelist: '0123456789' })]);
      expect(bad.status).toBe('rejected');
      expect(good).toEqual({ status: 'fulfilled', value: expect.objectContaining({ text: '12345' }) });
      expect(pool.stats.workersStarted).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("an aborted job rejects with the reason: a running job's worker is replaced, queued jobs are dropped", async () => {
    const pool = new OcrPool({ workers: 1 });
    try {
      await pool.recognize(images[0]!); // the worker is up: what follows measures the jobs, not the start
      const stop = new AbortController();
      // A whole page of noise keeps tesseract busy for far longer than the abort takes to arrive.
      const noise: GrayImage = { width: 2400, height: 3000, dpi: 300, data: Uint8Array.from({ length: 2400 * 3000 }, (_, i) => ((i * 2654435761) >>> 24) & 255) };
      const running = pool.recognize(noise, { psm: 'block', signal: stop.signal });
      const queued = pool.recognize(images[1]!, { signal: stop.signal });
      const other = pool.recognize(images[2]!);
      setTimeout(() => stop.abort(new Error('deadline')), 50);
      await expect(running).rejects.toThrow('deadline');
      await expect(queued).rejects.toThrow('deadline');
      expect((await other).text).toBe(LINES[2]);
      expect(pool.stats).toMatchObject({ workersStarted: 2, recognitions: 3 });
      await expect(pool.recognize(images[0]!, { signal: stop.signal })).rejects.toThrow('deadline');
    } finally {
      await pool.close();
    }
  });

  it('recycles a worker after its quota of recognitions, keeping results right', async () => {
    const pool = new OcrPool({ workers: 1, recycleAfter: 3 });
    try {
      const texts: string[] = [];
      for (let i = 0; i < 7; i++) texts.push((await pool.recognize(images[i % LINES.length]!)).text);
      expect(texts).toEqual(Array.from({ length: 7 }, (_, i) => LINES[i % LINES.length]));
      expect(pool.stats).toEqual({ workersStarted: 3, recognitions: 7, recycled: 2 });
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker once it has read a whole-page-sized image, whatever its quota', async () => {
    const pool = new OcrPool({ workers: 1 });
    try {
      await pool.recognize(images[0]!);
      const page: GrayImage = { width: 1700, height: 2200, dpi: 200, data: new Uint8Array(1700 * 2200).fill(255) };
      const texts = await Promise.all([pool.recognize(page, { psm: 'block' }), pool.recognize(images[1]!), pool.recognize(images[2]!)]);
      expect(texts.map((t) => t.text)).toEqual(['', LINES[1], LINES[2]]);
      expect(pool.stats).toEqual({ workersStarted: 2, recognitions: 4, recycled: 1 });
    } finally {
      await pool.close();
    }
  });
});
