import type { FieldNotRead, PageNotRead } from '../../schemas/extraction-outcome.js';
import type { LossRun } from '../../schemas/loss-run.js';
import type { SovSchedule } from '../../schemas/sov.js';
import type { DocumentRef, SubmissionData, UnplacedValue } from '../../schemas/submission.js';
import { uprightPage, type UprightImage } from '../align/page-orientation.js';
import { DEFAULT_LIMITS, formatBytes, LIMITS_ENV, mega, type Limits } from '../config/limits.js';
import { AcordPrepError, DeadlineExceededError, ImageReadError, PdfReadError, UnknownFormError, UnsupportedFileError } from '../errors.js';
import { identifyPdfForms, type FormNotRead, type IdentifiedForm } from '../identify/identify-pdf-forms.js';
import { readFooter, type Footer } from '../identify/read-footers.js';
import type { Ocr, OcrEngine } from '../ocr/ocr-engine.js';
import { OcrPool } from '../ocr/ocr-pool.js';
import { readFooterFromImage } from '../ocr/read-footer-from-image.js';
import { openPdf, type PDFDocumentProxy } from '../pdf/open-pdf.js';
import { placeUnknownWidgets } from '../place/place-unknown-widgets.js';
import { readAcroFormWidgets } from '../pdf/read-acroform-widgets.js';
import { readPdfPages, type PdfPage } from '../pdf/read-pdf-pages.js';
import type { GrayImage } from '../raster/gray-image.js';
import { openImageFile } from '../raster/image-file-pages.js';
import { pdfPageKind, type PdfPageKind } from '../raster/pdf-page-kind.js';
import { PixelBudget } from '../raster/pixel-limit.js';
import { scannedPageImage } from '../raster/scanned-page-image.js';
import { sha256Of } from '../store/content-store.js';
import { readPageText } from '../text-layer/read-page-text.js';
import { extractAcordXml } from './acord-xml-extractor.js';
import { extractAcroForm } from './acroform-extractor.js';
import { flagUnverifiedLayout } from './flag-unverified-layout.js';
import { describeFileKind, sniffFileKind, type FileKind } from '../file-kinds/sniff-file-kind.js';
import { mergeSubmissionData } from './merge-submission-data.js';
import { extractScannedForm } from './scanned-form-extractor.js';
import { extractTextLayer } from './text-layer-extractor.js';
import { readLossRunDocument, type LossRunPages } from './read-loss-run-document.js';
import { readSpreadsheetDocument, spreadsheetFormat } from './read-spreadsheet-document.js';
import type { OnReadProgress } from './read-progress.js';

/** Hands out the OCR pool on first need; whoever made the provider closes the pool. */
export type OcrProvider = () => Ocr;
export type ExtractOptions = {
  ocr?: OcrProvider;
  /** Bounds on bytes, pages, pixels, XML size and time (src/config/limits.ts, `loadLimits`); defaults when absent. */
  limits?: Limits;
  /** Told each page as its reading starts: whoever stops a stuck reading can say which page it was on. */
  onPage?: (page: number) => void;
  /** Told as reading moves from stage to stage, for the job's progress on the queue board. */
  onProgress?: OnReadProgress;
};

/** The refusal of a document that ran past `msPerDocument`, on `page` when known. */
export const deadlineExceeded = (fileName: string, limits: Limits, page?: number) =>
  new DeadlineExceededError(
    fileName,
    `reading took longer than the ${mega(limits.msPerDocument / 1000, 1)} s allowed per document; split the file, or raise msPerDocument in ${LIMITS_ENV} if such files are expected`,
    page,
  );

/**
 * What one document may still spend: its pages' decoded pixels and its time. The deadline is a timer
 * that aborts `signal`: OCR jobs (queued or running) and page renders stop on it, so a single slow page
 * cannot run past the deadline; synchronous steps (decoding, aligning one page) are bounded by the
 * pixel limits instead. `close` when the document is done.
 */
class DocumentBudget {
  private readonly pixels: PixelBudget;
  private readonly counted = new Set<number>();
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  /** The rejecters of the work in flight, all called when the deadline fires. */
  private readonly inFlight = new Set<(reason: unknown) => void>();
  /** The page being read, for the deadline's message. */
  private current: number | undefined;

