import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
    // esbuild's output, file for file: the types are gone, the relative imports name the compiled siblings.
    const compiled = readFileSync(path.join(DIST, 'src/read/extract/document-reader-thread-entry.js'), 'utf8');
    expect(compiled).not.toMatch(/\bas ReaderThreadData\b|: ReadResponse\b/);
    expect(compiled).toContain('from "./extract-document.js"');
    // The thread runs the entry's bundle: our modules and pdf-lib in a few chunks, pdfjs still from node_modules.
    const entry = childModule(THREAD_ENTRY);
    expect(entry).toEqual({ file: path.join(DIST, 'bundle/src__read__extract__document-reader-thread-entry.js'), typescript: false });
    const bundleDir = path.dirname(entry.file);
    const bundled = readdirSync(bundleDir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(bundleDir, f), 'utf8')).join('\n');
    expect(bundled).toContain('PDFParser');
    expect(bundled).toContain('import("pdfjs-dist/legacy/build/pdf.mjs")');
    // A bundled module still finds its data files where its compiled file would: the templates are read.
    expect(bundled).toContain('new URL("../src/read/templates/template-registry.js", import.meta.url).href');
  });

  it('a reader thread starts without pdfjs, tesseract.js or the canvas: each loads with the first page that needs it', () => {
    const loaded = staticImports(childModule(THREAD_ENTRY).file);
    // A fillable form is read through pdf-lib (bundled) alone: these cost ~0.1 s of CPU on a cold start's critical path.
    expect([...loaded].filter((spec) => /^(pdfjs-dist|tesseract\.js|@napi-rs\/canvas)(\/|$)/.test(spec))).toEqual([]);
    expect(loaded.size).toBeGreaterThan(1);
  });

  it('checks every template against its schema and lists their hashes, so a reader thread takes them without parsing', () => {
    const dir = path.join(ROOT, 'schemas/templates');
    const hashes = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex'));
    expect(hashes).toHaveLength(6);
    expect(JSON.parse(readFileSync(path.join(DIST, 'schemas/templates-validated.json'), 'utf8'))).toEqual(hashes);
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

/** What loading a bundle loads before any of its code runs: its static imports, its chunks' followed. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)(?:\s[^;]*?\sfrom)?\s*"([^"]+)"/gm)) {
    if (seen.has(spec!)) continue;
    seen.add(spec!);
    if (spec!.startsWith('./')) staticImports(path.join(path.dirname(file), spec!), seen);
  }
  return seen;
}
