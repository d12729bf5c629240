/**
 * npm run bench:hostile — each hostile input, made at run time (never stored), read by a
 * DocumentReaderThread (as the CLI and the service read) in a process of its own with the limits in
 * force (defaults + ACORD_PREP_LIMITS), printing that process's peak RSS, its time and the outcome (a
 * read, or the refusal's code).
 * Targets (issue 11): every case ≤ 1.5 GB and ≤ its deadline, every outcome a documented code.
 *
 *   npm run bench:hostile            all cases
 *   npm run bench:hostile -- tiff    the cases whose name contains "tiff"
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeflate, deflateSync } from 'node:zlib';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { pdfOfOutlines } from './outlines-pdf.js';
import { LIMITS_ENV, loadLimits, type LimitOverrides } from '../src/config/limits.js';
import { AcordPrepError } from '../src/errors.js';
import { DocumentReaderThread } from '../src/read/extract/document-reader-thread.js';

const SELF = fileURLToPath(import.meta.url);
const GB = 1024 ** 3;
const TARGET_RSS = 1.5 * GB;

/** Deflates `total` zero bytes in 1 MB chunks: a 400 MB image is never held whole. */
async function deflatedZeros(total: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1 << 20);
  for (let left = total; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A Letter PDF whose `pages` pages each paint the same side × side gray image (Flate, all black). */
async function pdfWithHugeImage(side: number, pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const data = await deflatedZeros(side * side);
  const image = pdf.context.register(
    pdf.context.stream(data, { Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode' }),
  );
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([612, 792]);
    page.node.setXObject(PDFName.of('Im0'), image);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(612, 0, 0, 792, 0, 0), drawObject('Im0'), popGraphicsState());
  }
  return pdf.save();
}

/** A little-endian bilevel TIFF of `pages` blank width × height pages (Deflate), all sharing one strip. */
function blankTiff(pages: number, width: number, height: number, dpi: { x: number; y: number }): Uint8Array {
  const strip = deflateSync(Buffer.alloc(Math.ceil(width / 8) * height));
  const ifdSize = 2 + 12 * 12 + 4 + 16;
  const first = 8 + strip.length + (strip.length % 2);
  const out = Buffer.alloc(first + pages * ifdSize);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(first, 4);
  strip.copy(out, 8);
  for (let p = 0; p < pages; p++) {
    const at = first + p * ifdSize;
    const rationals = at + 2 + 12 * 12 + 4;
    const entries: [number, number, number][] = [
      [256, 4, width],
      [257, 4, height],
      [258, 3, 1],
      [259, 3, 8], // Deflate
      [262, 3, 0], // WhiteIsZero
      [273, 4, 8],
      [277, 3, 1],
      [278, 4, height],
      [279, 4, strip.length],
      [282, 5, rationals],
      [283, 5, rationals + 8],
      [296, 3, 2], // inch
    ];
    out.writeUInt16LE(entries.length, at);
    entries.forEach(([tag, type, value], i) => {
      const e = at + 2 + i * 12;
      out.writeUInt16LE(tag, e);
      out.writeUInt16LE(type, e + 2);
      out.writeUInt32LE(1, e + 4);
      if (type === 3) out.writeUInt16LE(value, e + 8);
      else out.writeUInt32LE(value, e + 8);
    });
    out.writeUInt32LE(p + 1 < pages ? at + ifdSize : 0, at + 2 + 12 * 12);
    out.writeUInt32LE(dpi.x, rationals);
    out.writeUInt32LE(1, rationals + 4);
    out.writeUInt32LE(dpi.y, rationals + 8);
    out.writeUInt32LE(1, rationals + 12);
  }
  return out;
}

/** `limits`: overrides for this case alone (ACORD_PREP_LIMITS of its process). */
type Case = { name: string; file: string; make: () => Promise<Uint8Array> | Uint8Array; limits?: LimitOverrides };

const CASES: Case[] = [
  { name: 'pdf-one-20000x20000-image', file: 'huge-image.pdf', make: () => pdfWithHugeImage(20_000, 1) },
  { name: 'pdf-3-pages-sharing-20000x20000-image', file: 'huge-image-3.pdf', make: () => pdfWithHugeImage(20_000, 3) },
  { name: 'tiff-500-pages-7700x7700', file: 'many-pages.tif', make: () => blankTiff(500, 7700, 7700, { x: 906, y: 906 }) },
  { name: 'tiff-30-pages-7700x7700', file: 'thirty-pages.tif', make: () => blankTiff(30, 7700, 7700, { x: 906, y: 906 }) },
  { name: 'tiff-2560x322-dpi', file: 'stretched.tif', make: () => blankTiff(1, 7700, 7700, { x: 2560, y: 322 }) },
  { name: 'pdf-one-slow-page-deadline-5s', file: 'outlines.pdf', make: () => pdfOfOutlines(300_000), limits: { msPerDocument: 5_000 } },
  { name: 'xml-20MB-empty-elements', file: 'empty-elements.xml', make: () => new TextEncoder().encode(`<ACORD>${'<a/>'.repeat(5_000_000 - 4)}</ACORD>`) },
];

/**
 * Child: reads one file as the CLI and the service do (a DocumentReaderThread) and prints one JSON line.
 * The time is the document's: the thread is started first, as the service starts it with its process.
 */
async function child(file: string, name: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const reader = new DocumentReaderThread(loadLimits());
  await reader.start();
  const start = performance.now();
  let outcome: string;
  try {
    const doc = await reader.read(bytes, name);
    outcome = `read: ${doc.document.forms.length} form(s), ${doc.pagesNotRead.length} page(s) not read`;
  } catch (err) {
    outcome = err instanceof AcordPrepError ? `${err.code}: ${err.message}` : `UNEXPECTED ${(err as Error).stack ?? String(err)}`;
  }
  const ms = performance.now() - start;
  process.stdout.write(`${JSON.stringify({ outcome, ms, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
  process.exit(0);
}

function runChild(file: string, name: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<{ outcome: string; ms: number; maxRss: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const proc = spawn(process.execPath, ['--import', 'tsx', SELF, '--child', file, name], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').findLast((l) => l.startsWith('{'));
      if (line) return resolve(JSON.parse(line));
      const why = signal ? `killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs / 1000} s or out of memory` : ''})` : `exit ${code}`;
      resolve({ outcome: `CRASHED ${why}: ${err.trim().split('\n').slice(-3).join(' | ')}`, ms: performance.now() - started, maxRss: NaN });
    });
  });
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const limits = loadLimits();
  const dir = mkdtempSync(path.join(tmpdir(), 'acord-hostile-'));
  let failed = 0;
  try {
    console.log(`limits: ${JSON.stringify(limits)}`);
    console.log(['case', 'input', 'peak RSS', 'time', 'outcome'].join('\t'));
    for (const c of CASES.filter((k) => !filter || k.name.includes(filter))) {
      const file = path.join(dir, c.file);
      const bytes = await c.make();
      writeFileSync(file, bytes);
      const env = c.limits ? { ...process.env, [LIMITS_ENV]: JSON.stringify({ ...JSON.parse(process.env[LIMITS_ENV] ?? '{}'), ...c.limits }) } : process.env;
      const caseLimits = loadLimits({}, env);
      const r = await runChild(file, c.file, caseLimits.msPerDocument + 60_000, env);
      // A deadline is met when the refusal comes within a second of it (the last slice of work finishes).
      const ok = r.maxRss <= TARGET_RSS && r.ms <= caseLimits.msPerDocument + 1_000 && !/^(UNEXPECTED|CRASHED)/.test(r.outcome);
      if (!ok) failed++;
      const size = bytes.length < 1 << 20 ? `${(bytes.length / 1024).toFixed(1)} KB` : `${(bytes.length / (1 << 20)).toFixed(1)} MB`;
      const rss = Number.isNaN(r.maxRss) ? '?' : `${(r.maxRss / (1 << 20)).toFixed(0)} MB`;
      console.log([`${ok ? 'ok  ' : 'FAIL'} ${c.name}`, size, rss, `${(r.ms / 1000).toFixed(1)} s`, r.outcome.slice(0, 220)].join('\t'));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    console.log(`${failed} case(s) over 1.5 GB, over the deadline, or without a documented code`);
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
