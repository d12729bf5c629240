import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ExtractionOutcome, FileOutcome } from '../../schemas/extraction-outcome.js';
import { loadLimits, type Limits } from '../config/limits.js';
import { extractSubmission, failedOutcome, type FileFailure, type InputFile } from '../extract/extract-submission.js';
import { whyNotWritten, writeWholeFile } from '../packet-files/write-whole-file.js';
import { formatOutcome } from './format-outcome.js';

const USAGE = `Usage: acord-prep extract <file-or-folder...> [--out submission.json] [--outcome outcome.json]

Reads ACORD 125/126/140 forms (fillable, flattened or scanned PDFs, TIFF/JPEG/PNG scans) and ACORD XML
requests and prints one submission as JSON. Folders are read one level deep. A summary per file (forms
found, values read, values unplaced, pages not read and why) goes to stderr; --outcome writes it as JSON.
A file over the size limit, missing or unreadable is reported and skipped; the others are still read.

Exit codes: 0 every value found was placed · 1 unexpected failure (a bug: please report it) · 2 usage
error · 3 read, but some files, pages or values were not (the reasons are on stderr; the rest is in the
output) · 4 no file could be read · 5 an output file cannot be written (missing folder, a folder given,
no permission: checked before any file is read; no space: at the write), the message says what to do`;

export const EXIT = { ok: 0, internal: 1, usage: 2, partial: 3, nothingRead: 4, cannotWrite: 5 } as const;

export type CliOptions = {
  /**
   * Files larger than this many bytes are refused before a byte is read (a file over 2 GiB cannot even
   * be read into one buffer); by default the limits' `fileBytes` (tests inject a small one).
   */
  maxFileBytes?: number;
};

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`;
const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? '';

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
      for (const name of entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(arg, e.name)).sort()) {
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

/** Why an output path cannot be written, checked before any input is read; null when it looks writable. */
async function outputProblem(flag: string, target: string): Promise<string | null> {
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) return `${flag} ${target}: is a folder; give a file name in it, e.g. ${path.join(target, flag === '--outcome' ? 'outcome.json' : 'submission.json')}`;
  const dir = path.dirname(path.resolve(target));
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo) return `${flag} ${target}: the folder ${dir} does not exist; create it (mkdir -p ${dir}) or choose another path`;
  if (!dirInfo.isDirectory()) return `${flag} ${target}: ${dir} is not a folder; choose another path`;
  const writable = await access(info ? target : dir, constants.W_OK).then(() => true, () => false);
  if (!writable) return `${flag} ${target}: permission denied; choose a path you can write to`;
  return null;
}

/** The outcome with the files refused before reading listed as failed, in the order they were named. */
function withRefused(outcome: ExtractionOutcome, refused: FileFailure[], order: string[]): ExtractionOutcome {
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
 * Runs the CLI on its arguments and returns the exit code (it never calls process.exit itself, and never
 * throws: an unexpected fault is one line on stderr and exit code 1).
 */
export async function runCli(argv: string[], options: CliOptions = {}): Promise<number> {
  try {
    return await run(argv, options);
  } catch (err) {
    console.error(`acord-prep: unexpected failure (${(err as Error)?.message ?? String(err)}); please report it with the command and the files`);
    return EXIT.internal;
  }
}

async function run(argv: string[], options: CliOptions): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, outcome: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [command, ...targets] = parsed.positionals;
  if (parsed.values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (command !== 'extract' || targets.length === 0) {
    console.error(USAGE);
    return EXIT.usage;
  }
  const outputs = [
    ['--outcome', parsed.values.outcome],
    ['--out', parsed.values.out],
  ].filter((o): o is [string, string] => o[1] !== undefined);
  // A missing folder is found before minutes of reading, not after.
  const outputProblems = (await Promise.all(outputs.map(([flag, target]) => outputProblem(flag, target)))).filter((p) => p !== null);
  if (outputProblems.length) {
    for (const p of outputProblems) console.error(`error [cannot-write-output]: ${p}`);
    console.error('No file was read: fix the output path and run again.');
    return EXIT.cannotWrite;
  }

  let limits: Limits;
  try {
    limits = loadLimits();
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const limit = options.maxFileBytes ?? limits.fileBytes;
  const listed = await expand(targets, limit);
  const read = await readInputs(listed.files, limit);
  const refused = [...listed.refused, ...read.refused];
  const { order } = listed;
  const { submission, outcome: extracted, failures, warnings } = await extractSubmission(read.inputs, { limits });
  const outcome = withRefused(extracted, refused, order);
  for (const w of warnings) console.error(`warning: ${w}`);
  for (const f of [...refused, ...failures].sort((a, b) => order.indexOf(a.fileName) - order.indexOf(b.fileName))) console.error(`error [${f.code}]: ${f.message}`);
  console.error(formatOutcome(outcome, submission.unplaced));

  let cannotWrite = false;
  const write = async (flag: string, target: string, text: string) => {
    try {
      await writeWholeFile(target, text);
      return true;
    } catch (err) {
      console.error(`error [cannot-write-output]: ${flag} ${target}: cannot be written: ${whyNotWritten(err)}`);
      cannotWrite = true;
      return false;
    }
  };
  if (parsed.values.outcome) await write('--outcome', parsed.values.outcome, JSON.stringify(outcome, null, 2) + '\n');
  const json = JSON.stringify(submission, null, 2) + '\n';
  if (parsed.values.out) {
    if (await write('--out', parsed.values.out, json)) {
      console.error(`wrote ${parsed.values.out}: ${submission.documents.length} document(s), ${submission.documents.flatMap((d) => d.forms).length} form(s)`);
    }
  } else process.stdout.write(json);

  if (cannotWrite) return EXIT.cannotWrite;
  if (submission.documents.length === 0) return EXIT.nothingRead;
  return outcome.status === 'complete' ? EXIT.ok : EXIT.partial;
}
