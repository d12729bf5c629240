/**
 * Submissions per minute through the real service (issue 13), on the shipped samples:
 *  - end to end: sample folders renamed into the inbox (stable after 200 ms instead of 5 s), until each
 *    submission's state is packet-ready, quarantined or failed in the database;
 *  - workers only: the same documents put in the content store beforehand, then enqueued as the inbox does
 *    (enqueueSubmission, what RunningWorkers.enqueue calls), until each is finished;
 * for an all-fillable mix (BENCH_SERVICE_FILLABLE copies of the fillable samples, each copy other bytes, default
 * 200) and the scanned samples (BENCH_SERVICE_SCANNED copies of each, default 1), with 1 and 2 worker processes
 * (the second is `npm run worker`'s code path in its own process, on the same Redis, SQLite file and home),
 * and the peak memory of each process with its sandboxed readers. The scanned samples are also read in
 * this process one after another with a warm OCR pool (as `npm run bench` does): the in-process figure.
 *
 *   npm run bench:service     (also the last section of npm run bench)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowProducer, type Queue } from 'bullmq';
import type { IntakeSubmission } from '../schemas/intake.js';
import { loadServiceConfig, type ServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { mergeDocumentReadings, type DocumentReading } from '../src/read/extract/extract-submission.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { assemblePacket } from '../src/assemble/packet-files/assemble-packet.js';
import { distinctCopy, sampleFolders, type SampleFolder } from '../scripts/sample-kit/sample-folders.js';
import { ContentStore, sha256Of } from '../src/store/content-store.js';
import { enqueueSubmission } from '../workers/enqueue-submission.js';
import { openServiceQueues, redisConnection } from '../workers/queues.js';
import { ensureRedis } from '../workers/redis/ensure-redis.js';
import { sandboxShares } from '../workers/sandbox-settings.js';
import { startService } from '../workers/start-service.js';
import { createLogger } from '../src/runtime/logger.js';
import { ProcessTreeMemory, type TreePeak } from './process-tree-memory.js';
import { sandboxStartMs } from './sandbox-start-ms.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILLABLE = Number(process.env.BENCH_SERVICE_FILLABLE ?? 200);
const SCANNED = Number(process.env.BENCH_SERVICE_SCANNED ?? 1);
/** No progress for this long means something is stuck: the bench stops rather than wait forever. */
const STALL_MS = 180_000;

type Mix = { label: 'fillable' | 'scanned'; folders: SampleFolder[]; documents: number };
type Timing = { mix: Mix['label']; mode: 'end to end' | 'workers only'; processes: number; submissions: number; ms: number; notPacket: number; readMs: number; assembleMs: number; readJobs: number };

let copyNumber = 0;
/** `count` submissions cycling through `folders`, each file other bytes than every other copy's. */
function copies(folders: readonly SampleFolder[], count: number, label: Mix['label']): Mix {
  const made = Array.from({ length: count }, (_, i) => {
    const sample = folders[i % folders.length]!;
    const n = ++copyNumber;
    return { ...sample, name: `${n}-${sample.name}`, files: sample.files.map((f) => distinctCopy(f, n)) };
  });
  return { label, folders: made, documents: made.reduce((sum, f) => sum + f.files.length, 0) };
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN);

async function finished(db: Db): Promise<{ done: number; notPacket: number }> {
  const c = await db.countByState();
  return { done: c['packet-ready'] + c.quarantined + c.failed, notPacket: c.quarantined + c.failed };
}

