/**
 * The check and the packet of the largest sample submission (manufacturing-oh: a 125, a 126, four 140s
 * and its XML), timed after one extraction: the median of repeated runs on a warm process.
 * Targets (issue 12): check < 10 ms; packet < 500 ms with its originals on 2 cores.
 *
 *   npm run bench:packet   (also part of npm run bench)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAppetiteRules } from '../src/appetite/load-appetite-rules.js';
import { checkWithAppetite } from '../src/check/check-with-appetite.js';
import { extractSubmission } from '../src/extract/extract-submission.js';
import { buildPacketPdf } from '../src/packet/build-packet-pdf.js';
import { assemblePacket } from '../src/packet-files/assemble-packet.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples/manufacturing-oh');

async function medianMs(runs: number, work: () => unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function benchPacket(): Promise<void> {
  const names = (await readdir(SAMPLE)).filter((f) => /\.(pdf|xml)$/.test(f)).sort();
  const originals = await Promise.all(names.map(async (f) => ({ fileName: f, bytes: new Uint8Array(await readFile(path.join(SAMPLE, f))) })));
  const { submission, outcome } = await extractSubmission(originals);
  const appetiteRules = await loadAppetiteRules(path.join(ROOT, 'samples/example-carrier-appetite.json'));
  const today = new Date('2025-06-15T00:00:00Z');
  const received = new Date('2025-06-15T09:00:00Z');
  const report = checkWithAppetite(submission, outcome, { today, appetiteRules });
  const pages = originals.length;

  const check = await medianMs(200, () => checkWithAppetite(submission, outcome, { today, appetiteRules }));
  const pdf = await medianMs(5, () => buildPacketPdf({ submission, report, outcome, originals, received }));
  const crops = report.flags.filter((f) => f.source?.page && f.source.rect).length;
  const whole = await medianMs(5, () => assemblePacket({ submission, outcome, originals, appetiteRules, today, received, now: received, from: { name: 'Bench', address: 'bench@example.com' } }));
  console.log(`\npacket of manufacturing-oh (${pages} originals, ${report.flags.length} flags, ${crops} with a page crop):`);
  console.log(`  check with appetite   ${check.toFixed(2).padStart(8)} ms   (target < 10 ms)`);
  console.log(`  packet.pdf            ${pdf.toFixed(0).padStart(8)} ms`);
  console.log(`  whole packet          ${whole.toFixed(0).padStart(8)} ms   (check, PDF, JSON, XML, e-mail; target < 500 ms)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchPacket();
