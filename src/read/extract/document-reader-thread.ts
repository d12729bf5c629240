import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LIMITS_ENV, type Limits } from '../../config/limits.js';
import { AcordPrepError, asAcordPrepError, fromPlainError, TransientError, type PlainAcordPrepError } from '../../errors.js';
import type { ExtractedDocument } from './extract-document.js';
import { deadlineExceeded, namingKind } from './read-refusals.js';
import type { OnReadProgress, ReadProgress } from './read-progress.js';
import { sniffFileKind } from '../file-kinds/sniff-file-kind.js';
import { childModule } from '../../runtime/child-module.js';

/** What reads one document into an ExtractedDocument: a DocumentReaderThread, or extractDocument in place. */
export type DocumentReader = { read(bytes: Uint8Array, fileName: string, onProgress?: OnReadProgress): Promise<ExtractedDocument> };

/** What the thread is started with: its limits, and 4 shared bytes where it writes the page it is on. */
/** `ocr: false`: scanned pages are not read (their boxes are listed not read), for a quick look at a file. */
export type ReaderThreadOptions = { ocr?: boolean };
export type ReaderThreadData = { limits: Limits; ocr: boolean; currentPage: SharedArrayBuffer };
export type ReadRequest = { bytes: Uint8Array; fileName: string };
export type ReadResponse = { kind: 'ready' } | { kind: 'progress'; progress: ReadProgress } | { kind: 'read'; document: ExtractedDocument } | { kind: 'failed'; error: PlainAcordPrepError };

/**
 * How long after `msPerDocument` the thread is stopped: the thread's own timer fires at the deadline and
 * answers at the next page, render slice or OCR job; this is for a page that never yields (pdfjs builds a
 * page's operator list synchronously: 300,000 drawn shapes took ~9 s).
 */
export const KILL_GRACE_MS = 500;

/**
 * What the thread is started with: an import of its entry, compiled when this code is or a fresh build is
 * named (child-module.ts); else the TypeScript, with tsx's loader registered inside the thread before the
 * entry (on Node 20 a thread neither inherits the parent's loader hooks nor honours `--import` in its
 * execArgv). tsx's ESM API is named by file: `require.resolve('tsx/esm/api')` gives its CommonJS build,
 * whose register() fails in a thread. Compiled, a thread starts with ~60 MB less heap.
 */
