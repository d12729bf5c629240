/**
 * The main job on the shipped samples: each folder under samples/ is one broker submission; its PDFs
 * and ACORD XML are read and merged into one submission, written to out/<sample>.json, with a line
 * per sample saying what was found.
 *
 *   npm run samples:extract
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractSubmission } from '../src/extract/extract-submission.js';
import { listLeaves } from '../src/model/list-leaves.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples');
const OUT = path.join(ROOT, 'out');

async function main() {
  await mkdir(OUT, { recursive: true });
  const folders = (await readdir(SAMPLES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  let failed = 0;
  for (const name of folders) {
    const dir = path.join(SAMPLES, name);
    const files = (await readdir(dir)).filter((f) => /\.(pdf|xml)$/i.test(f)).sort();
    const inputs = await Promise.all(files.map(async (f) => ({ fileName: path.join('samples', name, f), bytes: new Uint8Array(await readFile(path.join(dir, f))) })));
    const t0 = performance.now();
    const { submission, outcome, failures, warnings } = await extractSubmission(inputs);
    const ms = performance.now() - t0;
    const out = path.join(OUT, `${name}.json`);
    await writeFile(out, JSON.stringify(submission, null, 2) + '\n');
    const forms = submission.documents.flatMap((d) => d.forms.map((f) => `${f.form}`)).join('+');
    const { documents: _d, conflicts, unplaced, ...data } = submission;
    console.log(
      `${name}: ${outcome.status}, ${files.length} file(s), forms ${forms || 'none'}, ${listLeaves(data).length} values, ${unplaced.length} unplaced, ` +
        `${conflicts.length} conflict(s), ${warnings.length} warning(s), ${failures.length} failure(s), ${ms.toFixed(0)} ms → ${path.relative(ROOT, out)}`,
    );
    for (const f of failures) console.log(`  error [${f.code}]: ${f.message}`);
    if (outcome.status !== 'complete') failed++;
  }
  process.exitCode = failed ? 3 : 0;
}

await main();
