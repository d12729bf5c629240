import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { dropAll, finishedOnce, outcomesOf, settled, LOCAL_REDIS_URL, localRedisAnswers, servicePerTest } from './support/reliability-service.js';
import { xmlSubmission } from './support/xml-submissions.js';

const redisAnswers = await localRedisAnswers('inbox burst test');
const services = servicePerTest();

describe.skipIf(!redisAnswers)('a burst into the inbox of a running service', () => {
  it('gives 100 files dropped at once exactly 100 outcomes: none lost, none twice', { timeout: 150_000 }, async () => {
    const running = await services.start({ redisUrl: LOCAL_REDIS_URL });
    // Small ACORD XML quote requests, each naming an insured of its own: 100 submissions, read in milliseconds.
    const files = Array.from({ length: 100 }, (_, i) => ({ name: `quote-${String(i + 1).padStart(3, '0')}.xml`, bytes: xmlSubmission(i + 1) }));
    const started = performance.now();
    await dropAll(running, files);

    const outcomes = await settled(running, 100, 120_000);
    console.info(`inbox burst: 100 XML files dropped at once → 100 packets in ${Math.round(performance.now() - started)} ms`);
    // A little longer: a submission taken twice would show up now.
    await sleep(1_000);
    expect(await outcomesOf(running.config)).toEqual(outcomes);
    expect(outcomes.packets).toHaveLength(100);
    expect(outcomes.quarantinedSubmissions).toEqual([]);
    expect(outcomes.refusedEntries).toEqual([]);
    const listed = await running.service.db.listSubmissions({ limit: 1000 });
    expect(listed.map((s) => s.source).sort()).toEqual(files.map((f) => f.name));
    expect(new Set(listed.map((s) => s.state))).toEqual(new Set(['packet-ready']));
    expect(new Set(listed.map((s) => s.packetFolder))).toEqual(new Set(outcomes.packets));
    expect(await readdir(running.config.inboxDir)).toEqual([]);
    await finishedOnce(running);
  });
});
