import { copyFile, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PacketJson } from '../schemas/packet-json.js';
import { alive, childPids, threadNames } from './support/process-tree.js';
import { outcomesOf, LOCAL_REDIS_URL, localRedisAnswers, servicePerTest } from './support/reliability-service.js';

const redisAnswers = await localRedisAnswers('reader crash test');
const services = servicePerTest();

/** A scanned ACORD 140: every value is read by OCR, which takes seconds, long enough to be killed in. */
const SCAN = path.resolve('samples/office-ny-scan200/acord-140-1.scan200.pdf');

/**
 * The sandboxed reader once it is OCRing. Seen from outside through its threads: decoding the page images
 * starts @napi-rs/canvas's `tokio-rt-worker` threads, then the OCR pool's tesseract.js workers add `node`
 * threads to the count the process had before (counted while it had no canvas threads yet, or else when
 * they first showed).
 */
async function readerOcring(): Promise<number> {
  let baseline: { pid: number; node: number } | undefined;
  return vi.waitFor(
    async () => {
      const [pid, ...others] = await childPids();
      if (pid === undefined || others.length > 0) throw new Error(`expected one sandboxed reader, found ${others.length + (pid ? 1 : 0)}`);
      const threads = await threadNames(pid);
      const node = threads.get('node') ?? 0;
      const decoding = threads.has('tokio-rt-worker');
      if (baseline?.pid !== pid || !decoding) baseline = { pid, node };
      if (!decoding) throw new Error(`reader ${pid} has not decoded a page yet`);
      if (node <= baseline.node) throw new Error(`reader ${pid} has not started OCR yet (${node} node threads)`);
      return pid;
    },
    { timeout: 60_000, interval: 50 },
  );
}

describe.skipIf(!redisAnswers)('a sandboxed reader killed mid-OCR', () => {
  it('runs the job again and finishes the submission exactly once', { timeout: 150_000 }, async () => {
    const running = await services.start({ redisUrl: LOCAL_REDIS_URL, settings: { WORKER_CONCURRENCY: '1' } });
    const { config, service, queues } = running;
    const staged = path.join(running.home, 'scan.pdf');
    await copyFile(SCAN, staged);
    await rename(staged, path.join(config.inboxDir, 'office-ny-140.pdf'));

    await vi.waitFor(async () => expect(await queues.readDocument.getActiveCount()).toBe(1), { timeout: 30_000, interval: 100 });
    const pid = await readerOcring();
    const [job] = await queues.readDocument.getActive();
    expect(job?.data).toMatchObject({ fileName: 'office-ny-140.pdf' });
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(async () => expect(await alive(pid)).toBe(false), { timeout: 5_000, interval: 50 });

    const [submission] = await vi.waitFor(
      async () => {
        const listed = await service.db.listSubmissions();
        if (listed.some((s) => s.state === 'failed' || s.state === 'quarantined')) throw new Error(`gave up: ${JSON.stringify(listed)}`);
        expect(listed.map((s) => s.state)).toEqual(['packet-ready']);
        return listed;
      },
      { timeout: 90_000, interval: 250 },
    );

    // The job was tried twice (the killed attempt counts) and read by another process.
    const after = (await queues.readDocument.getJob(job!.id!))!;
    expect(await after.getState()).toBe('completed');
    expect(after.attemptsMade).toBe(2);
    expect(after.returnvalue).toMatchObject({ status: 'read', fileName: 'office-ny-140.pdf' });
    expect((after.returnvalue as { pid: number }).pid).not.toBe(pid);
    expect(await queues.readDocument.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed')).toEqual({ completed: 1, failed: 0, active: 0, wait: 0, delayed: 0 });
    expect(await queues.assemblePacket.getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });

    // One packet, one submission, and a history that reaches packet-ready once and never fails.
    const outcomes = await outcomesOf(config);
    expect(outcomes).toEqual({ packets: [submission!.packetFolder], quarantinedSubmissions: [], refusedEntries: [] });
    const json = PacketJson.parse(JSON.parse(await readFile(path.join(config.outboxDir, submission!.packetFolder!, 'submission.json'), 'utf8')));
    expect(json.outcome?.files.map((f) => [f.fileName, f.status])).toEqual([['office-ny-140.pdf', 'read']]);
    const transitions = (await service.db.events(submission!.id)).filter((e) => e.kind === 'state-changed').map((e) => e.detail.to);
    expect(transitions.filter((to) => to === 'packet-ready')).toHaveLength(1);
    expect(transitions).not.toContain('failed');
    expect(transitions.at(-1)).toBe('packet-ready');
    const record = await service.db.getSubmission(submission!.id);
    expect(record?.documents.map((d) => d.status)).toEqual(['read']);
  });
});
