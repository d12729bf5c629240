import type { LossRun } from '../../../schemas/loss-run.js';
import { DEFAULT_LIMITS, type Limits } from '../../config/limits.js';
import { openPdf } from '../pdf/open-pdf.js';
import { readPageText } from '../text-layer/read-page-text.js';
import { parseLossRun } from './parse-loss-run.js';
import { textLines, type TextLine } from './text-lines.js';

/** Words a loss run prints on its first page, and a claims table's column words. */
const TITLE = /loss\s*runs?|loss\s*history|claims?\s*(?:history|summary|experience|report)|loss\s*experience/i;
const CLAIM_WORDS = /date\s*of\s*loss|loss\s*date|claim\s*(?:number|no\.?|#)|incurred|no\s*(?:losses|claims)\s*(?:reported|on\s*file)/i;

/** A title sits in the first lines of page 1: an ACORD 125's "LOSS HISTORY" section further down is not one. */
const TITLE_LINES = 6;

/** Page 1 is titled as a loss run in its first lines. */
export const hasLossRunTitle = (lines: readonly TextLine[]) => lines.filter((l) => l.page === 1).slice(0, TITLE_LINES).some((l) => TITLE.test(l.text));

/** A PDF's text read as lines: a loss run when its first page is titled as one and claim words appear. */
export function isLossRun(lines: readonly TextLine[]): boolean {
  return hasLossRunTitle(lines) && lines.some((l) => CLAIM_WORDS.test(l.text));
}

/**
 * A loss run from its pages' text lines (printed or OCR'd), page by page; null when it is not one. Page 1
 * decides: a document whose first page is not titled as a loss run has no other page read.
 */
export async function lossRunFromPages(pageCount: number, linesOf: (page: number) => Promise<TextLine[]>, fileName: string): Promise<LossRun | null> {
  const lines = await linesOf(1);
  if (!hasLossRunTitle(lines)) return null;
  for (let page = 2; page <= pageCount; page++) lines.push(...(await linesOf(page)));
  return isLossRun(lines) ? parseLossRun(lines, fileName) : null;
}

/**
 * A carrier loss-run PDF with a text layer read into claims; null when the PDF is not a loss run (its text
 * does not say so). Pages without text (a scan) give no lines: extractDocument reads such a run by OCR.
 */
export async function readLossRun(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): Promise<LossRun | null> {
  const doc = await openPdf(bytes, fileName, limits);
  try {
    return await lossRunFromPages(doc.numPages, async (page) => textLines((await readPageText(doc, page)).items, page), fileName);
  } finally {
    await doc.destroy();
  }
}
