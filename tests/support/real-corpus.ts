import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Real files other people made (licensed: read beside the repo at test time, never copied into it). */
export const REAL_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/real-corpus');
export const hasRealCorpus = existsSync(REAL_CORPUS);
if (!hasRealCorpus) console.warn(`Skipping tests on the real corpus: ${REAL_CORPUS} is absent`);

export const realCorpusPath = (relative: string) => path.join(REAL_CORPUS, relative);
export const readRealCorpus = (relative: string) => new Uint8Array(readFileSync(realCorpusPath(relative)));
