import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DocumentResult } from '../../schemas/jobs.js';
import { Sha256 } from '../../schemas/intake.js';
import { writeWholeFile } from '../runtime/write-whole-file.js';

/** A submission id as a folder name: letters, digits and `-` (a UUID), never a path. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** `<data>/results/<submission id>`: the results of a submission's documents, until its packet is published. */
export function submissionResultsDir(dataDir: string, submissionId: string): string {
  if (!SAFE_ID.test(submissionId)) throw new TypeError(`submission id "${submissionId}" is not letters, digits and -; it cannot name a results folder`);
  return path.join(dataDir, 'results', submissionId);
}

/** `<data>/results/<submission id>/<sha256>.json`: what reading one document of a submission gave. */
export function documentResultPath(dataDir: string, submissionId: string, sha256: string): string {
  return path.join(submissionResultsDir(dataDir, submissionId), `${Sha256.parse(sha256)}.json`);
}

/** Whether any result of the submission is kept: none once its packet or quarantine folder was published. */
export async function hasDocumentResults(dataDir: string, submissionId: string): Promise<boolean> {
  const found = await stat(submissionResultsDir(dataDir, submissionId)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  return found !== null;
}

/** The submission's results removed (a second call finds nothing to remove). */
export async function removeDocumentResults(dataDir: string, submissionId: string): Promise<void> {
  await rm(submissionResultsDir(dataDir, submissionId), { recursive: true, force: true });
}

/** Written whole or not at all (a temporary file renamed): a retried or repeated job replaces it. */
export async function writeDocumentResult(dataDir: string, submissionId: string, sha256: string, result: DocumentResult): Promise<void> {
  const file = documentResultPath(dataDir, submissionId, sha256);
  await mkdir(path.dirname(file), { recursive: true });
  await writeWholeFile(file, JSON.stringify(DocumentResult.parse(result)));
}

/** The result of one document, or null when none was written (its job never finished an attempt). */
export async function readDocumentResult(dataDir: string, submissionId: string, sha256: string): Promise<DocumentResult | null> {
  const file = documentResultPath(dataDir, submissionId, sha256);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return null;
  const parsed = DocumentResult.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: not a document result (${parsed.error.issues[0]?.message}); delete it and read the document again`);
  return parsed.data;
}
