/**
 * Extraction speed on the committed samples, warm (after one untimed run per file, so pdfjs and
 * template loading are not counted): median and p95 ms per form for each input path.
 *
 *   npm run bench            # target: fillable forms under 50 ms/form warm
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDocument } from '../src/extract/extract-document.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

async function sampleFiles(): Promise<string[]> {
  const dir = path.join(ROOT, 'samples');
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => /\.(pdf|xml)$/i.test(f)).map((f) => path.join(dir, f)).sort();
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function main() {
  const byPath = new Map<string, number[]>();
  console.log(`file                                              path      forms  median ms/form  p95 ms/form`);
  for (const file of await sampleFiles()) {
    const bytes = new Uint8Array(await readFile(file));
    const first = await extractDocument(bytes, path.basename(file));
    const forms = Math.max(1, first.document.forms.length);
    const kind = first.document.kind === 'acord-xml' ? 'xml' : 'acroform';
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await extractDocument(bytes, path.basename(file));
      times.push((performance.now() - t0) / forms);
    }
    byPath.set(kind, [...(byPath.get(kind) ?? []), ...times]);
    console.log(`${path.relative(ROOT, file).padEnd(50)}${kind.padEnd(10)}${String(forms).padStart(5)}${quantile(times, 0.5).toFixed(1).padStart(16)}${quantile(times, 0.95).toFixed(1).padStart(13)}`);
  }
  console.log('\npath       median ms/form  p95 ms/form  target');
  for (const [kind, times] of byPath) {
    const target = kind === 'acroform' ? '< 50 ms/form' : '';
    console.log(`${kind.padEnd(11)}${quantile(times, 0.5).toFixed(1).padStart(14)}${quantile(times, 0.95).toFixed(1).padStart(13)}  ${target}`);
  }
}

await main();
