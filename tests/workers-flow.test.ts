import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IntakeSubmission } from '../schemas/intake.js';
import { PacketJson } from '../schemas/packet-json.js';
import type { Db } from '../src/db/db.js';
import { probeRedis } from '../workers/redis/probe-redis.js';
import { finishSubmission } from '../src/service/finish-submission.js';
import { assembleJobId, readJobId } from '../workers/queues.js';
import { KEEP_COMPLETED, KEEP_FAILED } from '../workers/start-workers.js';
import { intakeOf } from './support/intake-of.js';
import { workersPerTest } from './support/workers-per-test.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redis = await probeRedis(REDIS_URL, 500);
if (!redis.ok) console.warn(`workers tests skipped: no Redis on 127.0.0.1:6379 (${redis.reason}); start redis-server to run them`);

const SAMPLE = path.resolve('samples/contractor-co');
/** A file that says it is a PDF and is not one: pdfjs refuses it (pdf-corrupt, permanent). */
const CORRUPT = new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage garbage\n%%EOF\n');

const service = workersPerTest(REDIS_URL);

const sample = async (name: string) => ({ fileName: name, bytes: new Uint8Array(await readFile(path.join(SAMPLE, name))) });

async function until(db: Db, id: string, state: 'packet-ready' | 'quarantined' | 'failed') {
  await vi.waitFor(
    async () => {
      const record = await db.getSubmission(id);
      if (record?.state === 'failed' && state !== 'failed') throw new Error(`submission ${id} failed`);
      expect(record?.state).toBe(state);
    },
    { timeout: 50_000, interval: 100 },
  );
  return (await db.getSubmission(id))!;
}

/** Folders a reader of the outbox sees (hidden temporary ones excluded). */
const visible = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();

