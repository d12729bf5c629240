import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real blank ACORD forms live beside the repo (licensed: never copied into it). */
export const SHARED_FORMS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/acord-forms');
export const hasSharedForms = existsSync(SHARED_FORMS);
if (!hasSharedForms) console.warn(`Skipping tests on the real ACORD forms: ${SHARED_FORMS} is absent`);

export const readSharedForm = (name: string) => new Uint8Array(readFileSync(path.join(SHARED_FORMS, name)));
