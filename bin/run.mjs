#!/usr/bin/env node
// Runs one of the project's TypeScript entry points, compiled: `node bin/run.mjs workers/main.ts --service`.
// The build is brought up to date first (silent when nothing changed), and ACORD_PREP_DIST tells the
// entry's worker threads and sandboxed processes to run the same compiled code. An entry outside the
// compiled folders (scripts/) runs through tsx, its imports of src/ too, while its children run compiled.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledEntry, DIST, ensureBuilt, ROOT } from '../scripts/build-dist.mjs';

/** @param {string} entry a .ts file, relative to the checkout @param {string[]} args its command line */
export async function runEntry(entry, args) {
  const result = await ensureBuilt();
  if (result.built) process.stderr.write(`acord-prep: sources changed since the last build; compiled ${result.files} files into dist/ in ${result.ms} ms\n`);
  process.env.ACORD_PREP_DIST = DIST;
  const source = path.resolve(ROOT, entry);
  const rel = path.relative(ROOT, source);
  const compiledRel = /^(src|schemas|workers)\//.test(rel) ? rel.replace(/\.ts$/, '.js') : null;
  const compiled = compiledRel && ((await bundledEntry(compiledRel)) ?? path.join(DIST, compiledRel));
  process.argv = [process.argv[0], compiled ?? source, ...args];
  if (!compiled) (await import('tsx/esm/api')).register();
  await import(pathToFileURL(compiled ?? source).href);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'run.mjs')) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node bin/run.mjs <entry.ts> [arguments…]   e.g. node bin/run.mjs workers/main.ts --service\n');
    process.exit(2);
  }
  await runEntry(entry, args);
}
