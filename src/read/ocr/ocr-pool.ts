import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PSM, RecognizeResult, Worker, WorkerParams } from 'tesseract.js';
import { OcrJobError } from '../../errors.js';
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
   * met and never shrinks: fragmentation over a long-running service would stay with the worker for
   * good. A replacement is not cheap: ~0.5 s to start, then its WASM runs unoptimized for its first
   * ~100 recognitions (a one-glyph crop costs ~7 ms then, ~1 ms once warm); every 500 recognitions, as before,
   * was ~1.5 s CPU of a scanned 125's ~12 (768 recognitions). Measured with field crops and footer
   * strips (scanned 125s read back to back): process RSS flat at ~620 MB over 6 000 recognitions a
   * worker. A large image is handled apart (LARGE_IMAGE_PX).
   */
  recycleAfter?: number;
  /**
   * A recognition that has not returned by then is treated as a hung worker: rejected (an OcrJobError,
   * reason `timeout`), worker replaced.
   */
  jobTimeoutMs?: number;
};

type Job = { image: GrayImage; request: OcrRequest; resolve: (r: OcrResult) => void; reject: (e: Error) => void };

/** A job posted to a slot's worker; `fail` ends its wait early (thread death, worker stopped). */
type Posted = { job: Job; fail: ((err: Error) => void) | null };

/**
 * What one worker has been told: the parameters it runs with, and the last recognition handed to
 * tesseract.js that it has not yet posted to the thread (nothing may be posted to the worker before it).
 */
type WorkerState = { params: Record<string, string>; posting: Promise<void> };

type Slot = {
  worker: Promise<Worker> | null;
  state: WorkerState;
  /** The worker's thread, to tell its death from that of a worker this slot already replaced. */
  thread: NodeJS.EventEmitter | null;
  /** Jobs posted to the worker and not yet answered, oldest (the one it is running) first. */
  posted: Posted[];
  uses: number;
  /** Set when the worker thread died or failed a job: it is replaced before its next job. */
  broken: boolean;
};

/**
 * Jobs posted to one worker ahead of its answers. The worker runs them in order from its own message
 * queue, so it goes on while the main thread is held by synchronous work (decoding, aligning and
 * cutting the next page: 100–400 ms at a time), during which no answer is taken and no job posted.
 * Any job may be posted while a worker has fewer than PIPELINE_DEPTH; beyond that, small ones (field
 * crops) up to PIPELINE_PIXELS in all: ~250 ms of work, where 4 crops (~35 ms) left both workers idle
 * through most of each such stall (seen on a timeline of the scanned 125's OCR). Bounded, so the last jobs of
 * a form do not wait behind one worker while the other is idle, and a queue of whole pages is not
 * posted at once (each would count its wait against the job timeout).
 */
const PIPELINE_DEPTH = 4;
const PIPELINE_PIXELS = 250_000;
const MAX_POSTED = 64;

const pixels = (image: GrayImage) => image.width * image.height;

/**
 * An image this large (a whole page, read once: +75 MB measured) grows the worker's heap for good: the
 * worker is replaced once it has read one. Field crops are ~0.01 MP, footer strips up to 0.5 MP.
 */
const LARGE_IMAGE_PX = 2_000_000;

/** Why a job left a worker unanswered through no fault of its own: it goes back to the queue's head. */
const REQUEUE = new Error('requeue');

/**
 * tesseract.js's page segmentation modes by request, set when the first worker starts: tesseract.js is
 * loaded then, not with this module (a reader thread that reads no scan never loads it).
 */
let psmOf: Record<'line' | 'block' | 'sparse', PSM> | undefined;

const freshState = (): WorkerState => ({ params: {}, posting: Promise.resolve() });

/**
 * Settles once tesseract.js has posted `recognizing` to the worker's thread: it calls the thread's
 * postMessage a few microtasks after recognize() is called, or the recognition failed before that.
 */