function threadBoot(): string {
  const entry = childModule(new URL('./document-reader-thread-entry.js', import.meta.url));
  const href = JSON.stringify(pathToFileURL(entry.file).href);
  if (!entry.typescript) return `import(${href});`;
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${href}); });`;
}

type Pending = { bytes: Uint8Array; fileName: string; onProgress: OnReadProgress | undefined; timer: NodeJS.Timeout; resolve: (doc: ExtractedDocument) => void; reject: (err: AcordPrepError) => void };
type Live = { worker: Worker; ready: Promise<void>; currentPage: Int32Array; pending?: Pending };

/**
 * Reads documents in a worker thread that can be stopped mid-page: past the deadline (+ KILL_GRACE_MS) the
 * thread is terminated and the read refused as `deadline-exceeded` on the page it was on; over its heap
 * (`heapMbPerDocument`) it is refused as `out-of-memory`. Both are retryable. One thread reads document
 * after document (one at a time, in call order), keeping its OCR workers; a stopped or crashed thread is
 * replaced by a fresh one on the next read. `close` it when done.
 */
export class DocumentReaderThread implements DocumentReader {
  private live: Live | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly limits: Limits,
    private readonly options: ReaderThreadOptions = {},
  ) {}

  /** The current thread's id (undefined before the first read and after a kill): tells a fresh thread from a reused one. */
  get threadId(): number | undefined {
    return this.live?.worker.threadId;
  }

  /**
   * Starts the thread now, not at the first read, which would wait for it (tsx and the reader's modules
   * loaded again in the thread: 3–6 s measured on 2 busy cores). Either way a document's deadline counts
   * from when the thread has it. Rejects when the thread cannot start.
   */
  async start(): Promise<void> {
    if (this.closed) throw new Error('cannot start the document reader: it is closed');
    const live = (this.live ??= this.spawn());
    await live.ready.catch((err: Error) => {
      throw new Error(`the document reader thread did not start: ${err.message}`);
    });
    if (!live.pending) live.worker.unref();
  }

  read(bytes: Uint8Array, fileName: string, onProgress?: OnReadProgress): Promise<ExtractedDocument> {
    const run = this.queue.then(() => this.readNow(bytes, fileName, onProgress));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the thread (and its OCR workers); a read in flight is refused. */
  async close(): Promise<void> {
    this.closed = true;
    const live = this.live;
    if (!live) return;
    this.discard(live, new TransientError(live.pending?.fileName ?? '', 'reader-failed', 'the reader was closed before the document was read; read it again'));
    await live.worker.terminate();
  }

  private async readNow(bytes: Uint8Array, fileName: string, onProgress: OnReadProgress | undefined): Promise<ExtractedDocument> {
    if (this.closed) throw new Error(`cannot read ${fileName}: the DocumentReaderThread is closed`);
    const live = (this.live ??= this.spawn());
    live.worker.ref();
    try {
      await live.ready.catch((err: Error) => {
        throw this.threadFailure(err, fileName, live, new TransientError(fileName, 'reader-failed', `the reading thread did not start (${err.message}); try again`));
      });
      return await new Promise<ExtractedDocument>((resolve, reject) => {
        const timer = setTimeout(() => this.stop(live), this.limits.msPerDocument + KILL_GRACE_MS);
        live.pending = { bytes, fileName, onProgress, timer, resolve, reject };
        // A copy, not a transfer: the caller keeps its bytes (the packet appends the originals).
        live.worker.postMessage({ bytes, fileName } satisfies ReadRequest);
      });
    } finally {
      // An idle thread does not keep the process alive.
      if (this.live === live) live.worker.unref();
    }
  }

  private spawn(): Live {
    const shared = new SharedArrayBuffer(4);
    const workerData: ReaderThreadData = { limits: this.limits, ocr: this.options.ocr ?? true, currentPage: shared };
    const worker = new Worker(threadBoot(), { eval: true, workerData, resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMbPerDocument } });
    let started: () => void = () => undefined;
    let failedToStart: (err: Error) => void = () => undefined;
    const live: Live = { worker, currentPage: new Int32Array(shared), ready: new Promise<void>((resolve, reject) => ((started = resolve), (failedToStart = reject))) };
    live.ready.catch(() => undefined); // awaited by the read that started it; a failure there is its failure
    worker.on('message', (msg: ReadResponse) => {
      if (msg.kind === 'ready') return started();
      if (msg.kind === 'progress') return live.pending?.onProgress?.(msg.progress);
      const pending = this.settle(live);
      if (!pending) return;
      if (msg.kind === 'read') pending.resolve(msg.document);
      else pending.reject(fromPlainError(msg.error));
    });
    worker.on('error', (err: Error) => {
      const fileName = live.pending?.fileName;
      if (fileName === undefined) failedToStart(err);
      this.discard(live, fileName === undefined ? undefined : this.threadFailure(err, fileName, live, asAcordPrepError(err, fileName)));
    });
    worker.on('exit', (code) => {
      failedToStart(new Error(`it exited (code ${code}) before it was ready`));
      const fileName = live.pending?.fileName ?? '';
      this.discard(live, new TransientError(fileName, 'reader-failed', `the reading thread ended (exit code ${code}) without an answer; try again`, this.pageOf(live)));
    });
    return live;
  }

  /** Past the deadline and its grace: the thread is stuck inside a page, so it is terminated. */
  private stop(live: Live): void {
    const pending = live.pending;
    if (!pending) return;
    const err = namingKind(deadlineExceeded(pending.fileName, this.limits, this.pageOf(live)), sniffFileKind(pending.bytes)) as AcordPrepError;
    this.discard(live, err);
    void live.worker.terminate();
  }

  /** Why the thread failed under `fileName`: over its heap, or `otherwise`. */
  private threadFailure(err: Error, fileName: string, live: Live, otherwise: AcordPrepError): AcordPrepError {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return otherwise;
    return new TransientError(fileName, 'out-of-memory', `reading went over the ${this.limits.heapMbPerDocument} MB heap allowed per document; try again on a less loaded worker, or raise heapMbPerDocument in ${LIMITS_ENV}`, this.pageOf(live));
  }

  private pageOf(live: Live): number | undefined {
    return Atomics.load(live.currentPage, 0) || undefined;
  }

  private settle(live: Live): Pending | undefined {
    const pending = live.pending;
    if (pending) clearTimeout(pending.timer);
    live.pending = undefined;
    return pending;
  }

  /** The thread is not used again: its read in flight (if any) is refused with `failure`; the next read starts a fresh one. */
  private discard(live: Live, failure: AcordPrepError | undefined): void {
    if (this.live === live) this.live = undefined;
    const pending = this.settle(live);
    if (pending && failure) pending.reject(failure);
  }
}
