import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, loadServiceConfig, ServiceConfigError } from '../src/service/service-config.js';

const cwd = path.resolve('/srv/acord');

function problemsOf(env: NodeJS.ProcessEnv): ServiceConfigError {
  try {
    loadServiceConfig(env, cwd);
  } catch (error) {
    if (error instanceof ServiceConfigError) return error;
    throw error;
  }
  throw new Error('expected a ServiceConfigError');
}

describe('loadServiceConfig', () => {
  it('gives every default under the working directory when nothing is set', () => {
    const config = loadServiceConfig({}, cwd);
    expect(config).toEqual({
      redisUrl: undefined,
      database: { kind: 'sqlite', file: path.join(cwd, 'data', 'acord-prep.sqlite') },
      home: cwd,
      dataDir: path.join(cwd, 'data'),
      inboxDir: path.join(cwd, 'inbox'),
      outboxDir: path.join(cwd, 'outbox'),
      quarantineDir: path.join(cwd, 'quarantine'),
      storeDir: path.join(cwd, 'data', 'store'),
      port: 3000,
      host: '127.0.0.1',
      trustProxy: false,
      workerConcurrency: 3,
      ocrWorkers: 2,
      sandboxMemoryMb: 1024,
      recycleAfterJobs: 50,
      shutdownGraceMs: 30_000,
      logLevel: 'info',
      sessionSecretFile: path.join(cwd, 'data', 'session.key'),
      usersFile: path.join(cwd, 'config', 'users.json'),
      appetiteFile: null,
      serviceLevel: { hours: 4, opens: 540, closes: 1020, days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
      clearance: { windowDays: 90, renewalLookbackDays: 548 },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('moves every directory with ACORD_PREP_HOME and resolves the others against it', () => {
    const config = loadServiceConfig(
      { ACORD_PREP_HOME: '../home', DATA_DIR: 'state', INBOX_DIR: '/mnt/scans', PORT: '8080', WORKER_CONCURRENCY: '4', LOG_LEVEL: 'debug' },
      cwd,
    );
    const home = path.resolve(cwd, '../home');
    expect(config.home).toBe(home);
    expect(config.dataDir).toBe(path.join(home, 'state'));
    expect(config.storeDir).toBe(path.join(home, 'state', 'store'));
    expect(config.database).toEqual({ kind: 'sqlite', file: path.join(home, 'state', 'acord-prep.sqlite') });
    expect(config.inboxDir).toBe(path.resolve('/mnt/scans'));
    expect(config.outboxDir).toBe(path.join(home, 'outbox'));
    expect(config.usersFile).toBe(path.join(home, 'config', 'users.json'));
    expect(loadServiceConfig({ ACORD_PREP_HOME: '../home', ACORD_PREP_APPETITE: 'config/carrier.json' }, cwd).appetiteFile).toBe(path.join(home, 'config', 'carrier.json'));
    expect([config.port, config.workerConcurrency, config.logLevel]).toEqual([8080, 4, 'debug']);
  });

  it('uses PostgreSQL when DATABASE_URL names one, and takes empty variables as unset', () => {
    const config = loadServiceConfig({ DATABASE_URL: 'postgres://acord@127.0.0.1:5432/test', PORT: '', REDIS_URL: '  ' }, cwd);
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://acord@127.0.0.1:5432/test' });
    expect(config.port).toBe(3000);
    expect(config.redisUrl).toBeUndefined();
  });

  it('lists every bad variable at once, each with what is wrong', () => {
    const error = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://root:pw@db/acord',
      LOG_LEVEL: 'loud',
      OCR_WORKERS: '0',
      REDIS_URL: 'localhost:6379',
      HOST: '0.0.0.0',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'OCR_WORKERS', 'PORT', 'REDIS_URL']);
    expect(error.message).toContain('5 problems');
    expect(error.message).toContain('PORT: must be a whole number from 1 to 65535');
    expect(error.message).toMatch(/DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\/; unset it to use SQLite/);
    expect(error.message).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent');
    expect(error.message).toContain('OCR_WORKERS: must be a whole number of workers from 1 to 32');
    expect(error.message).toMatch(/REDIS_URL: must be a URL starting with redis:\/\/ or rediss:\/\//);
    // The rejected URL's password is not echoed.
    expect(error.message).not.toContain('pw');
  });
});

describe('the review service level', () => {
  it('reads the hours, the business day, the days (ranges may wrap the week) and the zone', () => {
    const { serviceLevel } = loadServiceConfig({ REVIEW_SLA_HOURS: '2.5', BUSINESS_HOURS: '08:30-18:00', BUSINESS_DAYS: 'sun-thu', BUSINESS_TIMEZONE: 'Asia/Jerusalem' }, cwd);
    expect(serviceLevel).toEqual({ hours: 2.5, opens: 510, closes: 1080, days: [0, 1, 2, 3, 4], timeZone: 'Asia/Jerusalem' });
    expect(loadServiceConfig({ BUSINESS_DAYS: 'Fri-Mon, wed' }, cwd).serviceLevel.days).toEqual([0, 1, 3, 5, 6]);
  });

  it('lists every bad setting at once', () => {
    const error = problemsOf({ REVIEW_SLA_HOURS: '0', BUSINESS_HOURS: '17:00-09:00', BUSINESS_DAYS: 'mon-funday', BUSINESS_TIMEZONE: 'Mars/Olympus' });
    expect(error.problems).toEqual([
      { variable: 'REVIEW_SLA_HOURS', problem: 'must be a number of business hours above 0 and at most 1000 (4, or 0.5)' },
      { variable: 'BUSINESS_HOURS', problem: 'must be opening and closing times as HH:MM-HH:MM (09:00-17:00), the opening first' },
      { variable: 'BUSINESS_DAYS', problem: 'must be days as sun, mon, tue, wed, thu, fri, sat, listed with commas or as ranges (mon-fri, or sun-thu,sat)' },
      { variable: 'BUSINESS_TIMEZONE', problem: 'must be an IANA time zone such as America/New_York or UTC' },
    ]);
  });
});

describe('clearance settings', () => {
  it('compares with 90 days and looks 18 months back for a renewal unless told otherwise, and refuses a window of 0 days', () => {
    expect(loadServiceConfig({}, cwd).clearance).toEqual({ windowDays: 90, renewalLookbackDays: 548 });
    expect(loadServiceConfig({ CLEARANCE_WINDOW_DAYS: '30', RENEWAL_LOOKBACK_DAYS: '400' }, cwd).clearance).toEqual({ windowDays: 30, renewalLookbackDays: 400 });
    expect(problemsOf({ CLEARANCE_WINDOW_DAYS: '0' }).problems).toEqual([{ variable: 'CLEARANCE_WINDOW_DAYS', problem: 'must be a whole number of days from 1 to 3650' }]);
    expect(describeConfig(loadServiceConfig({}, cwd))).toMatch(/^clearance window +90 days\nrenewal look-back +548 days$/m);
  });
});

describe('describeConfig', () => {
  it('prints every setting without the passwords in the URLs', () => {
    const text = describeConfig(
      loadServiceConfig({ REDIS_URL: 'redis://default:s3cr3t@redis.internal:6380/2', DATABASE_URL: 'postgresql://acord:hunter2@db/acord' }, cwd),
    );
    expect(text).not.toMatch(/s3cr3t|hunter2/);
    expect(text).toMatch(/^Redis +redis:\/\/default:\*\*\*@redis\.internal:6380\/2$/m);
    expect(text).toMatch(/^database +PostgreSQL postgresql:\/\/acord:\*\*\*@db\/acord$/m);
    expect(text).toMatch(/^web +http:\/\/127\.0\.0\.1:3000$/m);
    expect(text).toContain(path.join(cwd, 'data', 'session.key'));
    expect(text).toMatch(/^appetite rules +none \(ACORD_PREP_APPETITE not set\)$/m);
    expect(text).toMatch(/^review service level +4 business hours \(mon, tue, wed, thu, fri 09:00-17:00 UTC\)$/m);
    expect(text.split('\n')).toHaveLength(21);
  });
});
