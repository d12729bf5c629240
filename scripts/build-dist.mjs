// Compiles the product's TypeScript (src/, schemas/, workers/) into dist/ with esbuild, one file per file,
// and copies their data files (templates, checklists, web assets) beside it. Run by `npm ci`/`npm install`
// (the `prepare` script) and by the launchers whenever a source changed since: a compiled start skips
// tsx's transform (~1 s of every CLI start, ~60 MB of every reader thread's heap).
//   node scripts/build-dist.mjs        compile now and say what was done
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
const SOURCE_DIRS = ['src', 'schemas', 'workers'];
const STAMP = 'sources.json';
/** Where the bundled entries go (flat, their shared chunks beside them), inside dist/; src/runtime/child-module.ts reads the same names. */
const BUNDLE_DIR = 'bundle';
/**
 * The entries a person or the service waits for at start: each is also bundled into one module graph,
 * because loading ~400 compiled files and pdf-lib's ~300 CommonJS files one by one cost a reader thread
 * ~0.5 s of CPU at every start (the CLI, a reader thread, a sandboxed processor recycled after N jobs).
 */
const BUNDLED_ENTRIES = ['src/cli/main.ts', 'src/read/extract/document-reader-thread-entry.ts', 'workers/read-document-processor.ts', 'workers/assemble-packet-processor.ts', 'workers/main.ts'];
/**
 * Packages bundled with them: plain JavaScript that finds no file of its own at run time. Every other
 * package (native addons, pdfjs and tesseract.js with their worker scripts, pino's transports…) stays
 * an import from node_modules.
 */
const BUNDLED_PACKAGES = new Set(['pdf-lib', '@pdf-lib/standard-fonts', '@pdf-lib/upng', 'pako', 'tslib', 'zod', 'fast-xml-parser', 'strnum']);

/**
 * The sha256 of each template the build checked against its schema (a JSON list, in dist/ beside the
 * templates' folder): src/read/templates/template-registry.ts reads the same name, takes a listed template
 * as it is and parses any other, so a reader thread does not check 1.3 MB of unchanged templates at every
 * start (~50 ms of CPU on a cold `extract`'s critical path).
 */
const VALIDATED_TEMPLATES = 'schemas/templates-validated.json';

/** Compiled entry (`src/cli/main.js`) → its bundle's file name in BUNDLE_DIR; what childModule reads. */
const BUNDLE_MANIFEST = 'entries.json';
const bundleName = (rel) => rel.replace(/\.ts$/, '').replaceAll('/', '__');

/** @returns {Promise<{ rel: string, mtimeMs: number, size: number }[]>} every file under the source folders */
async function listSources() {
  const entries = (await Promise.all(SOURCE_DIRS.map((dir) => readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true })))).flat();
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
  // Every launch checks this before it starts: the stats run at once (~50 ms one after another).
  const found = await Promise.all(
    files.map(async (rel) => {
      const { mtimeMs, size } = await stat(path.join(ROOT, rel));
      return { rel, mtimeMs, size };
    }),
  );
  return found.sort((a, b) => (a.rel < b.rel ? -1 : 1));
}

/** What the sources looked like when compiled: a file added, removed, touched or resized changes it. */
function signatureOf(sources) {
  return createHash('sha256').update(sources.map((s) => `${s.rel}\t${s.mtimeMs}\t${s.size}`).join('\n')).digest('hex');
}

/** True when dist/ was compiled from the sources as they are now. */
export async function buildIsFresh(sources) {
  const stamp = await readFile(path.join(DIST, STAMP), 'utf8').catch(() => null);
  return stamp !== null && JSON.parse(stamp).signature === signatureOf(sources ?? (await listSources()));
}

/**
 * Compiles into a private folder, then swaps it in, so a process starting meanwhile sees the old build or
 * the new one, never half of one.
 * @returns {Promise<{ files: number, ms: number }>}
 */
