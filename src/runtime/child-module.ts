import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where this checkout's root is, seen from this file (src/runtime/ in the sources, dist/src/runtime/ compiled). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The environment variable naming a fresh compiled build (set by bin/run.mjs and the tests' global setup). */
export const DIST_ENV = 'ACORD_PREP_DIST';

/** A module a worker thread or child process runs: its file, and whether it must be loaded through tsx. */
export type ChildModule = { file: string; typescript: boolean };

/**
 * What a child runs for a module (`new URL('./x.js', import.meta.url)`, or a .ts file). Compiled code runs
 * compiled children. TypeScript run through tsx or vitest runs the build that DIST_ENV names when it holds
 * that module (who set it vouches that it is fresh); otherwise, and for files outside the build (a test's
 * own processor), the TypeScript itself.
 */
export function childModule(url: URL): ChildModule {
  const compiled = fileURLToPath(url).replace(/\.ts$/, '.js');
  if (existsSync(compiled)) return { file: compiled, typescript: false };
  const dist = process.env[DIST_ENV];
  if (dist) {
    const built = path.join(dist, path.relative(ROOT, compiled));
    if (existsSync(built)) return { file: built, typescript: false };
  }
  return { file: compiled.replace(/\.js$/, '.ts'), typescript: true };
}
