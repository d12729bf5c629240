import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_FORMS } from './shared-forms.js';
import { sharedPresent } from './shared-present.js';

/** Real files other people made (licensed: read beside the repo at test time, never copied into it). */
export const REAL_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/real-corpus');
export const REAL_CORPUS_PDF = path.join(REAL_CORPUS, 'pdf');
export const hasRealCorpus = sharedPresent(REAL_CORPUS, 'the real corpus');

export const realCorpusPath = (relative: string) => path.join(REAL_CORPUS, relative);
export const readRealCorpus = (relative: string) => new Uint8Array(readFileSync(realCorpusPath(relative)));
export const readRealCorpusPdf = (name: string) => readRealCorpus(path.join('pdf', name));

/** Where a template's source file (`derivedFrom[].file`) is: ../shared/acord-forms or the real corpus; undefined where absent. */
export const templateSourcePath = (file: string) => [SHARED_FORMS, REAL_CORPUS_PDF].map((dir) => path.join(dir, file)).find((p) => existsSync(p));
