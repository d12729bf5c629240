import { AcordPrepError } from '../errors.js';

/**
 * Why a page image cannot be shown: `not-found` — no stored original of that sha256, or no such page
 * in it · `no-page-image` — the original has no pages (ACORD XML), or the box lies off the page ·
 * `too-large` — the file or page is over the limits (src/config/limits.ts) · `unreadable` — the
 * original cannot be opened or drawn · `timeout` — drawing the page took too long (retryable).
 */
export type PageImageProblem = 'not-found' | 'no-page-image' | 'too-large' | 'unreadable' | 'timeout';

/** A page image refused, naming the original (by the start of its sha256) and the page. */
export class PageImageError extends AcordPrepError {
  constructor(
    readonly sha256: string,
    readonly problem: PageImageProblem,
    detail: string,
    page?: number,
  ) {
    super(`original ${sha256.slice(0, 12)}`, `page-image-${problem}`, detail, page, problem === 'timeout');
  }
}