describe.skipIf(!redis.ok)('workers on Redis', () => {
  it('reads a fillable 125 + 126 in sandboxes and writes its packet to the outbox', async () => {
    const { config, db, store, workers, queues } = await service.start();
    const intake = await intakeOf(store, [await sample('acord-125.pdf'), await sample('acord-126.pdf')]);
    const started = performance.now();
    await workers.enqueue(intake);
    const record = await until(db, intake.id, 'packet-ready');
    console.info(`workers: contractor-co (fillable 125 + 126) enqueued → packet-ready in ${Math.round(performance.now() - started)} ms`);

    expect(await visible(config.outboxDir)).toEqual([record.packetFolder]);
    const folder = path.join(config.outboxDir, record.packetFolder!);
    expect(await visible(folder)).toEqual(expect.arrayContaining(['packet.pdf', 'submission.json', 'submission.xml']));
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(folder, 'submission.json'), 'utf8')));
    expect(json.outcome?.files.map((f) => [f.fileName, f.status]).sort()).toEqual([
      ['acord-125.pdf', 'read'],
      ['acord-126.pdf', 'read'],
    ]);
    expect(record.insuredName).toBeTruthy();
    expect(record.documents.map((d) => d.status)).toEqual(['read', 'read']);
    expect(record.report).not.toBeNull();

    // Each document was read once, in a child process, by its content-derived job.
    const reads = queues.readDocument;
    const job = await reads.getJob(readJobId(intake.id, intake.documents[0]!.sha256));
    expect(job?.returnvalue).toMatchObject({ fileName: 'acord-125.pdf', status: 'read' });
    // Progress by stage, on the board; finished jobs leave Redis after a while, not never.
    expect(job?.progress).toEqual({ stage: 'done', pages: 4 });
    expect((await queues.assemblePacket.getJob(assembleJobId(intake.id)))?.progress).toEqual({ stage: 'publish' });
    for (const worker of [workers.readWorker, workers.assembleWorker]) expect(worker.opts).toMatchObject({ removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED });

    // Finishing it again (a retried or re-run job) leaves one folder with the same files.
    const before = await visible(folder);
    await finishSubmission(intake.id, { db, store, dataDir: config.dataDir, outboxDir: config.outboxDir, quarantineDir: config.quarantineDir, appetiteRules: null, clearance: config.clearance, from: { name: 'Test', address: 'test@example.com' }, actor: 'test' });
    expect(await readdir(config.outboxDir)).toEqual([record.packetFolder]);
    expect(await visible(folder)).toEqual(before);
  });

  it('quarantines a submission of one corrupt PDF with a report, without retrying it', async () => {
    const { config, db, store, workers, queues } = await service.start();
    const intake = await intakeOf(store, [{ fileName: 'broken.pdf', bytes: CORRUPT }]);
    await workers.enqueue(intake);
    await until(db, intake.id, 'quarantined');

    const folder = path.join(config.quarantineDir, intake.id);
    expect(await visible(folder)).toEqual(['broken.pdf', 'report.txt']);
    expect(new Uint8Array(await readFile(path.join(folder, 'broken.pdf')))).toEqual(CORRUPT);
    const report = await readFile(path.join(folder, 'report.txt'), 'utf8');
    expect(report).toContain('broken.pdf');
    expect(report).toContain('error: pdf-corrupt');
    expect(report).toMatch(/what to do: the file itself is at fault/);
    expect(await visible(config.outboxDir)).toEqual([]);

    const reads = queues.readDocument;
    const job = (await reads.getJob(readJobId(intake.id, intake.documents[0]!.sha256)))!;
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain('[pdf-corrupt]');
    const stored = await db.getSubmission(intake.id);
    expect(stored?.documents[0]).toMatchObject({ status: 'failed', error: { code: 'pdf-corrupt', retryable: false } });
  });

  it('makes a packet of the good file and lists the corrupt one as failed', async () => {
    const { config, db, store, workers } = await service.start();
    const intake = await intakeOf(store, [await sample('acord-125.pdf'), { fileName: 'broken.pdf', bytes: CORRUPT }]);
    await workers.enqueue(intake);
    const record = await until(db, intake.id, 'packet-ready');

    const json = PacketJson.parse(JSON.parse(await readFile(path.join(config.outboxDir, record.packetFolder!, 'submission.json'), 'utf8')));
    expect(json.outcome?.status).toBe('incomplete');
    const broken = json.outcome?.files.find((f) => f.fileName === 'broken.pdf');
    expect(broken).toMatchObject({ status: 'failed', error: { code: 'pdf-corrupt', retryable: false } });
    expect(json.outcome?.files.find((f) => f.fileName === 'acord-125.pdf')?.status).toBe('read');
    expect(json.submission.documents.map((d) => d.fileName)).toEqual(['acord-125.pdf']);
    expect(await visible(config.quarantineDir)).toEqual([]);
  });

  it('makes one packet of a submission enqueued twice', async () => {
    const { config, db, store, workers, queues } = await service.start();
    const intake = await intakeOf(store, [await sample('acord-125.pdf'), await sample('acord-126.pdf')]);
    const first = await workers.enqueue(intake);
    const second = await workers.enqueue(intake);
    expect(second.job.id).toBe(first.job.id);
    const record = await until(db, intake.id, 'packet-ready');

    const reads = queues.readDocument;
    expect(await reads.getJobCounts('completed', 'failed', 'wait', 'active', 'delayed')).toEqual({ completed: 2, failed: 0, wait: 0, active: 0, delayed: 0 });
    // Once more after it finished: the jobs are there, nothing runs again.
    const assemble = queues.assemblePacket;
    const { finishedOn } = (await assemble.getJob(first.job.id!))!;
    await workers.enqueue(intake);
    const job = (await assemble.getJob(first.job.id!))!;
    expect(await job.getState()).toBe('completed');
    expect(job.finishedOn).toBe(finishedOn);
    expect(await assemble.getJobCounts('completed')).toEqual({ completed: 1 });
    expect(await visible(config.outboxDir)).toEqual([record.packetFolder]);
    expect((await db.getSubmission(intake.id))?.documents).toHaveLength(2);
  });

  it('retries a failure of the machine with backoff, then reports it as one to try again', async () => {
    // A deadline of 1 ms per document: a time-out, which another try on a less loaded machine may beat. A
    // flattened form: its text layer is read by pdfjs, whose awaits give the deadline's timer its turn (a
    // fillable one is read in one synchronous stretch, done before the timer gets a turn).
    const { config, db, store, workers, queues } = await service.start({ env: { ACORD_PREP_LIMITS: '{"msPerDocument":1}' } });
    const flat = path.resolve('samples/office-ny-flat/acord-125.flat.pdf');
    const intake = await intakeOf(store, [{ fileName: 'acord-125.flat.pdf', bytes: new Uint8Array(await readFile(flat)) }]);
    await workers.enqueue(intake);
    await until(db, intake.id, 'quarantined');

    const reads = queues.readDocument;
    const job = (await reads.getJob(readJobId(intake.id, intake.documents[0]!.sha256)))!;
    expect(job.attemptsMade).toBe(3);
    const report = await readFile(path.join(config.quarantineDir, intake.id, 'report.txt'), 'utf8');
    expect(report).toContain('error: deadline-exceeded');
    expect(report).toMatch(/what to do: the machine failed, not the file/);
    expect((await db.getSubmission(intake.id))?.documents[0]?.error).toMatchObject({ code: 'deadline-exceeded', retryable: true });
  });

  it('ends a sandboxed reader after RECYCLE_AFTER_JOBS jobs and reads on in a fresh one', async () => {
    const { db, store, workers, queues } = await service.start({ settings: { WORKER_CONCURRENCY: '1', RECYCLE_AFTER_JOBS: '1' } });
    const reads = queues.readDocument;
    const readBy = async (intake: IntakeSubmission) => {
      await workers.enqueue(intake);
      await until(db, intake.id, 'packet-ready');
      const jobs = await Promise.all(intake.documents.map((d) => reads.getJob(readJobId(intake.id, d.sha256))));
      // Each read on its first attempt: a child ending itself costs no job an attempt.
      expect(jobs.map((j) => j?.attemptsMade)).toEqual(intake.documents.map(() => 1));
      return jobs.map((j) => (j?.returnvalue as { pid: number }).pid);
    };
    const first = await readBy(await intakeOf(store, [await sample('acord-125.pdf'), await sample('acord-126.pdf')]));
    // Without recycling the idle child would read this one too (one at a time, children are reused).
    const second = await readBy(await intakeOf(store, [await sample('acord-126.pdf')]));
    expect(first).not.toContain(second[0]);
    expect(second).not.toContain(process.pid);
  });

  it('marks the submission failed when its packet cannot be written after every attempt', async () => {
    const { config, db, store, workers, queues } = await service.start();
    // A file where the outbox folder should be: no packet folder can be made in it.
    await writeFile(config.outboxDir, 'not a folder');
    const intake = await intakeOf(store, [await sample('acord-126.pdf')]);
    const flow = await workers.enqueue(intake);
    await until(db, intake.id, 'failed');

    const job = (await queues.assemblePacket.getJob(flow.job.id!))!;
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toContain(config.outboxDir);
    const events = await db.events(intake.id);
    expect(events.at(-1)?.detail).toMatchObject({ to: 'failed' });
  });
});
