/**
 * Errors a person can act on: each says which file, what is wrong and what to do. `code` is stable
 * for programs (CLI exit codes, quarantine reports); `message` is for people. `retryable` tells a
 * worker what to do with the file: false (permanent: corrupt, encrypted, unsupported, over a limit,
 * not a form we know) — the same bytes will fail the same way, quarantine them; true (transient: a
 * time-out, out of memory, a worker that died) — the file may read fine on another try.
 */
export class AcordPrepError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    readonly page?: number,
    readonly retryable: boolean = false,
  ) {
    super(`${file}${page ? ` (page ${page})` : ''}: ${message}`);
    this.name = new.target.name;
  }
}

/** An AcordPrepError as plain data: how it crosses a thread boundary (structured clone drops its class). */
export type PlainAcordPrepError = { name: string; file: string; code: string; message: string; page?: number; retryable: boolean };

export const toPlainError = ({ name, file, code, message, page, retryable }: AcordPrepError): PlainAcordPrepError => ({ name, file, code, message, retryable, ...(page ? { page } : {}) });

/** The error back from plain data: an AcordPrepError with the same code, message, page and retryable (and name). */
export function fromPlainError(plain: PlainAcordPrepError): AcordPrepError {
  const err = new AcordPrepError(plain.file, plain.code, '', plain.page, plain.retryable);
  err.message = plain.message;
  err.name = plain.name;
  return err;
}

export type PdfProblem = 'not-a-pdf' | 'encrypted' | 'corrupt' | 'too-large' | 'no-pages';
export class PdfReadError extends AcordPrepError {
  constructor(file: string, readonly problem: PdfProblem, detail: string) {
    super(file, `pdf-${problem}`, detail);
  }
}

export type ImageProblem = 'unsupported' | 'corrupt' | 'truncated' | 'too-large' | 'no-pages';
/** A scanned page sent as an image file (TIFF, JPEG, PNG) that cannot be read; `page` counts TIFF pages from 1. */
export class ImageReadError extends AcordPrepError {
  constructor(file: string, readonly problem: ImageProblem, detail: string, page?: number) {
    super(file, `image-${problem}`, detail, page);
  }
}

export type XmlProblem = 'malformed' | 'entities' | 'not-acord' | 'unsupported-request' | 'too-large';
export class XmlReadError extends AcordPrepError {
  constructor(file: string, readonly problem: XmlProblem, detail: string) {
    super(file, `xml-${problem}`, detail);
  }
}

/** The input opened fine but holds no ACORD 125, 126 or 140 that we know. */
export class UnknownFormError extends AcordPrepError {
  constructor(file: string, detail: string) {
    super(file, 'unknown-form', detail);
  }
}

export class UnsupportedFileError extends AcordPrepError {
  constructor(file: string, detail: string) {
    super(file, 'unsupported-file', detail);
  }
}

/**
 * A failure of the machine, not of the file: the same bytes may read fine on another try (after a
 * back-off, or on a less loaded worker). `ocr-timeout`: OCR that had to identify the document (a
 * scanned page's footer) did not answer in time · `ocr-worker-died`: its thread crashed (WASM abort,
 * out of memory) · `ocr-unavailable`: no OCR worker could be started · `out-of-memory`: an allocation
 * failed while reading, or the reading thread went over its heap (`heapMbPerDocument`) · `timeout`: the
 * document took longer than it is given · `reader-failed`: the thread or process reading it ended without
 * an answer (a crash).
 */
export type TransientProblem = 'ocr-timeout' | 'ocr-worker-died' | 'ocr-unavailable' | 'out-of-memory' | 'timeout' | 'reader-failed';
export class TransientError extends AcordPrepError {
  constructor(file: string, readonly problem: TransientProblem, detail: string, page?: number) {
    super(file, problem, detail, page, true);
  }
}

/**
 * Why one OCR job failed, as the pool reports it (it knows no file): `timeout` — no answer within the
 * job time-out, the worker replaced · `worker-died` — its thread exited or failed under the job ·
 * `failed` — tesseract refused the image · `unavailable` — the pool is closed or no worker starts.
 * The first three concern one crop (its box is marked unreadable); `unavailable` concerns every job.
 */
export type OcrFailure = 'timeout' | 'worker-died' | 'failed' | 'unavailable';
export class OcrJobError extends Error {
  constructor(readonly reason: OcrFailure, message: string) {
    super(message);
    this.name = 'OcrJobError';
  }
}

const OCR_PROBLEM: Record<OcrFailure, TransientProblem> = { timeout: 'ocr-timeout', 'worker-died': 'ocr-worker-died', failed: 'ocr-worker-died', unavailable: 'ocr-unavailable' };

/** An allocation that failed: V8's RangeErrors for buffers and arrays it could not get. */
const isOutOfMemory = (err: unknown) => err instanceof RangeError && /allocation failed|out of memory|invalid (typed )?array length|array buffer/i.test(err.message);

/**
 * Any error thrown while reading `file` as an AcordPrepError: ours as they are; an OCR job's failure
 * or an allocation failure as a TransientError; anything else as a permanent `internal-error` (a fault
 * of ours the same bytes will hit again: quarantine the file and report it).
 */
export function asAcordPrepError(err: unknown, file: string): AcordPrepError {
  if (err instanceof AcordPrepError) return err;
  if (err instanceof OcrJobError) return new TransientError(file, OCR_PROBLEM[err.reason], `OCR failed while reading the file (${err.message}); try again later`);
  if (isOutOfMemory(err)) return new TransientError(file, 'out-of-memory', `ran out of memory while reading (${(err as Error).message}); try again on a less loaded worker`);
  const detail = err instanceof Error ? err.message : String(err);
  return new AcordPrepError(file, 'internal-error', `unexpected failure while reading (${detail}); please report it with the file`);
}

/**
 * Reading one document took longer than the per-document time limit (`msPerDocument`, src/config/limits.ts):
 * a loaded machine may be the cause, so it is worth another try.
 */
export class DeadlineExceededError extends AcordPrepError {
  constructor(file: string, detail: string, page?: number) {
    super(file, 'deadline-exceeded', detail, page, true);
  }
}
