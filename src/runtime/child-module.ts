import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where this checkout's root is, seen from this file (src/runtime/ in the sources, dist/src/runtime/ compiled). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where scripts/build-dist.mjs puts the bundled entries, and the file naming each entry's bundle. */
const BUNDLE_DIR = 'bundle';
const BUNDLE_MANIFEST = 'entries.json';

/** The environment variable naming a fresh compiled build (set by bin/run.mjs and the tests' global setup). */
export const DIST_ENV = 'ACORD_PREP_DIST';

/** A module a worker thread or child process runs: its file, and whether it must be loaded through tsx. */
export type ChildModule = { file: string; typescript: boolean };

/**
 * What a child runs for a module (`new URL('./x.js', import.meta.url)`, or a .ts file). Compiled code runs
 * compiled children. TypeScript run through tsx or vitest runs the build that DIST_ENV names when it holds
 * that module (who set it vouches that it is fresh); otherwise, and for files outside the build (a test's
 * own processor), the TypeScript itself. A compiled entry the build also bundled runs as its bundle
 * (scripts/build-dist.mjs: one module graph loads in about half the time).
 */
export function childModule(url: URL): ChildModule {
  const compiled = fileURLToPath(url).replace(/\.ts$/, '.js');
  if (existsSync(compiled)) return { file: bundleOf(ROOT, path.relative(ROOT, compiled)) ?? compiled, typescript: false };
  const dist = process.env[DIST_ENV];
  if (dist) {
    const rel = path.relative(ROOT, compiled);
    const built = path.join(dist, rel);
    if (existsSync(built)) return { file: bundleOf(dist, rel) ?? built, typescript: false };
  }
  return { file: compiled.replace(/\.js$/, '.ts'), typescript: true };
}

/** The bundle of compiled entry `rel` in build `dist`, as its manifest names it (written by scripts/build-dist.mjs). */
function bundleOf(dist: string, rel: string): string | undefined {
  let manifest: Record<string, string>;
  try {
    manifest = JSON.parse(readFileSync(path.join(dist, BUNDLE_DIR, BUNDLE_MANIFEST), 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
  const name = manifest[rel.split(path.sep).join('/')];
  return name ? path.join(dist, BUNDLE_DIR, name) : undefined;
}
