import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { OcrJobError } from '../errors.js';
import { toPgm, type GrayImage } from '../raster/gray-image.js';
import type { OcrEngine, OcrRequest, OcrResult } from './ocr-engine.js';

const require = createRequire(import.meta.url);
// LSTM-only "best_int" model: 2.9 MB gz against 10.9 MB for the legacy+LSTM one, and the legacy engine is never used.
const LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

export type OcrPoolOptions = {
  /** Worker threads; each costs ~0.5 s to start and holds its own WASM heap. */
  workers?: number;
  /**
   * Recognitions after which a worker is replaced. An emscripten heap grows to the largest need it has
   * met and never shrinks: one large image (a whole page read once: +75 MB measured) or fragmentation
   * over a long-running service stays with the worker for good. Replacing it every 500 crops (about
   * five filled pages) bounds that for ~0.5 s of start-up. Measured with field crops alone: ~100 MB a
   * worker, flat over 2 000 recognitions, so the bound costs nothing in the common case.
   */
  recycleAfter?: number;
  /**
   * A recognition that has not returned by then is treated as a hung worker: rejected (an OcrJobError,
   * reason `timeout`), worker replaced.
   */
  jobTimeoutMs?: number;
};

type Job = { image: GrayImage; request: OcrRequest; resolve: (r: OcrResult) => void; reject: (e: Error) => void };

type Slot = {
  worker: Promise<Worker> | null;
  /** The worker's thread, to tell its death from that of a worker this slot already replaced. */
  thread: NodeJS.EventEmitter | null;
  /** Rejects the job in flight when the thread dies under it. */
  interrupt: ((err: Error) => void) | null;
  /** The parameters last set on this worker (whitelist, PSM, dpi), so like requests in a row skip setParameters. */
  params: string | null;
  uses: number;
  busy: boolean;
  /** Set when the worker thread died or failed a job: it is replaced before its next job. */
  broken: boolean;
};

const PSM_OF = { line: PSM.SINGLE_LINE, block: PSM.SINGLE_BLOCK, sparse: PSM.SPARSE_TEXT } as const;

/** Tesseract's 0..100 as 0..1 (a word without symbols has none: 0). */
const unit = (c: number) => (Number.isFinite(c) ? Math.max(0, Math.min(1, c / 100)) : 0);

/**
 * A fixed set of tesseract.js workers fed from one FIFO queue, started on first use and shared across
 * pages and documents. Offline only: the language data comes from the installed @tesseract.js-data/eng.
 */
export class OcrPool implements OcrEngine {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly recycleAfter: number;
  private readonly jobTimeoutMs: number;
  private closed = false;
  /** Counters for monitoring and tests: how many workers were started, recognitions done. */
  readonly stats = { workersStarted: 0, recognitions: 0, recycled: 0 };

  constructor(options: OcrPoolOptions = {}) {
    const n = Math.max(1, options.workers ?? 2);
    this.recycleAfter = options.recycleAfter ?? 500;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.slots = Array.from({ length: n }, () => ({ worker: null, thread: null, interrupt: null, params: null, uses: 0, busy: false, broken: false }));
  }