function postedTo(worker: Worker, recognizing: Promise<unknown>): Promise<void> {
  const thread = (worker as unknown as { worker: { postMessage: (message: { action?: string }) => void } }).worker;
  const original = thread.postMessage;
  return new Promise<void>((resolve) => {
    thread.postMessage = function (this: unknown, message: { action?: string }) {
      original.call(this, message);
      if (message.action === 'recognize') resolve();
    };
    recognizing.then(() => resolve(), () => resolve());
  }).finally(() => {
    thread.postMessage = original;
  });
}

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
    this.recycleAfter = options.recycleAfter ?? 5000;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.slots = Array.from({ length: n }, () => ({ worker: null, state: freshState(), thread: null, posted: [], uses: 0, broken: false }));
  }

  recognize(image: GrayImage, request: OcrRequest = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new OcrJobError('unavailable', 'OcrPool is closed'));
    if (request.signal?.aborted) return Promise.reject(request.signal.reason);
    if (image.width < 1 || image.height < 1) return Promise.resolve({ text: '', confidence: 0, words: [] });
    return new Promise((resolve, reject) => {
      const job = { image, request, resolve, reject };
      const behind = request.urgent ? this.queue.findIndex((j) => !j.request.urgent) : -1;
      if (behind >= 0) this.queue.splice(behind, 0, job);
      else this.queue.push(job);
      this.dispatch();
    });
  }

  /** Terminates every worker; jobs still queued are rejected (OcrJobError, reason `unavailable`). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new OcrJobError('unavailable', 'OcrPool closed before the job ran'));
    await Promise.all(this.slots.map((s) => this.stop(s)));
  }

  /** Fills the slots breadth first, so both workers get work before either gets a second job. */
  private dispatch(): void {
    for (let depth = 1; depth <= MAX_POSTED; depth++) {
      for (const slot of this.slots) {
        if (slot.posted.length >= depth || !this.takesMore(slot)) continue;
        const job = this.liveHead();
        if (!job) return;
        if (depth > PIPELINE_DEPTH && slot.posted.reduce((sum, p) => sum + pixels(p.job.image), pixels(job.image)) > PIPELINE_PIXELS) continue;
        this.queue.shift();
        void this.run(slot, job).finally(() => {
          if (!this.closed) this.dispatch();
        });
      }
    }
  }

  /** An idle slot takes a job; a busy one only while its worker is healthy, started, and not due for replacement. */
  private takesMore(slot: Slot): boolean {
    return slot.posted.length === 0 || (!slot.broken && slot.worker !== null && slot.uses < this.recycleAfter);
  }

  /** The first queued job whose signal has not aborted, left queued; aborted ones met on the way are rejected. */
  private liveHead(): Job | undefined {
    for (let job = this.queue[0]; job; job = this.queue[0]) {
      if (!job.request.signal?.aborted) return job;
      this.queue.shift();
      job.reject(job.request.signal.reason);
    }
    return undefined;
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    if (slot.posted.length === 0 && (slot.broken || slot.uses >= this.recycleAfter)) {
      if (!slot.broken) this.stats.recycled++;
      void this.stop(slot);
    }
    const posted: Posted = { job, fail: null };
    slot.posted.push(posted);
    try {
      // A worker starting afresh counts its uses from 0: this job is its first.
      const starting = (slot.worker ??= this.start(slot));
      // A large image spends the worker's whole quota: it takes no more jobs, and is replaced before its next.
      slot.uses = job.image.width * job.image.height >= LARGE_IMAGE_PX ? Math.max(slot.uses + 1, this.recycleAfter) : slot.uses + 1;
      const worker = await this.guard(posted, starting, job.request.signal);
      const params: Record<string, string> = {
        tessedit_char_whitelist: job.request.whitelist ?? '',
        // Tesseract prints page statistics for an empty image to stdout unless told where to.
        debug_file: '/dev/null',
        tessedit_pageseg_mode: psmOf![job.request.psm ?? 'line'], // set by start(), awaited above
        user_defined_dpi: String(Math.round(job.image.dpi)),
        // A line read with low confidence is read again inverted (white on black), which our crops
        // never are: ~5 % of the OCR time for nothing (no field read differently on the real 125).
        tessedit_do_invert: '0',
      };
      const { recognizing } = await this.guard(posted, this.post(slot.state, worker, job.image, params), job.request.signal);
      const { data } = await this.guard(posted, recognizing, job.request.signal);
      this.stats.recognitions++;
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
      if (err === REQUEUE) {
        this.queue.unshift(job);
        return;
      }
      // Only the job the worker was running counts as a recognition; those posted behind it never ran.
      const running = slot.posted[0] === posted;
      if (running) this.stats.recognitions++;
      const signal = job.request.signal;
      if (signal?.aborted) {
        // The worker is busy with the abandoned image: terminate it rather than wait it out. One
        // still waiting its turn costs the worker one crop's time; that is cheaper than a new worker.
        if (running) this.replace(slot, posted);
        job.reject(signal.reason);
        return;
      }
      // A failed recognition may have left the WASM module in an unknown state: the jobs posted behind
      // it go back to the queue, to a fresh worker.
      slot.broken = true;
      this.replace(slot, posted);
      job.reject(err instanceof OcrJobError ? err : new OcrJobError('failed', `OCR failed: ${err instanceof Error ? err.message : String(err)}`));
    } finally {
      slot.posted = slot.posted.filter((p) => p !== posted);
    }
  }

  /**
   * Posts a recognition of `image` under `params` to the worker, behind the one posted before it, and
   * resolves (to the recognition's result) once it is posted. Parameters passed with a recognition
   * cost tesseract.js a save and a restore of all of Tesseract's ~700 (~10 % of the OCR time of a
   * scanned form's field crops), so only those that differ from what the worker has are set, by a
   * setParameters message just ahead of it. tesseract.js posts a recognition a few microtasks after
   * the call: the next job's parameters wait for that post, or they could overtake it.
   */
  private async post(state: WorkerState, worker: Worker, image: GrayImage, params: Record<string, string>): Promise<{ recognizing: Promise<RecognizeResult> }> {
    const before = state.posting;
    let posted!: () => void;
    state.posting = new Promise((resolve) => (posted = resolve));
    await before;
    try {
      const changed = Object.entries(params).filter(([k, v]) => state.params[k] !== v);
      if (changed.length) {
        // Its failure shows as the recognition's, which the worker answers in order after it.
        worker.setParameters(Object.fromEntries(changed) as Partial<WorkerParams>).catch(() => undefined);
        Object.assign(state.params, Object.fromEntries(changed));
      }
      const recognizing = worker.recognize(Buffer.from(toPgm(image)), {}, { text: true, blocks: true });
      // Awaited by the job unless it was aborted or timed out meanwhile.
      recognizing.catch(() => undefined);
      await postedTo(worker, recognizing);
      return { recognizing };
    } finally {
      posted();
    }
  }

  /** Terminates the slot's worker for `culprit`'s sake; the other jobs posted to it are queued again. */
  private replace(slot: Slot, culprit: Posted): void {
    const others = slot.posted.filter((p) => p !== culprit);
    slot.posted = [culprit];
    void this.stop(slot);
    // Back at the queue's head in their order: each unshifts itself, so the last goes first.
    for (const p of others.reverse()) p.fail?.(REQUEUE);
  }

  /** Settles with the worker's answer, or rejects when the thread dies or hangs first, or the job is aborted. */
  private guard<T>(posted: Posted, work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const failure = new Promise<never>((_, reject) => {
      posted.fail = reject;
      timer = setTimeout(() => reject(new OcrJobError('timeout', `OCR job took over ${this.jobTimeoutMs} ms; worker replaced`)), this.jobTimeoutMs);
      onAbort = () => reject(signal!.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, failure]).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort!);
      posted.fail = null;
    });
  }

  private async start(slot: Slot): Promise<Worker> {
    // Offline, a missing language file makes tesseract.js fall back to a CDN fetch whose failure is an
    // uncaught exception no try/catch sees: fail here, clearly, instead.
    if (!existsSync(path.join(LANG_PATH, 'eng.traineddata.gz'))) {
      throw new OcrJobError('unavailable', `tesseract language data not found at ${LANG_PATH}: is @tesseract.js-data/eng installed?`);
    }
    this.stats.workersStarted++;
    slot.state = freshState();
    slot.uses = 0;
    slot.broken = false;
    const { createWorker, OEM, PSM } = await import('tesseract.js');
    psmOf ??= { line: PSM.SINGLE_LINE, block: PSM.SINGLE_BLOCK, sparse: PSM.SPARSE_TEXT };
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
      // The job it was running is the one that killed it; those posted behind it are read again.
      const [running, ...behind] = slot.posted;
      for (const p of behind.reverse()) p.fail?.(REQUEUE);
      running?.fail?.(new OcrJobError('worker-died', `OCR worker thread ${why}`));
    };
    thread.on('error', (err: Error) => died(`failed: ${err.message}`));
    thread.on('exit', (code: number) => died(`exited (code ${code})`));
    return worker;
  }

  private stop(slot: Slot): Promise<void> {
    const pending = slot.worker;
    slot.worker = null;
    slot.thread = null;
    if (this.closed) for (const p of slot.posted) p.fail?.(new OcrJobError('unavailable', 'OcrPool closed while the job ran'));
    if (!pending) return Promise.resolve();
    // A worker still starting is terminated once up. tesseract.js swallows a failed language load and
    // never settles the start: that one is not waited for beyond the job timeout.
    const terminated = pending.then((w) => w.terminate().then(() => undefined), () => undefined);
    const givenUp = new Promise<void>((resolve) => setTimeout(resolve, this.jobTimeoutMs).unref());
    return Promise.race([terminated, givenUp]);
  }
}