  constructor(
    fileName: string,
    limits: Limits,
    private readonly onPage: ((page: number) => void) | undefined,
  ) {
    this.pixels = new PixelBudget(fileName, limits);
    this.timer = setTimeout(() => this.controller.abort(deadlineExceeded(fileName, limits, this.current)), limits.msPerDocument);
    this.signal.addEventListener('abort', () => {
      for (const reject of this.inFlight) reject(this.signal.reason);
      this.inFlight.clear();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  close(): void {
    clearTimeout(this.timer);
  }

  checkTime(page?: number): void {
    if (page !== undefined && page !== this.current) {
      this.current = page;
      this.onPage?.(page);
    }
    this.signal.throwIfAborted();
  }

  /**
   * The work, or the deadline's error as soon as it fires. Not Promise.race against one long-lived
   * promise: every race would stay subscribed to it, holding its result (a decoded page) until the
   * document ends.
   */
  private bound<T>(work: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      this.inFlight.add(reject);
      work.then(resolve, reject).finally(() => this.inFlight.delete(reject));
    });
  }

  /** The pool, its jobs bound to this document's deadline. */
  ocr(pool: Ocr): Ocr {
    return { recognize: (image, request) => this.bound(pool.recognize(image, { ...request, signal: this.signal })) };
  }

  /** A page's image, counted once however often it is decoded again. */
  async page<T extends GrayImage>(n: number, load: () => Promise<T>): Promise<T> {
    this.checkTime(n);
    const image = await this.bound(load());
    if (!this.counted.has(n)) {
      this.counted.add(n);
      this.pixels.spend(image.width * image.height, n);
    }
    return image;
  }
}

export type ExtractedDocument = {
  document: DocumentRef;
  /** One entry per form instance found, in document order. */
  parts: SubmissionData[];
  /** Filled values found that have no place in the model: kept, and counted against a clean read. */
  unplaced: UnplacedValue[];
  /** Pages whose values were not read, each with why. */
  pagesNotRead: PageNotRead[];
  /** Boxes on pages read whose value could not be (an OCR job timed out or failed), each with why. */
  fieldsNotRead: FieldNotRead[];
  /** Things a reviewer should know that did not stop the reading. */
  warnings: string[];
  /** A spreadsheet's sheets read as schedules of values (document kind `schedule-of-values`). */
  schedulesOfValues?: SovSchedule[];
  /** A carrier's loss run read into claims (document kind `loss-run`). */
  lossRun?: LossRun;
};

/** A document's id is the sha256 of its bytes: the key it is stored under too. */
export const documentId = sha256Of;

const pageRange = (pages: number[]) => (pages.length > 1 ? `pages ${pages[0]}–${pages.at(-1)}` : `page ${pages[0]}`);

/** How a page's values are read. */
type Reading = 'acroform' | 'text-layer' | 'ocr' | 'none';
const READING_OF: Record<PdfPageKind, Reading> = {
  'form-fields': 'acroform',
  'text-layer': 'text-layer',
  'image-only': 'ocr',
  'image-with-text': 'ocr',
  // Text drawn as outlines is read like a scan, from the page rendered.
  'vector-outlines': 'ocr',
  blank: 'none',
};

/** The part of a form instance on the given pages. */
function onPages(form: IdentifiedForm, pages: readonly number[]): IdentifiedForm {
  const keep = form.pages.map((p) => pages.includes(p));
  return { ...form, pages: form.pages.filter((_, i) => keep[i]), templatePages: form.templatePages.filter((_, i) => keep[i]) };
}

/**
 * Keeps the last few decoded page images, stood upright: identification and extraction each want a
 * scanned page once, the right way up.
 */
function imageCache(load: (page: number) => Promise<GrayImage>, ocr: () => Ocr, size = 4): (page: number) => Promise<UprightImage> {
  const cache = new Map<number, Promise<UprightImage>>();
  return (page) => {
    let hit = cache.get(page);
    if (hit) cache.delete(page);
    else hit = load(page).then((image) => uprightPage(image, ocr()));
    cache.set(page, hit);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return hit;
  };
}

function describe(form: IdentifiedForm): string {
  return `ACORD ${form.form} (${form.edition})`;
}

function toDocumentRef(id: string, fileName: string, kind: DocumentRef['kind'], pageCount: number, forms: IdentifiedForm[], formsNotRead: FormNotRead[]): DocumentRef {
  const instances = forms.map(({ form, edition, templateEdition, pages, identifiedBy }) => ({ form, edition, templateEdition, pages, identifiedBy }));
  return { id, fileName, kind, pageCount, forms: instances, ...(formsNotRead.length ? { formsNotRead } : {}) };
}

/**
 * `isBlank` tells a page with nothing on it: an unidentified blank page has no values to lose. A file
 * holding only forms acord-prep does not read (an ACORD 160) is not a failure: they are listed.
 */
async function identifyOrThrow(pages: PdfPage[], fileName: string, footerOf: (n: number) => Promise<Footer | null>, isBlank: (n: number) => Promise<boolean>) {
  const { forms, formsNotRead, unidentifiedPages } = await identifyPdfForms(pages, footerOf);
  if (forms.length === 0 && formsNotRead.length === 0) {
    throw new UnknownFormError(fileName, `none of its ${pages.length} page(s) is an ACORD 125, 126 or 140, nor another ACORD form (no known form fields, no "ACORD NNN (YYYY/MM)" footer)`);
  }
  const unread: number[] = [];
  for (const page of unidentifiedPages) if (!(await isBlank(page))) unread.push(page);
  const warnings = unread.length ? [`${fileName}: ${pageRange(unread)} not recognised as pages of an ACORD form; kept with the document, not read`] : [];
  const pagesNotRead = unread.map((page): PageNotRead => ({ page, reason: 'unidentified', detail: 'not a page of an ACORD form we recognise' }));
  for (const f of formsNotRead) {
    const detail = `ACORD ${f.form} (${f.edition}): a form acord-prep does not read`;
    warnings.push(`${fileName}: ${pageRange(f.pages)}: ${detail}; listed, not read`);
    pagesNotRead.push(...f.pages.map((page): PageNotRead => ({ page, reason: 'unsupported-form', detail })));
  }
  pagesNotRead.sort((a, b) => a.page - b.page);
  return { forms, formsNotRead, warnings, pagesNotRead };
}

/** A file of no ACORD form may be a carrier's loss run: read as one, else the refusal stands. */
async function orLossRun<T>(identifying: Promise<T>, pages: LossRunPages): Promise<T | ExtractedDocument> {
  try {
    return await identifying;
  } catch (err) {
    const run = err instanceof UnknownFormError ? await readLossRunDocument(pages) : null;
    if (run) return run;
    throw err;
  }
}

const overBytes = (bytes: Uint8Array, limits: Limits) =>
  `${formatBytes(bytes.byteLength)} is over the ${formatBytes(limits.fileBytes)} limit; split the file`;

async function extractPdf(bytes: Uint8Array, fileName: string, id: string, ocr: OcrProvider, limits: Limits, progress: OnReadProgress, onPage?: (page: number) => void): Promise<ExtractedDocument> {
  if (bytes.byteLength > limits.fileBytes) throw new PdfReadError(fileName, 'too-large', overBytes(bytes, limits));
  const budget = new DocumentBudget(fileName, limits, onPage);
  const ocrOf = () => budget.ocr(ocr());
  // pdfjs opens what pdf-lib cannot (encrypted copies) and reads printed text; it is opened only when needed.
  let pdfjsDoc: Promise<PDFDocumentProxy> | undefined;
  const pdfjs = () => (pdfjsDoc ??= openPdf(bytes, fileName, limits));
  try {
    const fast = await readAcroFormWidgets(bytes);
    const pages = fast?.some((p) => p.widgets.length) ? fast : await readPdfPages(await pdfjs());
    if (pages.length === 0) throw new PdfReadError(fileName, 'no-pages', 'the PDF has no pages');
    if (pages.length > limits.pagesPerDocument) {
      throw new PdfReadError(fileName, 'too-large', `${pages.length} pages is over the ${limits.pagesPerDocument}-page limit; split the file and send the submission's forms on their own`);
    }
    progress({ stage: 'identify', pages: pages.length });

    const readings = new Map<number, Promise<Reading>>();
    const readingOf = (n: number) => {
      let r = readings.get(n);
      if (!r) {
        r = pages[n - 1]!.widgets.length ? Promise.resolve('acroform') : pdfjs().then((doc) => pdfPageKind(bytes, doc, n)).then((k) => READING_OF[k.kind]);
        readings.set(n, r);
      }
      return r;
    };
    const imageOf = imageCache(async (n) => budget.page(n, async () => scannedPageImage(bytes, await pdfjs(), n, { limits, fileName, signal: budget.signal })), ocrOf);
    const readFooterOf = async (n: number): Promise<Footer | null> => {
      budget.checkTime(n);
      const reading = await readingOf(n);
      if (reading === 'ocr') return readFooterFromImage(await imageOf(n), undefined, ocrOf());
      return reading === 'none' ? null : readFooter(await pdfjs(), n);
    };
    const footers = new Map<number, Promise<Footer | null>>();
    const footerOnce = (n: number) => {
      let footer = footers.get(n);
      if (!footer) {
        footer = readFooterOf(n);
        footer.catch(() => undefined); // a prefetch nobody awaits must not be an unhandled rejection
        footers.set(n, footer);
      }
      return footer;
    };
    // Reading page n+1's footer starts with page n's: one OCR worker reads each while the next page decodes.
    const footerOf = (n: number) => {
      if (n < pages.length && !pages[n]!.widgets.length) void footerOnce(n + 1);
      return footerOnce(n);
    };
    const identified = await orLossRun(identifyOrThrow(pages, fileName, footerOf, async (n) => (await readingOf(n)) === 'none'), {
      id,
      fileName,
      pageCount: pages.length,
      printedText: async (n) => ((await readingOf(n)) === 'ocr' ? null : (await readPageText(await pdfjs(), n)).items),
      imageOf,
      ocr: ocrOf,
      checkTime: (n) => budget.checkTime(n),
      progress,
    });
    if ('document' in identified) return identified;
    const { forms, formsNotRead, warnings, pagesNotRead } = identified;

    const parts: SubmissionData[] = [];
    const unplaced: UnplacedValue[] = [];
    const fieldsNotRead: FieldNotRead[] = [];
    for (const form of forms) {
      const byReading = new Map<Reading, number[]>();
      for (const p of form.pages) {
        const r = await readingOf(p);
        byReading.set(r, [...(byReading.get(r) ?? []), p]);
      }
      if (form.identifiedBy === 'footer-text' && (await readingOf(form.pages[0]!)) === 'ocr') form.identifiedBy = 'footer-ocr';
      // A form is usually read one way; a form whose pages differ (one page re-scanned) is read page group by group.
      const formParts: SubmissionData[] = [];
      for (const [reading, readingPages] of byReading) {
        budget.checkTime(readingPages[0]);
        progress({ stage: reading === 'ocr' ? 'ocr' : 'extract', page: readingPages[0], pages: pages.length });
        const part = onPages(form, readingPages);
        if (reading === 'acroform') {
          const { data, unknown } = extractAcroForm(part, pages, id);
          const placed = await placeUnknownWidgets(unknown, part, pages, pdfjs, id);
          formParts.push(data, ...(placed.data ? [placed.data] : []));
          unplaced.push(...placed.unplaced);
        } else if (reading === 'text-layer') {
          const doc = await pdfjs();
          const texts = new Map(await Promise.all(part.pages.map(async (n) => [n, await readPageText(doc, n)] as const)));
          const read = extractTextLayer(part, texts, id);
          formParts.push(read.data);
          // Every printed anchor where the template has it, on every page: the layout is the template's whatever the footer says.
          if (read.fullyAnchored === form.pages.length) form.layoutVerified = true;
        } else if (reading === 'ocr') {
          const scanned = await extractScannedForm(part, imageOf, ocrOf(), id, fileName);
          formParts.push(scanned.data);
          warnings.push(...scanned.warnings);
          pagesNotRead.push(...scanned.pagesNotRead);
          fieldsNotRead.push(...scanned.fieldsNotRead);
        } else {
          warnings.push(`${fileName}: ${describe(form)} ${pageRange(part.pages)}: blank page(s), nothing to read`);
        }
      }
      const reviewed = flagUnverifiedLayout(form, formParts.length === 1 ? formParts[0]! : mergeSubmissionData(formParts).data, fileName);
      parts.push(reviewed.data);
      warnings.push(...reviewed.warnings);
    }
    return { document: toDocumentRef(id, fileName, 'pdf', pages.length, forms, formsNotRead), parts, unplaced, pagesNotRead, fieldsNotRead, warnings };
  } finally {
    budget.close();
    if (pdfjsDoc) await (await pdfjsDoc.catch(() => null))?.destroy();
  }
}

async function extractImageFile(bytes: Uint8Array, fileName: string, id: string, ocr: OcrProvider, limits: Limits, progress: OnReadProgress, onPage?: (page: number) => void): Promise<ExtractedDocument> {
  if (bytes.byteLength > limits.fileBytes) throw new ImageReadError(fileName, 'too-large', overBytes(bytes, limits));
  // The page count is checked (openTiff) before any page is decoded; pages are decoded one at a time, on demand.
  const file = openImageFile(bytes, fileName, limits);
  const budget = new DocumentBudget(fileName, limits, onPage);
  try {
    const ocrOf = () => budget.ocr(ocr());
    const pages: PdfPage[] = Array.from({ length: file.pageCount }, (_, i) => ({ page: i + 1, ...file.pageSize(i + 1), widgets: [] }));
    const imageOf = imageCache((n) => budget.page(n, () => file.page(n)), ocrOf);
    progress({ stage: 'identify', pages: file.pageCount });
    // An image page's ink is not measured here: every unidentified image page counts as not read.
    const identified = await orLossRun(identifyOrThrow(pages, fileName, async (n) => readFooterFromImage(await imageOf(n), undefined, ocrOf()), async () => false), {
      id,
      fileName,
      pageCount: file.pageCount,
      printedText: async () => null,
      imageOf,
      ocr: ocrOf,
      checkTime: (n) => budget.checkTime(n),
      progress,
    });
    if ('document' in identified) return identified;
    const { forms, formsNotRead, warnings, pagesNotRead } = identified;
    const parts: SubmissionData[] = [];
    const fieldsNotRead: FieldNotRead[] = [];
    for (const form of forms) {
      budget.checkTime(form.pages[0]);
      progress({ stage: 'ocr', page: form.pages[0], pages: file.pageCount });
      form.identifiedBy = 'footer-ocr';
      const scanned = await extractScannedForm(form, imageOf, ocrOf(), id, fileName);
      const reviewed = flagUnverifiedLayout(form, scanned.data, fileName);
      parts.push(reviewed.data);
      warnings.push(...scanned.warnings, ...reviewed.warnings);
      pagesNotRead.push(...scanned.pagesNotRead);
      fieldsNotRead.push(...scanned.fieldsNotRead);
    }
    return { document: toDocumentRef(id, fileName, 'image', file.pageCount, forms, formsNotRead), parts, unplaced: [], pagesNotRead, fieldsNotRead, warnings };
  } finally {
    budget.close();
  }
}

/**
 * Reads one input file — a PDF (fillable, flattened or scanned), a scanned image (TIFF, JPEG, PNG) or
 * ACORD XML — into model parts, with its document record; a spreadsheet (.xlsx, .csv) into schedules
 * of values, and a PDF or image of no ACORD form that is a carrier's loss run into its claims. Without
 * an OCR provider, a pool is made for this file and closed after it.
 */
export async function extractDocument(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  let ownPool: OcrEngine | undefined;
  const ocr: OcrProvider = options.ocr ?? (() => (ownPool ??= new OcrPool()));
  const limits = options.limits ?? DEFAULT_LIMITS;
  const progress = options.onProgress ?? (() => undefined);
  const id = documentId(bytes);
  const kind = sniffFileKind(bytes);
  try {
    if (spreadsheetFormat(bytes, fileName, kind)) return await readSpreadsheetDocument(bytes, fileName, id, limits);
    if (kind.kind === 'pdf') return await extractPdf(bytes, fileName, id, ocr, limits, progress, options.onPage);
    if (kind.kind === 'image') return await extractImageFile(bytes, fileName, id, ocr, limits, progress, options.onPage);
    if (kind.kind === 'xml') {
      const { data, forms, unplaced, warnings } = await extractAcordXml(bytes, { id, fileName, limits });
      return { document: { id, fileName, kind: 'acord-xml', pageCount: 0, forms }, parts: [data], unplaced, pagesNotRead: [], fieldsNotRead: [], warnings };
    }
    throw new UnsupportedFileError(fileName, `not a PDF, a scanned image (TIFF, JPEG, PNG), ACORD XML or a schedule of values (.xlsx, .csv): it looks like ${kind.looksLike}`);
  } catch (err) {
    throw namingKind(err, kind);
  } finally {
    await ownPool?.close();
  }
}

/** A refusal of a file read as a PDF, an image or XML says which it was taken for, so a wrong guess shows. */
export function namingKind(err: unknown, kind: FileKind): unknown {
  if (err instanceof AcordPrepError && kind.kind !== 'unknown') {
    const note = ` (file read as ${describeFileKind(kind)})`;
    if (!err.message.endsWith(note)) err.message += note;
  }
  return err;
}
