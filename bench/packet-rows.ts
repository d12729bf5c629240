/**
 * The check and the packet of the largest sample submission (manufacturing-oh: a 125, a 126, four 140s
 * and its XML), timed after one extraction: the median of repeated runs on a warm process, each given fresh
 * copies of the originals as the service's assembler is (pdf-lib's parse of them is cached by buffer, and is
 * a third of a packet). CPU ms (this process's user + system time) beside wall ms: on a machine shared
 * with other work the CPU figure moves far less. BENCH_PACKET_RUNS runs (default 15).
 * Targets (issue 12): check < 10 ms; packet < 500 ms with its originals on 2 cores.
 *
 *   npm run bench:packet   (also part of npm run bench)
 */
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAppetiteRules } from '../src/validate/appetite/load-appetite-rules.js';
import { checkWithAppetite } from '../src/validate/check/check-with-appetite.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { buildPacketPdf } from '../src/assemble/packet/build-packet-pdf.js';
import { assemblePacket } from '../src/assemble/packet-files/assemble-packet.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'samples/manufacturing-oh');

const RUNS = Number(process.env.BENCH_PACKET_RUNS ?? 15);
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall and CPU ms of `runs` runs of `work`. */
async function medianMs(runs: number, work: () => unknown): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    await work();
    const { user, system } = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((user + system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
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

  const fresh = () => originals.map((o) => ({ ...o, bytes: new Uint8Array(o.bytes) }));
  const check = await medianMs(200, () => checkWithAppetite(submission, outcome, { today, appetiteRules }));
  const pdf = await medianMs(RUNS, () => buildPacketPdf({ submission, report, outcome, originals: fresh(), received }));
  const crops = report.flags.filter((f) => f.source?.page && f.source.rect).length;
  const whole = await medianMs(RUNS, () => assemblePacket({ submission, outcome, originals: fresh(), appetiteRules, today, received, now: received, from: { name: 'Bench', address: 'bench@example.com' } }));
  const row = (t: { wall: number; cpu: number }, digits = 0) => `${t.wall.toFixed(digits).padStart(8)} ms wall ${t.cpu.toFixed(digits).padStart(8)} ms CPU`;
  console.log(`\npacket of manufacturing-oh (${pages} originals, ${report.flags.length} flags, ${crops} with a page crop; median of ${RUNS}, load average ${loadavg()[0]!.toFixed(2)}):`);
  console.log(`  check with appetite   ${row(check, 2)}   (target < 10 ms)`);
  console.log(`  packet.pdf            ${row(pdf)}`);
  console.log(`  whole packet          ${row(whole)}   (check, PDF, JSON, XML, e-mail; target < 500 ms)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchPacket();
