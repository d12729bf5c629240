import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_FORMS } from './shared-forms.js';

/** Real ACORD PDFs others published, beside the repo (licensed like ../shared/acord-forms: never copied into it). */
export const REAL_CORPUS_PDF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/real-corpus/pdf');
export const hasRealCorpus = existsSync(REAL_CORPUS_PDF);
if (!hasRealCorpus) console.warn(`Skipping tests on the real-corpus ACORD files: ${REAL_CORPUS_PDF} is absent`);

export const readRealCorpusPdf = (name: string) => new Uint8Array(readFileSync(path.join(REAL_CORPUS_PDF, name)));

/** Where a template's source file (`derivedFrom[].file`) is: ../shared/acord-forms or the real corpus; undefined where absent. */
export const templateSourcePath = (file: string) => [SHARED_FORMS, REAL_CORPUS_PDF].map((dir) => path.join(dir, file)).find((p) => existsSync(p));
