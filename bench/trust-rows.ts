/**
 * Whether confidence can be trusted, per reading path (scanned 300 dpi, scanned 200 dpi, text layer):
 * wrong values at or above the review threshold per 1 000 values (nobody would look at them; target 0)
 * and right values sent to review (needless work; target < 5 %), on the shipped samples of that path and
 * on the three real blank forms filled with broker-style values (bench/broker-values.ts: words in code
 * boxes, form numbers with spaces, "%", explanations that wrap), flattened and scanned in memory.
 *
 *   npm run bench:trust        (also a section of npm run bench)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormId } from '../schemas/submission.js';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import type { Ocr } from '../src/read/ocr/ocr-engine.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';
import { compareWithExpected, emptyAccuracy, pct, type Accuracy } from './compare-with-expected.js';
import { hasRealForms, realFormInputs } from './real-form-inputs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PATHS = ['scanned 300 dpi', 'scanned 200 dpi', 'text layer'] as const;
type ReadingPath = (typeof PATHS)[number];
type Tally = { accuracy: Accuracy; forms: number; ms: number; recognitions: number };

/** The seed of the broker-style fills: the bench and the tests draw the same values. */
export const BROKER_SEED = 'broker';

export async function benchTrust(pool: OcrPool): Promise<void> {
  const tallies = new Map<string, Tally>();
  const read = async (label: string, bytes: Uint8Array, name: string, expected: Parameters<typeof compareWithExpected>[1][]) => {
    const before = pool.stats.recognitions;
    const t0 = performance.now();
    const ocr: Ocr = pool;
    const { parts } = await extractDocument(bytes, name, { ocr: () => ocr });
    const t = tallies.get(label) ?? { accuracy: emptyAccuracy(), forms: 0, ms: 0, recognitions: 0 };
    expected.forEach((fields, i) => compareWithExpected(parts[i], fields, t.accuracy));
    t.forms += expected.length;
    t.ms += performance.now() - t0;
    t.recognitions += pool.stats.recognitions - before;
    tallies.set(label, t);
  };

  const dir = path.join(ROOT, 'samples');
  for (const rel of (await readdir(dir, { recursive: true, encoding: 'utf8' })).filter((f) => f.endsWith('.expected.json')).sort()) {
    const scan = /-scan(\d+)\//.exec(rel);
    const readingPath: ReadingPath | undefined = scan ? (`scanned ${scan[1]} dpi` as ReadingPath) : rel.includes('-flat/') ? 'text layer' : undefined;
    if (!readingPath) continue;
    const expected = ExpectedFile.parse(JSON.parse(await readFile(path.join(dir, rel), 'utf8')));
    if (expected.kind !== 'pdf') continue;
    await read(`${readingPath} · samples`, new Uint8Array(await readFile(path.join(dir, rel.replace(/\.expected\.json$/, '')))), rel, expected.forms.map((f) => f.fields));
  }
  if (hasRealForms) {
    for (const form of ['125', '126', '140'] as FormId[]) {
      const inputs = await realFormInputs(form, [300, 200], { values: 'broker', seed: BROKER_SEED });
      await read('text layer · broker-filled real forms', inputs.flattened, `broker-${form}-flat.pdf`, [inputs.expected]);
      for (const [dpi, bytes] of inputs.scans) await read(`scanned ${dpi} dpi · broker-filled real forms`, bytes, `broker-${form}-scan${dpi}.pdf`, [inputs.expected]);
    }
  } else console.log('confidence rows: ../shared/acord-forms is absent; the broker-filled real forms are skipped');

  console.log(`\nconfidence you can trust (review threshold ${REVIEW_THRESHOLD}):`);
  console.log(`${'reading path · input'.padEnd(46)}${'forms'.padStart(6)}${'values'.padStart(8)}${'right'.padStart(10)}${'wrong≥thr /1000'.padStart(17)}${'right→review'.padStart(14)}${'OCR calls/form'.padStart(16)}${'s/form'.padStart(8)}`);
  const line = (label: string, t: Tally) => {
    const a = t.accuracy;
    const values = a.fields + a.spurious;
    console.log(
      `${label.padEnd(46)}${String(t.forms).padStart(6)}${String(values).padStart(8)}${pct(a.exact, a.fields).padStart(10)}${((1000 * a.wrongConfident) / values).toFixed(1).padStart(17)}${pct(a.rightUnsure, a.exact).padStart(14)}${(t.recognitions / t.forms).toFixed(0).padStart(16)}${(t.ms / t.forms / 1000).toFixed(1).padStart(8)}`,
    );
  };
  for (const readingPath of PATHS) {
    const parts = [...tallies].filter(([label]) => label.startsWith(readingPath));
    if (parts.length === 0) continue;
    for (const [label, t] of parts) line(label, t);
    const total: Tally = { accuracy: emptyAccuracy(), forms: 0, ms: 0, recognitions: 0 };
    for (const [, t] of parts) {
      for (const k of ['fields', 'exact', 'spurious', 'wrongConfident', 'rightUnsure'] as const) total.accuracy[k] += t.accuracy[k];
      total.forms += t.forms;
      total.ms += t.ms;
      total.recognitions += t.recognitions;
    }
    line(`${readingPath} · all`, total);
  }
  console.log('targets: wrong ≥ threshold 0 per 1 000 values; right values sent to review < 5 %');
  if (process.env.BENCH_SHOW_WRONG) {
    for (const [label, t] of tallies) for (const w of t.accuracy.wrong) if ((w.confidence ?? 0) >= REVIEW_THRESHOLD) console.log(`${label}: ${w.path}: got ${JSON.stringify(w.got)} want ${JSON.stringify(w.want)} (confidence ${w.confidence!.toFixed(2)})`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pool = new OcrPool();
  try {
    await benchTrust(pool);
  } finally {
    await pool.close();
  }
}
