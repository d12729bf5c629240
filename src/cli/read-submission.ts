import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionOutcome, FileOutcome } from '../../schemas/extraction-outcome.js';
import type { Submission } from '../../schemas/submission.js';
import { loadLimits, type Limits } from '../config/limits.js';
import { DocumentReaderThread } from '../read/extract/document-reader-thread.js';
import type { FileFailure, InputFile } from '../read/extract/extract-submission.js';
import { formatOutcome } from './format-outcome.js';

export type CliOptions = {
  /**
   * Files larger than this many bytes are refused before a byte is read (a file over 2 GiB cannot even
   * be read into one buffer); by default the limits' `fileBytes` (tests inject a small one).
   */
  maxFileBytes?: number;
};

export const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? '';

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`;

/** Why a file or folder could not be read, and what to do about it. */
function readProblem(name: string, err: unknown): FileFailure {
  const code = errnoOf(err);
  if (code === 'ENOENT') return { fileName: name, code: 'file-not-found', message: `${name}: no such file or folder; check the path`, retryable: false };
  const why: Record<string, string> = {
    EACCES: 'permission denied; give the user running acord-prep read access, or copy the file somewhere readable',
    EPERM: 'permission denied; give the user running acord-prep read access, or copy the file somewhere readable',
    EISDIR: 'is a folder, not a file; give the folder itself or the files in it',
    ERR_FS_FILE_TOO_LARGE: 'is too large to read; split it, or send the ACORD forms on their own',
    EIO: 'the disk reported an input/output error; copy the file again and retry',
    EMFILE: 'too many files are open; retry with fewer files at once',
  };
  // A disk error or too many open files is the machine's trouble, not the file's: worth another try.
  const retryable = code === 'EIO' || code === 'EMFILE';
  return { fileName: name, code: 'file-unreadable', message: `${name}: cannot be read: ${why[code] ?? `${(err as Error).message}; check the file and retry`}`, retryable };
}

const tooLarge = (name: string, size: number, limit: number): FileFailure => ({
  fileName: name,
  code: 'file-too-large',
  message: `${name}: is ${mb(size)}, over the ${mb(limit)} limit for one file; not read. Split it, or send the ACORD forms on their own`,
  retryable: false,
});

const NOT_REGULAR: [keyof import('node:fs').Stats, string][] = [
  ['isFIFO', 'a named pipe'],
  ['isSocket', 'a socket'],
  ['isCharacterDevice', 'a device'],
  ['isBlockDevice', 'a device'],
];

/** A named file (not a folder) that can be read: a regular file within the size limit. */
async function checkFile(name: string, limit: number): Promise<FileFailure | null> {
  let info;
  try {
    info = await stat(name);
  } catch (err) {
    return readProblem(name, err);
  }
  if (!info.isFile()) {
    const what = NOT_REGULAR.find(([is]) => (info[is] as () => boolean).call(info))?.[1] ?? 'not a regular file';
    return { fileName: name, code: 'file-unreadable', message: `${name}: is ${what}, not a file; save the document to a file and give that`, retryable: false };
  }
  return info.size > limit ? tooLarge(name, info.size, limit) : null;
}

/** The files named, folders read one level deep (hidden and non-file entries skipped), and those that cannot be read. */
/**
 * The answer keys beside the shipped samples (`acord-125.pdf.expected.json`): what the tests and the bench
 * compare readings with, not documents of the submission. Skipped when a sample folder is read.
 */
const SAMPLE_ANSWER_KEY = /\.expected\.json$/;

async function expand(args: string[], limit: number): Promise<{ files: string[]; refused: FileFailure[]; order: string[] }> {
  const files: string[] = [];
  const refused: FileFailure[] = [];
  /** Every name met, in order: how the report lists them. */
  const order: string[] = [];
  for (const arg of args) {
    order.push(arg);
    const info = await stat(arg).catch((err: unknown) => err as Error);
    if (info instanceof Error) refused.push(readProblem(arg, info));
    else if (info.isDirectory()) {
      let entries;
      try {
        entries = await readdir(arg, { withFileTypes: true });
      } catch (err) {
        refused.push(readProblem(arg, err));
        continue;
      }
      for (const name of entries.filter((e) => e.isFile() && !e.name.startsWith('.') && !SAMPLE_ANSWER_KEY.test(e.name)).map((e) => path.join(arg, e.name)).sort()) {
        order.push(name);
        const problem = await checkFile(name, limit);
        if (problem) refused.push(problem);
        else files.push(name);
      }
    } else {
      const problem = await checkFile(arg, limit);
      if (problem) refused.push(problem);
      else files.push(arg);
    }
  }
  return { files, refused, order };
}

/** Reads the files one at a time; a file that fails to read (or grew past the limit since) is refused, the rest kept. */
async function readInputs(files: string[], limit: number): Promise<{ inputs: InputFile[]; refused: FileFailure[] }> {
  const inputs: InputFile[] = [];
  const refused: FileFailure[] = [];
  for (const fileName of files) {
    try {
      const bytes = new Uint8Array(await readFile(fileName));
      if (bytes.byteLength > limit) refused.push(tooLarge(fileName, bytes.byteLength, limit));
      else inputs.push({ fileName, bytes });
    } catch (err) {
      refused.push(readProblem(fileName, err));
    }
  }
  return { inputs, refused };
}

/** The outcome with the files refused before reading listed as failed, in the order they were named. */
function withRefused(outcome: ExtractionOutcome, refused: FileFailure[], order: string[], failedOutcome: (f: FileFailure, document: null) => FileOutcome): ExtractionOutcome {
  if (!refused.length) return outcome;
  const failed = refused.map((f) => failedOutcome(f, null));
  const rank = (f: FileOutcome) => {
    const i = order.indexOf(f.fileName);
    return i < 0 ? order.length : i;
  };
  const files = [...outcome.files, ...failed].sort((a, b) => rank(a) - rank(b));
  return { ...outcome, files, status: outcome.status === 'complete' ? 'incomplete' : outcome.status };
}

/**
 * Reads the files and folders named, as `extract` does: each file checked and read, the submission
 * extracted, and the warnings, refusals and per-file summary printed on stderr; `inputs` are the files
 * as read (the packet's originals). Null when the limits in
 * the environment are malformed (said on stderr): a usage error.
 */
export async function readSubmission(targets: string[], options: CliOptions, usage: string): Promise<{ submission: Submission; outcome: ExtractionOutcome; inputs: InputFile[] } | null> {
  let limits: Limits;
  try {
    limits = loadLimits();
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    return null;
  }
  // Each file is read in a thread that is stopped at its deadline, even inside a page. It starts first,
  // loading the readers while this thread loads the merging and the model (~0.4 s of a cold start); one
  // that fails to start is started again by the first read, which reports why.
  const reader = new DocumentReaderThread(limits);
  const started = reader.start().catch(() => undefined);
  const merging = import('../read/extract/extract-submission.js');
  try {
    const limit = options.maxFileBytes ?? limits.fileBytes;
    const listed = await expand(targets, limit);
    const read = await readInputs(listed.files, limit);
    const { extractSubmission, failedOutcome } = await merging;
    await started;
    const { submission, outcome: extracted, failures, warnings } = await extractSubmission(read.inputs, { limits, reader });
    const refused = [...listed.refused, ...read.refused];
    const { order } = listed;
    const outcome = withRefused(extracted, refused, order, failedOutcome);
    for (const w of warnings) console.error(`warning: ${w}`);
    for (const f of [...refused, ...failures].sort((a, b) => order.indexOf(a.fileName) - order.indexOf(b.fileName))) console.error(`error [${f.code}]: ${f.message}`);
    console.error(formatOutcome(outcome, submission));
    return { submission, outcome, inputs: read.inputs };
  } finally {
    await reader.close();
  }
}
