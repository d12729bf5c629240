import type { LossRun, LossRunClaim } from '../../../schemas/loss-run.js';
import { lossRunFromPages } from '../loss-runs/read-loss-run.js';
import { ocrTextItems } from '../loss-runs/ocr-text-items.js';
import { textLines } from '../loss-runs/text-lines.js';
import type { Ocr } from '../ocr/ocr-engine.js';
import type { GrayImage } from '../raster/gray-image.js';
import type { TextItem } from '../text-layer/read-page-text.js';
import type { ExtractedDocument } from './extract-document.js';
import type { OnReadProgress } from './read-progress.js';

/** What reading a document as a loss run needs of its PDF or image file, bound to the document's budget. */
export type LossRunPages = {
  id: string;
  fileName: string;
  pageCount: number;
  /** Page n's printed text, or null when the page is a scan (read by OCR from `imageOf`). */
  printedText: (page: number) => Promise<TextItem[] | null>;
  imageOf: (page: number) => Promise<GrayImage>;
  /** The OCR pool, asked for only when a page is a scan. */
  ocr: () => Ocr;
  /** Throws once the document's deadline has passed; told the page being read. */
  checkTime: (page: number) => void;
  progress: OnReadProgress;
};

const FIELDS: [keyof LossRunClaim, string][] = [
  ['claimNumber', 'claim number'],
  ['lossDate', 'date of loss'],
  ['status', 'status'],
  ['paid', 'paid'],
  ['incurred', 'incurred'],
];

/** A claim missing any of the figures an underwriter rates on: named, with what is missing and where. */
function claimWarnings(run: LossRun): string[] {
  return run.claims.flatMap((c, i) => {
    const missing = FIELDS.filter(([k]) => c[k] === null).map(([, name]) => name);
    const which = c.claimNumber ? `claim ${c.claimNumber}` : `claim ${i + 1} (no claim number read)`;
    return missing.length ? [`${run.file}: page ${c.source.page}: ${which}: ${missing.join(', ')} not read; check it against the original`] : [];
  });
}

/**
 * A PDF or scanned image holding no ACORD form, read as a carrier's loss run: printed pages from their
 * text layer, scanned ones by OCR of the whole page into positioned words, both into the same lines, so
 * one parser reads every layout. Null when page 1 is not titled as a loss run (the caller's refusal stands).
 */
export async function readLossRunDocument(pages: LossRunPages): Promise<ExtractedDocument | null> {
  const scanned: number[] = [];
  const linesOf = async (page: number) => {
    pages.checkTime(page);
    const printed = await pages.printedText(page);
    if (printed) return textLines(printed, page);
    scanned.push(page);
    pages.progress({ stage: 'ocr', page, pages: pages.pageCount });
    const image = await pages.imageOf(page);
    const { words } = await pages.ocr().recognize(image, { psm: 'sparse', wordBoxes: true });
    return textLines(ocrTextItems(words, image), page);
  };
  const run = await lossRunFromPages(pages.pageCount, linesOf, pages.fileName);
  if (!run) return null;
  const warnings = claimWarnings(run);
  if (run.claims.length === 0 && run.periods.length === 0) warnings.push(`${pages.fileName}: a loss run, but no claim and no policy period could be read from it; read the original`);
  if (run.valuationDate === null) warnings.push(`${pages.fileName}: the loss run's valuation date was not read; its figures' age is unknown`);
  if (scanned.length && run.claims.length) warnings.push(`${pages.fileName}: claims read by OCR from a scan; check the amounts against the original`);
  return {
    document: { id: pages.id, fileName: pages.fileName, kind: 'loss-run', pageCount: pages.pageCount, forms: [] },
    parts: [],
    unplaced: [],
    pagesNotRead: [],
    fieldsNotRead: [],
    warnings,
    lossRun: run,
  };
}
