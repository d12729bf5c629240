import { DIST, ensureBuilt } from '../../scripts/build-dist.mjs';
import { DIST_ENV } from '../../src/runtime/child-module.js';

/**
 * vitest's global setup: the tests' worker threads and sandboxed processes run the compiled build, as the
 * service does, brought up to date with the sources first (a second or two when they changed).
 */
export default async function setup(): Promise<void> {
  const result = await ensureBuilt();
  if (result.built) console.log(`compiled ${result.files} files into dist/ in ${result.ms} ms for the tests' threads and sandboxes`);
  process.env[DIST_ENV] = DIST;
}
