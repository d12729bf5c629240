import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractSubmission, type InputFile } from '../extract/extract-submission.js';
import { formatOutcome } from './format-outcome.js';

const USAGE = `Usage: acord-prep extract <file-or-folder...> [--out submission.json] [--outcome outcome.json]

Reads ACORD 125/126/140 forms (fillable, flattened or scanned PDFs, TIFF/JPEG/PNG scans) and ACORD XML
requests and prints one submission as JSON. Folders are read one level deep. A summary per file (forms
found, values read, values unplaced, pages not read and why) goes to stderr; --outcome writes it as JSON.

Exit codes: 0 every value found was placed · 2 usage error · 3 read, but some files, pages or values
were not (the reasons are on stderr; the rest is in the output) · 4 no file could be read`;

export const EXIT = { ok: 0, usage: 2, partial: 3, nothingRead: 4 } as const;

async function expand(args: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info) missing.push(arg);
    else if (info.isDirectory()) {
      const entries = await readdir(arg, { withFileTypes: true });
      files.push(...entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(arg, e.name)).sort());
    } else files.push(arg);
  }
  return { files, missing };
}

/** Runs the CLI on its arguments and returns the exit code (it never calls process.exit itself). */
export async function runCli(argv: string[]): Promise<number> {
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
  const { files, missing } = await expand(targets);
  for (const m of missing) console.error(`${m}: no such file or folder`);
  const inputs: InputFile[] = await Promise.all(files.map(async (f) => ({ fileName: f, bytes: new Uint8Array(await readFile(f)) })));
  const { submission, outcome, failures, warnings } = await extractSubmission(inputs);
  for (const w of warnings) console.error(`warning: ${w}`);
  for (const f of failures) console.error(`error [${f.code}]: ${f.message}`);
  console.error(formatOutcome(outcome, submission.unplaced));
  if (parsed.values.outcome) await writeFile(parsed.values.outcome, JSON.stringify(outcome, null, 2) + '\n');

  const json = JSON.stringify(submission, null, 2) + '\n';
  if (parsed.values.out) {
    await writeFile(parsed.values.out, json);
    console.error(`wrote ${parsed.values.out}: ${submission.documents.length} document(s), ${submission.documents.flatMap((d) => d.forms).length} form(s)`);
  } else process.stdout.write(json);

  if (submission.documents.length === 0) return EXIT.nothingRead;
  return outcome.status === 'complete' && missing.length === 0 ? EXIT.ok : EXIT.partial;
}