  recognize(image: GrayImage, request: OcrRequest = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new OcrJobError('unavailable', 'OcrPool is closed'));
    if (request.signal?.aborted) return Promise.reject(request.signal.reason);
    if (image.width < 1 || image.height < 1) return Promise.resolve({ text: '', confidence: 0, words: [] });
    return new Promise((resolve, reject) => {
      this.queue.push({ image, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates every worker; jobs still queued are rejected (OcrJobError, reason `unavailable`). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new OcrJobError('unavailable', 'OcrPool closed before the job ran'));
    await Promise.all(this.slots.map((s) => this.stop(s)));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.nextLiveJob();
      if (!job) return;
      slot.busy = true;
      void this.run(slot, job).finally(() => {
        slot.busy = false;
        if (!this.closed) this.dispatch();
      });
    }
  }

  /** The first queued job whose signal has not aborted; aborted ones met on the way are rejected. */
  private nextLiveJob(): Job | undefined {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      if (!job.request.signal?.aborted) return job;
      job.reject(job.request.signal.reason);
    }
    return undefined;
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    try {
      if (slot.broken || slot.uses >= this.recycleAfter) {
        if (!slot.broken) this.stats.recycled++;
        void this.stop(slot);
      }
      const worker = await this.guard(slot, (slot.worker ??= this.start(slot)), job.request.signal);
      const params = {
        tessedit_char_whitelist: job.request.whitelist ?? '',
        // Tesseract prints page statistics for an empty image to stdout unless told where to.
        debug_file: '/dev/null',
        tessedit_pageseg_mode: PSM_OF[job.request.psm ?? 'line'],
        user_defined_dpi: String(Math.round(job.image.dpi)),
      };
      const key = JSON.stringify(params);
      if (key !== slot.params) {
        await this.guard(slot, worker.setParameters(params), job.request.signal);
        slot.params = key;
      }
      slot.uses++;
      this.stats.recognitions++;
      const { data } = await this.guard(slot, worker.recognize(Buffer.from(toPgm(job.image)), {}, { text: true, blocks: true }), job.request.signal);
      const lines = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
      job.resolve({
        text: data.text.trim(),
        confidence: unit(data.confidence),
        words: lines.flatMap((l) =>
          l.words.map((w) => ({
            text: w.text,
            confidence: unit(w.confidence),
            minSymbolConfidence: unit(Math.min(...w.symbols.map((s) => s.confidence))),
            symbols: w.symbols.map((s) => ({ text: s.text, confidence: unit(s.confidence), x0: s.bbox.x0, x1: s.bbox.x1 })),
            ...(job.request.wordBoxes ? { box: { ...w.bbox, line: { ...l.bbox, baseline: { x0: l.baseline.x0, y0: l.baseline.y0, x1: l.baseline.x1, y1: l.baseline.y1 } } } } : {}),
          })),
        ),
      });
    } catch (err) {
      const signal = job.request.signal;
      if (signal?.aborted) {
        // The worker is still busy with the abandoned image: terminate it rather than wait it out.
        void this.stop(slot);
        job.reject(signal.reason);
        return;
      }
      // A failed recognition may have left the WASM module in an unknown state: start afresh next time.
      slot.broken = true;
      job.reject(err instanceof OcrJobError ? err : new OcrJobError('failed', `OCR failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  /** Settles with the worker's answer, or rejects when the thread dies or hangs first, or the job is aborted. */
  private guard<T>(slot: Slot, work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const failure = new Promise<never>((_, reject) => {
      slot.interrupt = reject;
      timer = setTimeout(() => reject(new OcrJobError('timeout', `OCR job took over ${this.jobTimeoutMs} ms; worker replaced`)), this.jobTimeoutMs);
      onAbort = () => reject(signal!.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, failure]).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort!);
      slot.interrupt = null;
    });
  }

  private async start(slot: Slot): Promise<Worker> {
    // Offline, a missing language file makes tesseract.js fall back to a CDN fetch whose failure is an
    // uncaught exception no try/catch sees: fail here, clearly, instead.
    if (!existsSync(path.join(LANG_PATH, 'eng.traineddata.gz'))) {
      throw new OcrJobError('unavailable', `tesseract language data not found at ${LANG_PATH}: is @tesseract.js-data/eng installed?`);
    }
    this.stats.workersStarted++;
    slot.params = null;
    slot.uses = 0;
    slot.broken = false;
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: LANG_PATH,
      gzip: true,
      // The default cache writes eng.traineddata into the working directory and silently reuses it.
      cacheMethod: 'none',
      // Without a handler tesseract.js rethrows a failed job as an uncaught exception.
      errorHandler: () => undefined,
    }).catch((err: unknown) => {
      throw new OcrJobError('unavailable', `an OCR worker could not be started (${err instanceof Error ? err.message : String(err)})`);
    });
    // A dead thread (WASM abort, out of memory) would otherwise leave its job pending forever and its
    // 'error' event unhandled.
    const thread = (worker as unknown as { worker: NodeJS.EventEmitter }).worker;
    slot.thread = thread;
    const died = (why: string) => {
      if (slot.thread !== thread) return;
      slot.broken = true;
      slot.interrupt?.(new OcrJobError('worker-died', `OCR worker thread ${why}`));
    };
    thread.on('error', (err: Error) => died(`failed: ${err.message}`));
    thread.on('exit', (code: number) => died(`exited (code ${code})`));
    return worker;
  }

  private stop(slot: Slot): Promise<void> {
    const pending = slot.worker;
    slot.worker = null;
    slot.thread = null;
    slot.interrupt?.(new OcrJobError('unavailable', 'OcrPool closed while the job ran'));
    if (!pending) return Promise.resolve();
    // A worker still starting is terminated once up. tesseract.js swallows a failed language load and
    // never settles the start: that one is not waited for beyond the job timeout.
    const terminated = pending.then((w) => w.terminate().then(() => undefined), () => undefined);
    const givenUp = new Promise<void>((resolve) => setTimeout(resolve, this.jobTimeoutMs).unref());
    return Promise.race([terminated, givenUp]);
  }
}
