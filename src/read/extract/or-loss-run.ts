import { UnknownFormError } from '../../errors.js';
import type { ExtractedDocument } from './extract-document.js';
import { readLossRunDocument, type LossRunPages } from './read-loss-run-document.js';

/** A file of no ACORD form may be a carrier's loss run: read as one, else the refusal stands. */
export async function orLossRun<T>(identifying: Promise<T>, pages: LossRunPages): Promise<T | ExtractedDocument> {
  try {
    return await identifying;
  } catch (err) {
    const run = err instanceof UnknownFormError ? await readLossRunDocument(pages) : null;
    if (run) return run;
    throw err;
  }
}
