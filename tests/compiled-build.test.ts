import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIsFresh, DIST, ROOT } from '../scripts/build-dist.mjs';
import { childModule, DIST_ENV } from '../src/runtime/child-module.js';

const THREAD_ENTRY = new URL('../src/read/extract/document-reader-thread-entry.js', import.meta.url);
const given = process.env[DIST_ENV];

describe('the compiled build', () => {
  afterEach(() => {
    process.env[DIST_ENV] = given;
  });

  it('is brought up to date before the tests, and their threads and sandboxes run it', async () => {
    expect(given).toBe(DIST);
    expect(await buildIsFresh()).toBe(true);
    const entry = childModule(THREAD_ENTRY);
    expect(entry).toEqual({ file: path.join(DIST, 'src/read/extract/document-reader-thread-entry.js'), typescript: false });
    // esbuild's output: the types are gone, the relative imports name the compiled siblings.
    const code = readFileSync(entry.file, 'utf8');
    expect(code).not.toMatch(/\bas ReaderThreadData\b|: ReadResponse\b/);
    expect(code).toContain("from \"./extract-document.js\"");
  });

  it('without a build named, a child runs the TypeScript through tsx; a file outside the build always does', () => {
    delete process.env[DIST_ENV];
    expect(childModule(THREAD_ENTRY)).toEqual({ file: path.join(ROOT, 'src/read/extract/document-reader-thread-entry.ts'), typescript: true });
    process.env[DIST_ENV] = DIST;
    const own = new URL('./support/failing-read-processor.ts', import.meta.url);
    expect(childModule(own)).toEqual({ file: path.join(ROOT, 'tests/support/failing-read-processor.ts'), typescript: true });
  });

  it('the acord-prep command runs compiled and, the build being fresh, says nothing about building', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/acord-prep.mjs'), '--help'], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: acord-prep extract/);
  });
});
