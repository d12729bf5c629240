import { describe, expect, it } from 'vitest';
import { capturedLogger } from './support/captured-logger.js';

const FEIN = '26-2514907';
const SSN = '123-45-6789';
const BARE = '262514907';

describe('the service logger', () => {
  it('writes one JSON object a line with its context, and no whole FEIN or SSN anywhere in it', () => {
    const { log, lines, text } = capturedLogger();
    const job = log.child({ submissionId: 'sub-1', documentSha: 'abcdef012345', note: `named ${FEIN}` });
    job.info({ stage: 'extract', value: FEIN, nested: { list: [`ssn ${SSN}`], id: BARE } }, `read FEIN ${FEIN} and SSN ${SSN}`);
    job.error(new Error(`cannot parse tax id ${FEIN}`));
    job.warn({ err: new TypeError(`bad ${BARE}`) }, 'a failure');
    job.warn({ err: new RangeError(`no message given ${SSN}`) });
    log.info('%s was read', FEIN);

    const written = text();
    for (const whole of [FEIN, SSN, BARE, '2514907', '456789']) expect(written).not.toContain(whole);
    const [info, error, warn, warnNoMessage, interpolated] = lines();
    expect(info).toMatchObject({ level: 30, submissionId: 'sub-1', documentSha: 'abcdef012345', stage: 'extract', note: 'named **-***4907', value: '**-***4907', nested: { list: ['ssn ***-**-6789'], id: '*****4907' }, msg: 'read FEIN **-***4907 and SSN ***-**-6789' });
    expect(error).toMatchObject({ level: 50, msg: 'cannot parse tax id **-***4907', err: { type: 'Error', message: 'cannot parse tax id **-***4907' } });
    expect((error!.err as { stack: string }).stack).toContain('cannot parse tax id **-***4907');
    expect(warn).toMatchObject({ msg: 'a failure', err: { type: 'TypeError', message: 'bad *****4907' } });
    expect(warnNoMessage).toMatchObject({ msg: 'no message given ***-**-6789', err: { type: 'RangeError' } });
    expect(interpolated?.msg).toBe('**-***4907 was read');
  });

  it('leaves numbers alone: a nine-digit byte count is not a tax id, and the line stays JSON', () => {
    const { log, lines } = capturedLogger();
    log.info({ byteSize: 262_514_907, sha: 'a1b2c3' }, 'stored');
    expect(lines()[0]).toMatchObject({ byteSize: 262_514_907, msg: 'stored' });
  });

  it('masks the human-readable lines too, and keeps the level from the config', () => {
    const { log, text } = capturedLogger({ logLevel: 'warn' }, true);
    log.info(`not written ${FEIN}`);
    log.warn({ submissionId: 'sub-2', fein: FEIN, taxId: FEIN }, `inbox: ${FEIN}`);
    const written = text();
    expect(written).not.toContain('not written');
    expect(written).toContain('inbox: **-***4907');
    expect(written).toContain('sub-2');
    // One line each, the context after the message.
    expect(written.trim().split('\n')).toHaveLength(1);
    expect(written).toContain('"taxId":"**-***4907"');
    expect(written).toContain('"fein":"[redacted]"');
    expect(written).not.toContain(FEIN);
    expect(() => JSON.parse(written)).toThrow();
  });
});