export async function buildDist() {
  const started = performance.now();
  const { build } = await import('esbuild');
  const sources = await listSources();
  const staging = `${DIST}.${process.pid}-${Date.now()}`;
  const typescript = sources.filter((s) => s.rel.endsWith('.ts')).map((s) => path.join(ROOT, s.rel));
  await build({ entryPoints: typescript, outdir: staging, outbase: ROOT, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  await bundleEntries(build, staging);
  for (const s of sources.filter((s) => !s.rel.endsWith('.ts'))) {
    await mkdir(path.dirname(path.join(staging, s.rel)), { recursive: true });
    await cp(path.join(ROOT, s.rel), path.join(staging, s.rel));
  }
  await validateTemplates(staging);
  await writeFile(path.join(staging, STAMP), JSON.stringify({ signature: signatureOf(sources), files: sources.length }));
  const old = `${staging}.old`;
  await rename(DIST, old).catch((err) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await rename(staging, DIST);
  await rm(old, { recursive: true, force: true });
  return { files: typescript.length, ms: Math.round(performance.now() - started) };
}

/**
 * Checks every template against the compiled FormTemplate (an invalid one fails the build, naming it) and
 * lists those that its parse returns unchanged in VALIDATED_TEMPLATES.
 */
async function validateTemplates(staging) {
  const { FormTemplate } = await import(pathToFileURL(path.join(staging, 'schemas/form-template.js')).href);
  const dir = path.join(staging, 'schemas/templates');
  const validated = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const text = await readFile(path.join(dir, file), 'utf8');
    const raw = JSON.parse(text);
    const parsed = FormTemplate.safeParse(raw);
    if (!parsed.success) throw new Error(`schemas/templates/${file} does not fit FormTemplate: ${parsed.error.message}`);
    if (isDeepStrictEqual(parsed.data, raw)) validated.push(createHash('sha256').update(text).digest('hex'));
  }
  await writeFile(path.join(staging, VALIDATED_TEMPLATES), JSON.stringify(validated, null, 2));
}

/**
 * Bundles BUNDLED_ENTRIES into `staging/bundle/`. A module's `import.meta.url` still names its own
 * compiled file (dist/src/…), so the files it finds beside itself (templates, checklists, web assets)
 * and the packages it resolves are the same bundled or not.
 */
async function bundleEntries(build, staging) {
  const outdir = path.join(staging, BUNDLE_DIR);
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        if (contents.includes('import.meta.url')) {
          const compiled = path.relative(outdir, path.join(staging, path.relative(ROOT, args.path))).replace(/\.ts$/, '.js');
          contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(compiled)}, import.meta.url).href`);
        }
        return { contents, loader: 'ts' };
      });
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
  await build({
    entryPoints: Object.fromEntries(BUNDLED_ENTRIES.map((rel) => [bundleName(rel), path.join(ROOT, rel)])),
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    plugins: [ownUrl],
    // pdf-lib is CommonJS: its require() calls of Node's own modules need a require in an ES module.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  });
  const manifest = Object.fromEntries(BUNDLED_ENTRIES.map((rel) => [rel.replace(/\.ts$/, '.js'), `${bundleName(rel)}.js`]));
  await writeFile(path.join(outdir, BUNDLE_MANIFEST), JSON.stringify(manifest, null, 2));
}

/** The bundle of a compiled entry (`src/cli/main.js`), when there is one. */
export async function bundledEntry(rel) {
  const manifest = await readFile(path.join(DIST, BUNDLE_DIR, BUNDLE_MANIFEST), 'utf8').then(JSON.parse, () => ({}));
  return manifest[rel] ? path.join(DIST, BUNDLE_DIR, manifest[rel]) : null;
}

/** Compiles when a source changed since the last build. */
export async function ensureBuilt() {
  const sources = await listSources();
  if (await buildIsFresh(sources)) return { built: false };
  return { built: true, ...(await buildDist()) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, ms } = await buildDist();
  console.log(`acord-prep: compiled ${files} TypeScript files into ${path.relative(process.cwd(), DIST) || DIST}/ in ${ms} ms`);
}
