import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractSubmission } from '../src/read/extract/extract-submission.js';

const SAMPLE_125 = path.resolve(import.meta.dirname, '../samples/contractor-co/acord-125.pdf');

/** The shipped fillable 125 with pages appended after it. */
async function withPages(add: (pdf: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(readFileSync(SAMPLE_125));
  await add(pdf);
  return pdf.save();
}

describe('the outcome of a file: what was read, and which pages were not', () => {
  it('a trailing blank page loses nothing: every value placed, the submission complete', async () => {
    const bytes = await withPages(async (pdf) => void pdf.addPage([612, 792]));
    const { outcome } = await extractSubmission([{ fileName: 'with-blank.pdf', bytes }]);
    expect(outcome.files[0]).toMatchObject({ status: 'read', valuesUnplaced: 0, pagesNotRead: [] });
    expect(outcome.files[0]!.valuesRead).toBeGreaterThan(100);
    expect(outcome.status).toBe('complete');
  });

  it('a page with text that is no form we know is reported as not read, and the submission is incomplete', async () => {
    const bytes = await withPages(async (pdf) => {
      const page = pdf.addPage([612, 792]);
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      page.drawText('Dear underwriter, please find our client\'s application and loss runs enclosed.', { x: 72, y: 700, size: 11, font });
    });
    const { outcome } = await extractSubmission([{ fileName: 'with-letter.pdf', bytes }]);
    const [file] = outcome.files;
    expect(file!.status).toBe('incomplete');
    expect(file!.pagesNotRead).toEqual([{ page: 5, reason: 'unidentified', detail: expect.stringContaining('not a page of an ACORD') }]);
    expect(outcome.status).toBe('incomplete');
  });
});
