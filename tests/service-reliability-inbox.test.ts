import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../src/store/content-store.js';
import { dropAll, finishedOnce, outcomesOf, settled, LOCAL_REDIS_URL, localRedisAnswers, servicePerTest } from './support/reliability-service.js';
import { xmlSubmission } from './support/xml-submissions.js';

const redisAnswers = await localRedisAnswers('inbox reliability tests');
const services = servicePerTest();

/** A file that says it is a PDF and is not one: the reader refuses it (pdf-corrupt). */
const CORRUPT = new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage garbage\n%%EOF\n');

describe.skipIf(!redisAnswers)('the inbox of a running service', () => {
  it('never takes a file while it is still being written', { timeout: 90_000 }, async () => {
    // Stable means unchanged for 1 s; the copy below adds a chunk every 250 ms for about 4 s.
    const running = await services.start({ redisUrl: LOCAL_REDIS_URL, inbox: { stableMs: 1_000, groupWindowMs: 300, rescanMs: 2_000 } });
    const bytes = await readFile(path.resolve('samples/contractor-co/acord-125.pdf'));
    const target = path.join(running.config.inboxDir, 'acord-125.pdf');
    const chunks = 16;
    const size = Math.ceil(bytes.byteLength / chunks);
    const file = await open(target, 'w');
    try {
      for (let at = 0; at < bytes.byteLength; at += size) {
        await file.write(bytes.subarray(at, at + size));
        await file.datasync();
        await sleep(250);
      }
    } finally {
      await file.close();
    }

    await settled(running, 1, 60_000);
    const listed = await running.service.db.listSubmissions();
    expect(listed).toHaveLength(1);
    const record = await running.service.db.getSubmission(listed[0]!.id);
    expect(record?.documents.map((d) => [d.fileName, d.sha256, d.status])).toEqual([['acord-125.pdf', sha256Of(bytes), 'read']]);
    expect(record?.state).toBe('packet-ready');
    expect(await outcomesOf(running.config)).toMatchObject({ quarantinedSubmissions: [], refusedEntries: [] });
  });

  it('quarantines a corrupt file dropped with good ones, with a report, and makes the good ones their packets', { timeout: 90_000 }, async () => {
    const running = await services.start({ redisUrl: LOCAL_REDIS_URL });
    await dropAll(running, [{ name: 'broken.pdf', bytes: CORRUPT }, ...[1, 2, 3].map((n) => ({ name: `quote-${n}.xml`, bytes: xmlSubmission(n) }))]);

    const outcomes = await settled(running, 4, 60_000);
    expect(outcomes.packets).toHaveLength(3);
    expect(outcomes.quarantinedSubmissions).toHaveLength(1);
    const [quarantined] = outcomes.quarantinedSubmissions;
    const folder = path.join(running.config.quarantineDir, quarantined!);
    expect((await readdir(folder)).sort()).toEqual(['broken.pdf', 'report.txt']);
    const report = await readFile(path.join(folder, 'report.txt'), 'utf8');
    expect(report).toContain('broken.pdf');
    expect(report).toContain('error: pdf-corrupt');
    const listed = await running.service.db.listSubmissions();
    expect(listed.map((s) => [s.source, s.state]).sort()).toEqual([
      ['broken.pdf', 'quarantined'],
      ['quote-1.xml', 'packet-ready'],
      ['quote-2.xml', 'packet-ready'],
      ['quote-3.xml', 'packet-ready'],
    ]);
    expect(await readdir(running.config.inboxDir)).toEqual([]);
    await finishedOnce(running);
  });
});
