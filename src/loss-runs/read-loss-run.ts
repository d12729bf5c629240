import type { LossRun } from '../../schemas/loss-run.js';
import { DEFAULT_LIMITS, type Limits } from '../config/limits.js';
import { openPdf } from '../pdf/open-pdf.js';
import { readPageText } from '../text-layer/read-page-text.js';
import { parseLossRun } from './parse-loss-run.js';
import { textLines, type TextLine } from './text-lines.js';

/** Words a loss run prints on its first page, and a claims table's column words. */
const TITLE = /loss\s*runs?|loss\s*history|claims?\s*(?:history|summary|experience|report)|loss\s*experience/i;
const CLAIM_WORDS = /date\s*of\s*loss|loss\s*date|claim\s*(?:number|no\.?|#)|incurred|no\s*(?:losses|claims)\s*(?:reported|on\s*file)/i;

/** A title sits in the first lines of page 1: an ACORD 125's "LOSS HISTORY" section further down is not one. */
const TITLE_LINES = 6;

/** A PDF's text read as lines: a loss run when its first page is titled as one and claim words appear. */
export function isLossRun(lines: readonly TextLine[]): boolean {
  return lines.filter((l) => l.page === 1).slice(0, TITLE_LINES).some((l) => TITLE.test(l.text)) && lines.some((l) => CLAIM_WORDS.test(l.text));
}

/**
 * A carrier loss-run PDF with a text layer read into claims; null when the PDF is not a loss run (its text
 * does not say so). Pages without text (a scan) give no lines: such a run is read by OCR, not here.
 */
export async function readLossRun(bytes: Uint8Array, fileName: string, limits: Limits = DEFAULT_LIMITS): Promise<LossRun | null> {
  const doc = await openPdf(bytes, fileName, limits);
  try {
    const lines: TextLine[] = [];
    for (let page = 1; page <= doc.numPages; page++) lines.push(...textLines((await readPageText(doc, page)).items, page));
    return isLossRun(lines) ? parseLossRun(lines, fileName) : null;
  } finally {
    await doc.destroy();
  }
}
