import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { whyNotWritten, writeWholeFile } from '../runtime/write-whole-file.js';
import type { CliOptions } from './read-submission.js';

const USAGE = `Usage: acord-prep extract <file-or-folder...> [--out submission.json] [--outcome outcome.json]
       acord-prep check <file-or-folder...> [--json] [--today YYYY-MM-DD] [--appetite rules.json]
       acord-prep packet <file-or-folder...> --out <folder> [--today …] [--appetite …] [--from …]
       acord-prep user add NAME --role admin|assistant|underwriter [--password-stdin] [--replace]
       (acord-prep check --help, acord-prep packet --help)

Reads ACORD 125/126/140 forms (fillable, flattened or scanned PDFs, TIFF/JPEG/PNG scans) and ACORD XML
requests and prints one submission as JSON. Folders are read one level deep. A summary per file (forms
found, values read, values unplaced, pages not read and why) goes to stderr; --outcome writes it as JSON.
A file over the size limit, missing or unreadable is reported and skipped; the others are still read.

Exit codes: 0 every value found was placed · 1 unexpected failure (a bug: please report it) · 2 usage
error · 3 read, but some files, pages or values were not (the reasons are on stderr; the rest is in the
output) · 4 no file could be read · 5 an output file cannot be written (missing folder, a folder given,
no permission: checked before any file is read; no space: at the write), the message says what to do`;

export const EXIT = { ok: 0, internal: 1, usage: 2, partial: 3, nothingRead: 4, cannotWrite: 5 } as const;

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
  // Each command loads what it needs when it runs: `user add` never pays for pdfjs, `extract` never for the packet.
  if (argv[0] === 'check') return (await import('./check-command.js')).runCheck(argv.slice(1), options);
  if (argv[0] === 'packet') return (await import('./packet-command.js')).runPacket(argv.slice(1), options);
  if (argv[0] === 'user') return (await import('./user-command.js')).runUser(argv.slice(1));
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

  const { readSubmission } = await import('./read-submission.js');
  const read = await readSubmission(targets, options, USAGE);
  if (!read) return EXIT.usage;
  const { submission, outcome } = read;

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
