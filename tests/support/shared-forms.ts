import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedPresent } from './shared-present.js';

/** The real blank ACORD forms live beside the repo (licensed: never copied into it). */
export const SHARED_FORMS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/acord-forms');
export const hasSharedForms = sharedPresent(SHARED_FORMS, 'the real ACORD forms');

export const readSharedForm = (name: string) => new Uint8Array(readFileSync(path.join(SHARED_FORMS, name)));
