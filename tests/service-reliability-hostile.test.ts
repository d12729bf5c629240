import { readdir } from 'node:fs/promises';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it, vi } from 'vitest';
import { dropAll, outcomesOf, refusalReason, settled, LOCAL_REDIS_URL, localRedisAnswers, servicePerTest } from './support/reliability-service.js';
import { writeZip } from './support/write-zip.js';
import { xmlSubmission } from './support/xml-submissions.js';

const redisAnswers = await localRedisAnswers('hostile inbox test');
const services = servicePerTest();

/** 64 MiB of zeros deflated to about 64 KB: a ratio near 1000:1. */
const bomb = () => writeZip([{ name: 'acord-125.pdf', data: new Uint8Array(64 * 1024 * 1024) }]);

/** A small zip whose central directory says its one entry inflates to 4 GB. */
function liar(): Buffer {
  const zip = writeZip([{ name: 'acord-126.pdf', data: new TextEncoder().encode('%PDF-1.7 tiny') }]);
  const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(0xfffffff0, central + 24);
  return zip;
}

const escaping = () =>
  writeZip([
    { name: 'acord-125.xml', data: xmlSubmission(1) },
    { name: '../../etc/cron.d/evil', data: new TextEncoder().encode('* * * * * root true\n') },
  ]);

const manyAttachments = () =>
  new MailComposer({
    from: 'Broker <broker@example.com>',
    to: 'intake@example.com',
    subject: 'Submission',
    text: 'Forms attached.',
    attachments: Array.from({ length: 500 }, (_, i) => ({ filename: `page-${i + 1}.pdf`, content: Buffer.from(`%PDF-1.7 page ${i + 1}`) })),
  })
    .compile()
    .build();

describe.skipIf(!redisAnswers)('hostile entries in the inbox of a running service', () => {
  it('quarantines a zip bomb, a zip with ../ names and an e-mail with 500 attachments, each with a readable reason, and takes the good file beside them', { timeout: 90_000 }, async () => {
    const running = await services.start({ redisUrl: LOCAL_REDIS_URL });
    await dropAll(running, [
      { name: 'bomb.zip', bytes: bomb() },
      { name: 'liar.zip', bytes: liar() },
      { name: 'escape.zip', bytes: escaping() },
      { name: 'forward.eml', bytes: await manyAttachments() },
      { name: 'quote-1.xml', bytes: xmlSubmission(1) },
    ]);

    const refused = await vi.waitFor(
      async () => {
        const now = await outcomesOf(running.config);
        expect(now.refusedEntries).toHaveLength(4);
        return now.refusedEntries;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(refused).toEqual(['bomb.zip', 'escape.zip', 'forward.eml', 'liar.zip']);
    const reasons = Object.fromEntries(await Promise.all(refused.map(async (name) => [name, await refusalReason(running.config, name)] as const)));
    expect(reasons['bomb.zip']).toContain('Reason: zip-bomb');
    expect(reasons['bomb.zip']).toMatch(/entry "acord-125\.pdf" would inflate .* into 64 MB \(\d+:1, over the 100:1 allowed\); it was not unpacked/);
    expect(reasons['liar.zip']).toContain('Reason: too-large');
    expect(reasons['liar.zip']).toMatch(/entry "acord-126\.pdf" would be 4096 MB, more than the 100 MB allowed for one document/);
    expect(reasons['escape.zip']).toContain('Reason: zip-path-escape');
    expect(reasons['escape.zip']).toContain('entry "../../etc/cron.d/evil" points outside the archive');
    expect(reasons['forward.eml']).toContain('Reason: eml-too-many-attachments');
    expect(reasons['forward.eml']).toContain('has 500 attachments, more than the 100 allowed');
    for (const reason of Object.values(reasons)) expect(reason).toMatch(/was not taken from the inbox\.\nReason: [a-z-]+\n.+\nReceived: /);

    // The good file beside them became its packet; nothing was unpacked from the refused ones.
    const outcomes = await settled(running, 1, 60_000);
    expect(outcomes.packets).toHaveLength(1);
    expect(outcomes.quarantinedSubmissions).toEqual([]);
    const listed = await running.service.db.listSubmissions();
    expect(listed.map((s) => [s.source, s.state])).toEqual([['quote-1.xml', 'packet-ready']]);
    expect(await readdir(running.config.inboxDir)).toEqual([]);
    expect((await readdir(running.home, { recursive: true })).filter((p) => p.endsWith('evil') || p.includes('page-1.pdf'))).toEqual([]);
    expect(running.log.lines().filter((l) => String(l.msg).includes('refused (')).length).toBe(4);
  });
});
