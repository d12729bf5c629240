/**
 * The scanned-form speed target alone, without the rest of `npm run bench`: the real ACORD 125
 * (../shared, filled, flattened and scanned at 300 dpi in memory) read end to end with a warm OCR pool,
 * and native tesseract whole-page OCR of the same 4 pages, alternating, several rounds. Wall time and
 * CPU time of each side: ours is this process (its OCR worker threads included, the main thread's share
 * shown), native is its child processes. On a shared machine compare CPU seconds; wall time follows load.
 *
 *   npm run bench:scan125        (SCAN125_ROUNDS=N rounds, default 3)
 */
import { readFileSync } from 'node:fs';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { scannedPageImage } from '../src/read/raster/scanned-page-image.js';
import { compareWithExpected, emptyAccuracy } from './compare-with-expected.js';
import { nativeTesseract, nativeWholePageMs } from './native-tesseract.js';
import { hasRealForms, realFormInputs } from './real-form-inputs.js';

const ROUNDS = Number(process.env.SCAN125_ROUNDS ?? 3);

/** CPU seconds of this process's reaped children (utime + stime of /proc/self/stat, in clock ticks). */
function childCpuS(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** CPU seconds of the calling (main) thread: what the OCR workers leave to decoding, aligning and cutting. */
function mainThreadCpuS(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const selfCpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

if (!hasRealForms) {
  console.log('../shared/acord-forms is absent: nothing to measure');
  process.exit(0);
}
const inputs = await realFormInputs('125', [300]);
const bytes = inputs.scans.get(300)!;
const doc = await openPdf(bytes, 'scan-125.pdf');
const images = [];
for (let p = 1; p <= doc.numPages; p++) images.push(await scannedPageImage(bytes, doc, p));
await doc.destroy();
const binary = nativeTesseract();

const pool = new OcrPool();
const ocr = () => pool;
await extractDocument(bytes.slice(), 'scan-125.pdf', { ocr }); // warm: workers started, code compiled
const ours: { wall: number; cpu: number; main: number; calls: number }[] = [];
const native: { wall: number; cpu: number }[] = [];
let accuracy = emptyAccuracy();
for (let round = 1; round <= ROUNDS; round++) {
  const calls0 = pool.stats.recognitions;
  const cpu0 = selfCpuS();
  const main0 = mainThreadCpuS();
  const t0 = performance.now();
  const read = await extractDocument(bytes.slice(), 'scan-125.pdf', { ocr });
  const wall = (performance.now() - t0) / 1000;
  ours.push({ wall, cpu: selfCpuS() - cpu0, main: mainThreadCpuS() - main0, calls: pool.stats.recognitions - calls0 });
  accuracy = emptyAccuracy();
  compareWithExpected(read.parts[0], inputs.expected, accuracy);
  let line = `round ${round}: ours ${wall.toFixed(2)} s wall, ${ours.at(-1)!.cpu.toFixed(2)} s CPU (${ours.at(-1)!.main.toFixed(2)} s of it the main thread), ${ours.at(-1)!.calls} OCR calls`;
  if (binary) {
    const c0 = childCpuS();
    const ms = await nativeWholePageMs(binary, images);
    native.push({ wall: ms / 1000, cpu: childCpuS() - c0 });
    line += `; native ${(ms / 1000).toFixed(2)} s wall, ${native.at(-1)!.cpu.toFixed(2)} s CPU; ours / native ${(wall / (ms / 1000)).toFixed(2)}`;
  }
  console.log(line);
}
await pool.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ow = median(ours.map((o) => o.wall));
let summary = `\nscanned ACORD 125, 4 pages at 300 dpi, warm, median of ${ROUNDS}: ours ${ow.toFixed(2)} s wall, ${median(ours.map((o) => o.cpu)).toFixed(2)} s CPU (${median(ours.map((o) => o.main)).toFixed(2)} s main thread), ${median(ours.map((o) => o.calls))} OCR calls`;
if (native.length) {
  const nw = median(native.map((n) => n.wall));
  summary += `; native tesseract (--psm 3, 2 processes) ${nw.toFixed(2)} s wall, ${median(native.map((n) => n.cpu)).toFixed(2)} s CPU; native / ours ${(nw / ow).toFixed(2)}×`;
}
console.log(summary);
console.log(`values exact ${accuracy.exact} of ${accuracy.fields}, checkboxes ${accuracy.checkboxesRight} of ${accuracy.checkboxes}, wrong≥threshold ${accuracy.wrongConfident}, right<threshold ${accuracy.rightUnsure}`);
console.log('target: ≤ 3 s warm on 2 cores, native / ours ≥ 2×');
