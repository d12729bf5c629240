/**
 * The main job on the shipped samples: each folder under samples/ is one broker submission; its PDFs
 * and ACORD XML are read and merged into one submission, written to out/<sample>.json, then checked
 * against the example carrier's appetite and made into the underwriter's packet in
 * out/packets/<insured>-<date>-<id>/ (packet.pdf, submission.json, submission.xml, broker-request.eml),
 * with a line per sample saying what was found and what the check decided.
 *
 *   npm run samples:extract
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAppetiteRules } from '../src/validate/appetite/load-appetite-rules.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { assemblePacket } from '../src/assemble/packet-files/assemble-packet.js';
import { writePacketFiles } from '../src/assemble/packet-files/write-packet-files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples');
const OUT = path.join(ROOT, 'out');
/** The samples' policies start in mid-2025: they are checked as of the day they were made for, not today. */
const SAMPLES_TODAY = new Date('2025-06-15T00:00:00Z');

async function main() {
  await mkdir(OUT, { recursive: true });
  const appetiteRules = await loadAppetiteRules(path.join(SAMPLES, 'example-carrier-appetite.json'));
  console.log(`Checking as of ${SAMPLES_TODAY.toISOString().slice(0, 10)} against ${appetiteRules.carrier}'s appetite (samples/example-carrier-appetite.json).`);
  const folders = (await readdir(SAMPLES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  let failed = 0;
  for (const name of folders) {
    const dir = path.join(SAMPLES, name);
    const files = (await readdir(dir)).filter((f) => /\.(pdf|xml)$/i.test(f)).sort();
    const inputs = await Promise.all(files.map(async (f) => ({ fileName: path.join('samples', name, f), bytes: new Uint8Array(await readFile(path.join(dir, f))) })));
    const t0 = performance.now();
    const { submission, outcome, failures, warnings } = await extractSubmission(inputs);
    const ms = performance.now() - t0;
    const out = path.join(OUT, `${name}.json`);
    await writeFile(out, JSON.stringify(submission, null, 2) + '\n');
    const forms = submission.documents.flatMap((d) => d.forms.map((f) => `${f.form}`)).join('+');
    const { documents: _d, conflicts, unplaced, ...data } = submission;
    console.log(
      `${name}: ${outcome.status}, ${files.length} file(s), forms ${forms || 'none'}, ${listLeaves(data).length} values, ${unplaced.length} unplaced, ` +
        `${conflicts.length} conflict(s), ${warnings.length} warning(s), ${failures.length} failure(s), ${ms.toFixed(0)} ms → ${path.relative(ROOT, out)}`,
    );
    for (const f of failures) console.log(`  error [${f.code}]: ${f.message}`);
    const now = new Date();
    const packet = await assemblePacket({ submission, outcome, originals: inputs, appetiteRules, today: SAMPLES_TODAY, received: now, now, from: { name: 'Underwriting', address: 'underwriting@samples.invalid' } });
    const packetDir = path.join(OUT, 'packets', packet.folder);
    await writePacketFiles(packetDir, packet.files);
    const open = packet.report.flags.filter((f) => f.severity === 'blocking');
    const verdict = packet.report.readyToQuote ? 'ready to quote' : `cannot quote yet (${open.filter((f) => f.when === 'quote').length} to quote)`;
    console.log(`  packet: ${verdict}, ${open.filter((f) => f.when === 'bind').length} to bind, appetite ${packet.report.appetite?.decision} → ${path.relative(ROOT, packetDir)}/`);
    if (outcome.status !== 'complete') failed++;
  }
  process.exitCode = failed ? 3 : 0;
}

await main();