/** Waits until `count` more submissions than `before` are finished; throws when none finishes for STALL_MS. */
async function waitFinished(db: Db, before: number, count: number): Promise<void> {
  let last = before;
  let lastAt = performance.now();
  for (;;) {
    const { done } = await finished(db);
    if (done >= before + count) return;
    if (done !== last) [last, lastAt] = [done, performance.now()];
    if (performance.now() - lastAt > STALL_MS) throw new Error(`service bench: ${done - before} of ${count} submissions finished, then none for ${STALL_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Median time a job of the batch spent being processed (BullMQ's processedOn → finishedOn), and how many ran. */
async function jobMs(queue: Queue, since: number): Promise<{ ms: number; jobs: number }> {
  const jobs = (await queue.getJobs(['completed', 'failed'], 0, -1)).filter((j) => j.timestamp >= since && j.processedOn && j.finishedOn);
  return { ms: median(jobs.map((j) => j.finishedOn! - j.processedOn!)), jobs: jobs.length };
}

async function writeFolder(dir: string, folder: SampleFolder): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(folder.files.map((f) => writeFile(path.join(dir, f.fileName), f.bytes)));
}

/** Puts the mix's documents in the store and describes each submission as the inbox would. */
async function intakes(config: ServiceConfig, mix: Mix): Promise<IntakeSubmission[]> {
  const store = new ContentStore(config.storeDir);
  return Promise.all(
    mix.folders.map(async (folder) => {
      const documents = await Promise.all(folder.files.map(async (f) => ({ sha256: (await store.put(f.bytes)).sha256, fileName: f.fileName, size: f.bytes.byteLength })));
      const key = sha256Of(new TextEncoder().encode(documents.map((d) => d.sha256).sort().join('\n')));
      return { id: randomUUID(), key, source: { kind: 'folder', name: folder.name, receivedAt: new Date().toISOString() }, originals: documents, documents, skipped: [] };
    }),
  );
}

type Running = { config: ServiceConfig; db: Db; prefix: string; redisUrl: string; queues: Record<'readDocument' | 'assemblePacket', Queue>; processes: number };

async function measure(run: Running, mix: Mix, mode: Timing['mode']): Promise<Timing> {
  const { config, db } = run;
  const before = await finished(db);
  let t0: number;
  if (mode === 'end to end') {
    const staging = path.join(config.home, 'staging', randomBytes(4).toString('hex'));
    for (const folder of mix.folders) await writeFolder(path.join(staging, folder.name), folder);
    t0 = Date.now();
    // A rename is atomic: the inbox never sees a folder half written.
    for (const folder of mix.folders) await rename(path.join(staging, folder.name), path.join(config.inboxDir, folder.name));
  } else {
    const store = new ContentStore(config.storeDir);
    const flows = new FlowProducer({ connection: redisConnection(run.redisUrl), prefix: run.prefix });
    const queued = await intakes(config, mix);
    t0 = Date.now();
    try {
      for (const intake of queued) await enqueueSubmission(intake, { db, store, flows, prefix: run.prefix });
    } finally {
      await flows.close();
    }
  }
  await waitFinished(db, before.done, mix.folders.length);
  const ms = Date.now() - t0;
  const read = await jobMs(run.queues.readDocument, t0 - 1);
  const assemble = await jobMs(run.queues.assemblePacket, t0 - 1);
  return { mix: mix.label, mode, processes: run.processes, submissions: mix.folders.length, ms, notPacket: (await finished(db)).notPacket - before.notPacket, readMs: read.ms, assembleMs: assemble.ms, readJobs: read.jobs };
}

/** The service's errors only: its warnings include the web's "not started" (no users file: off, as intended here). */
const quiet = createLogger({ logLevel: 'error' }, { pretty: true });

/** One service (and a second worker process when `processes` is 2) in a fresh home; each mix measured both ways. */
async function benchProcesses(processes: 1 | 2, redisUrl: string, mixes: (processes: number) => Mix[]): Promise<{ timings: Timing[]; peaks: Map<number, TreePeak>; pids: number[] }> {
  const home = await mkdtemp(path.join(tmpdir(), 'acord-bench-service-'));
  const prefix = `acord-bench-${randomBytes(6).toString('hex')}`;
  const env = { ACORD_PREP_HOME: home, REDIS_URL: redisUrl, WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '2', SHUTDOWN_GRACE_MS: '30000', ACORD_PREP_FROM: 'Bench <bench@example.invalid>' };
  const config = loadServiceConfig({ ...process.env, ...env }, home);
  const service = await startService(config, { prefix, log: quiet, inbox: { stableMs: 200, groupWindowMs: 100 } });
  let second: WorkerProcess | undefined;
  const queues = openServiceQueues(redisUrl, prefix);
  try {
    if (processes === 2) second = await startWorkerProcess(ROOT, env, prefix);
    const pids = [process.pid, ...(second ? [second.pid] : [])];
    const memory = new ProcessTreeMemory(pids);
    memory.start();
    const run: Running = { config, db: service.db, prefix, redisUrl, queues, processes };
    const timings: Timing[] = [];
    const [warmUp, ...measured] = mixes(processes);
    // The sandboxes fork, load their modules and start their OCR workers on their first job: not what a running service pays.
    await measure(run, warmUp!, 'workers only');
    for (const mix of measured) {
      for (const mode of ['end to end', 'workers only'] as const) {
        const t = await measure(run, mix, mode);
        console.log(`  ${processes} process(es), ${mix.label}, ${mode}: ${t.submissions} submissions in ${(t.ms / 1000).toFixed(1)} s`);
        timings.push(t);
      }
    }
    return { timings, peaks: await memory.stop(), pids };
  } finally {
    const code = await second?.stop();
    if (code !== undefined && code !== 0) console.warn(`  the second worker process exited with ${code}`);
    await service.stop();
    for (const q of Object.values(queues)) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * The fillable samples through the same steps in this process, one after another, warm: reading each document,
 * then merging and assembling the packet (what the assemble-packet job does besides the database and the files).
 * What one core can do at best, and which step costs what, beside the service's per-job medians.
 */
async function inProcessFillable(fillable: readonly SampleFolder[]): Promise<{ readMs: number; assembleMs: number; perCoreMinute: number }> {
  const read: number[] = [];
  const assemble: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const folder of fillable) {
      const readings: DocumentReading[] = [];
      for (const f of folder.files) {
        const t0 = performance.now();
        const document = await extractDocument(f.bytes.slice(), f.fileName);
        if (round > 0) read.push(performance.now() - t0);
        readings.push({ fileName: f.fileName, id: sha256Of(f.bytes), status: 'read', document });
      }
      const t0 = performance.now();
      const { submission, outcome } = mergeDocumentReadings(readings);
      const now = new Date();
      await assemblePacket({ submission, outcome, originals: folder.files, appetiteRules: null, today: now, received: now, now, from: { name: 'Bench', address: 'bench@example.invalid' } });
      if (round > 0) assemble.push(performance.now() - t0);
    }
  }
  const perSubmission = (read.reduce((a, b) => a + b, 0) + assemble.reduce((a, b) => a + b, 0)) / assemble.length;
  return { readMs: median(read), assembleMs: median(assemble), perCoreMinute: 60_000 / perSubmission };
}

/** The scanned files read in this process one after another, warm OCR pool, as npm run bench does: submissions/min. */
async function inProcessScanned(scanned: readonly SampleFolder[]): Promise<number> {
  const pool = new OcrPool();
  try {
    const first = scanned[0]!.files[0]!;
    await extractDocument(first.bytes.slice(), first.fileName, { ocr: () => pool });
    const t0 = performance.now();
    for (const folder of scanned) for (const f of folder.files) await extractDocument(f.bytes.slice(), f.fileName, { ocr: () => pool });
    return (scanned.length / (performance.now() - t0)) * 60_000;
  } finally {
    await pool.close();
  }
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const perMinute = (t: Timing) => (t.submissions / t.ms) * 60_000;

function printTable(timings: readonly Timing[]): void {
  console.log(`\n${'mix'.padEnd(10)}${'measured'.padEnd(14)}${'procs'.padStart(6)}${'subs'.padStart(6)}${'s'.padStart(8)}${'subs/min'.padStart(10)}${'not packet'.padStart(12)}${'read ms/doc'.padStart(13)}${'assemble ms'.padStart(13)}`);
  for (const t of timings) {
    console.log(
      `${t.mix.padEnd(10)}${t.mode.padEnd(14)}${String(t.processes).padStart(6)}${String(t.submissions).padStart(6)}${(t.ms / 1000).toFixed(1).padStart(8)}${perMinute(t).toFixed(0).padStart(10)}${String(t.notPacket).padStart(12)}${t.readMs.toFixed(0).padStart(13)}${t.assembleMs.toFixed(0).padStart(13)}`,
    );
  }
}

export async function benchServiceThroughput(): Promise<void> {
  const samples = await sampleFolders(path.join(ROOT, 'samples'));
  const fillable = samples.filter((s) => s.kind === 'fillable');
  const scanned = samples.filter((s) => s.kind === 'scanned');
  const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 2);
  const shares = sandboxShares(concurrency);
  console.log(
    `\nservice throughput: fillable mix = ${FILLABLE} copies of ${fillable.map((s) => s.name).join(', ')}; scanned mix = ${SCANNED} × ${scanned.map((s) => s.name).join(', ')}; ` +
      `WORKER_CONCURRENCY ${concurrency} per process (${shares.read} reading and ${shares.assemble} assembling child processes), SQLite shared by the processes; load average ${load()}`,
  );
  const inProcess = await inProcessScanned(scanned);
  const fillableInProcess = await inProcessFillable(fillable);
  const redis = await ensureRedis({ url: process.env.REDIS_URL, dataDir: await mkdtemp(path.join(tmpdir(), 'acord-bench-redis-')), log: quiet });
  const mixes = () => [copies([...fillable.slice(0, 1), ...scanned.slice(0, 1)], 2, 'fillable'), copies(fillable, FILLABLE, 'fillable'), ...Array.from({ length: SCANNED }, () => copies(scanned, scanned.length, 'scanned'))];
  const timings: Timing[] = [];
  try {
    for (const processes of [1, 2] as const) {
      const result = await benchProcesses(processes, redis.url, mixes);
      timings.push(...result.timings);
      for (const [i, pid] of result.pids.entries()) {
        const p = result.peaks.get(pid)!;
        console.log(
          `  ${processes} process(es), process ${i + 1} (${i === 0 ? 'service: inbox, workers, bench' : 'npm run worker'}): peak ${p.treeMb.toFixed(0)} MB with its sandboxes ` +
            `(itself ${p.ownMb.toFixed(0)} MB, largest sandbox ${p.childMaxMb.toFixed(0)} MB, ${p.children} sandbox process(es))`,
        );
      }
    }
  } finally {
    await redis.stop();
  }
  // Merge the scanned timings of several copies into one row per mode and process count.
  const rows = [...timings.reduce((m, t) => {
    const key = `${t.mix}|${t.mode}|${t.processes}`;
    const prev = m.get(key);
    m.set(key, prev ? { ...prev, submissions: prev.submissions + t.submissions, ms: prev.ms + t.ms, notPacket: prev.notPacket + t.notPacket } : t);
    return m;
  }, new Map<string, Timing>()).values()];
  printTable(rows);
  console.log(`load average at the end: ${load()} (other work on the machine slows every figure)`);
  const best = (mix: Mix['label'], mode: Timing['mode']) => Math.max(...rows.filter((r) => r.mix === mix && r.mode === mode).map(perMinute));
  console.log(`\nin-process extraction of the same scanned files (one after another, warm OCR pool): ${inProcess.toFixed(1)} submissions/min`);
  console.log(
    `in-process, the fillable samples one after another: read ${fillableInProcess.readMs.toFixed(0)} ms/doc, merge and packet ${fillableInProcess.assembleMs.toFixed(0)} ms/submission (medians) ` +
      `→ at best ${fillableInProcess.perCoreMinute.toFixed(0)} submissions/min per core before any queue, database or file cost`,
  );
  const startMs = await sandboxStartMs();
  const recycle = loadServiceConfig().recycleAfterJobs;
  console.log(`a sandboxed reader's start (fork, the reader's modules, compiled when the build is fresh): ${startMs.toFixed(0)} ms, paid per child and again every RECYCLE_AFTER_JOBS=${recycle} jobs → ${(startMs / recycle).toFixed(0)} ms a job`);
  console.log(`target: ≥ 600 fillable submissions/min on 2 cores: ${best('fillable', 'end to end').toFixed(0)} end to end, ${best('fillable', 'workers only').toFixed(0)} workers only`);
  for (const mode of ['end to end', 'workers only'] as const)
    console.log(`target: scanned within 15 % of in-process: ${mode} ${best('scanned', mode).toFixed(1)}/min = ${((best('scanned', mode) / inProcess - 1) * 100).toFixed(0)} %`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchServiceThroughput();
