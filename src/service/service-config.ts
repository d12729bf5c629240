import path from 'node:path';
import { z } from 'zod';
import type { ClearanceSettings } from '../validate/clearance/clearance-index.js';
import type { ServiceLevel } from '../review/service-level.js';

/**
 * The service's settings (`npm start`: inbox watcher, workers, web server), all from environment
 * variables. Every variable is optional; relative paths are resolved against the working directory
 * once, here, so that no later `chdir` moves a directory under the service.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A whole number from an environment string; `unit` names what it counts in the error. */
const whole = (min: number, max: number, unit = '') => {
  const error = `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, { error }).transform(Number).pipe(z.number().min(min, { error }).max(max, { error }));
};

const urlWithScheme = (schemes: readonly string[], advice: string) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}; ${advice}` },
  );

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const dayError = `must be days as ${WEEKDAYS.join(', ')}, listed with commas or as ranges (mon-fri, or sun-thu,sat)`;

/** "mon-fri", "sun-thu", "mon,wed,fri-sat": the weekdays (0 = Sunday) as a sorted list; a range may wrap the week. */
const businessDays = z.string().transform((text, ctx) => {
  const days = new Set<number>();
  for (const part of text.toLowerCase().split(',').map((p) => p.trim())) {
    const ends = part.split('-').map((d) => WEEKDAYS.indexOf(d.trim() as (typeof WEEKDAYS)[number]));
    const from = ends[0]!;
    const to = ends.at(-1)!;
    if (ends.length > 2 || from < 0 || to < 0) {
      ctx.addIssue({ code: 'custom', message: dayError });
      return z.NEVER;
    }
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
});

const clockError = 'must be opening and closing times as HH:MM-HH:MM (09:00-17:00), the opening first';
/** "09:00-17:00": minutes after midnight of the opening and the closing. */
const businessHours = z.string().transform((text, ctx) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  const opens = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  const closes = m ? Number(m[3]) * 60 + Number(m[4]) : NaN;
  if (!(opens < closes && closes <= 24 * 60)) {
    ctx.addIssue({ code: 'custom', message: clockError });
    return z.NEVER;
  }
  return { opens, closes };
});

/** An IANA zone Intl knows ("Europe/Berlin", "America/Chicago", "UTC"). */
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone such as America/New_York or UTC' },
);

const slaError = 'must be a number of business hours above 0 and at most 1000 (4, or 0.5)';

const EnvSchema = z.object({
  REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'unset it to use localhost:6379 or a private redis-server').optional(),
  DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'unset it to use SQLite in the data directory').optional(),
  ACORD_PREP_HOME: z.string().optional(),
  DATA_DIR: z.string().optional(),
  INBOX_DIR: z.string().optional(),
  OUTBOX_DIR: z.string().optional(),
  QUARANTINE_DIR: z.string().optional(),
  STORE_DIR: z.string().optional(),
  PORT: whole(1, 65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  // Behind a TLS proxy on this machine (loopback): the client's address and https come from X-Forwarded-* headers.
  TRUST_PROXY: z.enum(['yes', 'no'], { error: 'must be yes or no' }).default('no'),
  WORKER_CONCURRENCY: whole(1, 64, 'jobs').default(3),
  OCR_WORKERS: whole(1, 32, 'workers').default(2),
  // Two OCR workers peaked at 829 MB (STACK.md): a sandbox of 1 GB holds one document's OCR with room.
  SANDBOX_MEMORY_MB: whole(128, 65_536, 'MB').default(1024),
  // BullMQ reuses sandbox children forever; pdfjs and canvas leak a little per document.
  RECYCLE_AFTER_JOBS: whole(1, 100_000, 'jobs').default(50),
  SHUTDOWN_GRACE_MS: whole(0, 3_600_000, 'ms').default(30_000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SESSION_SECRET_FILE: z.string().optional(),
  USERS_FILE: z.string().optional(),
  ACORD_PREP_APPETITE: z.string().optional(),
  REVIEW_SLA_HOURS: z.string().regex(/^\d+(\.\d+)?$/, { error: slaError }).transform(Number).pipe(z.number().gt(0, { error: slaError }).max(1000, { error: slaError })).default(4),
  BUSINESS_HOURS: businessHours.default({ opens: 9 * 60, closes: 17 * 60 }),
  BUSINESS_DAYS: businessDays.default([1, 2, 3, 4, 5]),
  BUSINESS_TIMEZONE: timeZone.default('UTC'),
  CLEARANCE_WINDOW_DAYS: whole(1, 3650, 'days').default(90),
  // 18 months: last year's application, received up to a few months before the renewal's, is still found.
  RENEWAL_LOOKBACK_DAYS: whole(1, 3650, 'days').default(548),
});

/** The variables read, in the order `describeConfig` lists them. */
export const SERVICE_ENV_VARS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

/** The environment turned into settings; relative paths are resolved against `cwd`. */
const serviceConfigSchema = (cwd: string) =>
  EnvSchema.transform((e) => {
    /** The base directory: inbox, outbox, quarantine and config/ live under it. */
    const home = path.resolve(cwd, e.ACORD_PREP_HOME ?? '.');
    // The other paths are relative to the home, so that ACORD_PREP_HOME alone moves the whole service.
    const at = (value: string | undefined, fallback: string) => path.resolve(home, value ?? fallback);
    /** Where the service keeps its state: SQLite, the private Redis, the store, the session key. */
    const dataDir = at(e.DATA_DIR, 'data');
    return {
      /** Unset: find localhost:6379 or start a private redis-server (`ensureRedis`). */
      redisUrl: e.REDIS_URL,
      database: e.DATABASE_URL
        ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
        : ({ kind: 'sqlite', file: path.join(dataDir, 'acord-prep.sqlite') } as const),
      home,
      dataDir,
      inboxDir: at(e.INBOX_DIR, 'inbox'),
      outboxDir: at(e.OUTBOX_DIR, 'outbox'),
      quarantineDir: at(e.QUARANTINE_DIR, 'quarantine'),
      storeDir: at(e.STORE_DIR, path.join(dataDir, 'store')),
      port: e.PORT,
      host: e.HOST,
      /** True: X-Forwarded-For and -Proto are believed (the session cookie is Secure over the proxy's https). */
      trustProxy: e.TRUST_PROXY === 'yes',
      workerConcurrency: e.WORKER_CONCURRENCY,
      ocrWorkers: e.OCR_WORKERS,
      sandboxMemoryMb: e.SANDBOX_MEMORY_MB,
      recycleAfterJobs: e.RECYCLE_AFTER_JOBS,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      logLevel: e.LOG_LEVEL,
      sessionSecretFile: at(e.SESSION_SECRET_FILE, path.join(dataDir, 'session.key')),
      usersFile: at(e.USERS_FILE, path.join('config', 'users.json')),
      /** The carrier's appetite rule file (JSON), or null: the check runs its checklists and value rules only. */
      appetiteFile: e.ACORD_PREP_APPETITE === undefined ? null : path.resolve(home, e.ACORD_PREP_APPETITE),
      /** How long a submission may wait for its review, in business time (the queue's due column). */
      serviceLevel: { hours: e.REVIEW_SLA_HOURS, ...e.BUSINESS_HOURS, days: e.BUSINESS_DAYS, timeZone: e.BUSINESS_TIMEZONE } satisfies ServiceLevel,
      /** Clearance compares a new submission with those received this many days before it; the renewal diff looks back further. */
      clearance: { windowDays: e.CLEARANCE_WINDOW_DAYS, renewalLookbackDays: e.RENEWAL_LOOKBACK_DAYS } satisfies ClearanceSettings,
    };
  });

export type ServiceConfig = Readonly<z.output<ReturnType<typeof serviceConfigSchema>>>;

export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

/** Every problem of the environment at once, so that one restart fixes them all. */
export class ServiceConfigError extends Error {
  readonly code = 'service-config';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `The service's environment has ${problems.length} problem${problems.length === 1 ? '' : 's'}; ` +
        `fix ${problems.length === 1 ? 'it' : 'them'} and start again:\n` +
        problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n'),
    );
    this.name = 'ServiceConfigError';
  }
}

/**
 * Reads the service's settings from `env` (call it once, at start-up); throws `ServiceConfigError`
 * listing every bad variable.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServiceConfig {
  // `PORT=` in a .env file or a unit means "not set", not "the empty port".
  const given = Object.fromEntries(SERVICE_ENV_VARS.flatMap((name) => (env[name]?.trim() ? [[name, env[name]!.trim()]] : [])));
  const parsed = serviceConfigSchema(cwd).safeParse(given);
  if (!parsed.success) {
    throw new ServiceConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), problem: issue.message })),
    );
  }
  return Object.freeze(parsed.data);
}

/** A URL with its password (and a user name that may be a token) replaced, for logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "4 business hours (mon, tue, wed, thu, fri 09:00-17:00 UTC)". */
export function describeServiceLevel(level: ServiceLevel): string {
  return `${level.hours} business hour${level.hours === 1 ? '' : 's'} (${level.days.map((d) => WEEKDAYS[d]).join(', ')} ${clock(level.opens)}-${clock(level.closes)} ${level.timeZone})`;
}

/** The settings, one per line, for the start-up log: URLs without passwords, the secret by its file only. */
export function describeConfig(config: ServiceConfig): string {
  const rows: [string, string | number][] = [
    ['Redis', config.redisUrl ? redactUrl(config.redisUrl) : 'localhost:6379 or a private redis-server'],
    ['database', config.database.kind === 'postgres' ? `PostgreSQL ${redactUrl(config.database.url)}` : `SQLite ${config.database.file}`],
    ['home', config.home],
    ['data', config.dataDir],
    ['inbox', config.inboxDir],
    ['outbox', config.outboxDir],
    ['quarantine', config.quarantineDir],
    ['store', config.storeDir],
    ['web', `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`],
    ['worker concurrency', config.workerConcurrency],
    ['OCR workers', config.ocrWorkers],
    ['sandbox memory', `${config.sandboxMemoryMb} MB`],
    ['recycle sandbox after', `${config.recycleAfterJobs} jobs`],
    ['shutdown grace', `${config.shutdownGraceMs} ms`],
    ['log level', config.logLevel],
    ['session secret file', config.sessionSecretFile],
    ['users file', config.usersFile],
    ['appetite rules', config.appetiteFile ?? 'none (ACORD_PREP_APPETITE not set)'],
    ['review service level', describeServiceLevel(config.serviceLevel)],
    ['clearance window', `${config.clearance.windowDays} days`],
    ['renewal look-back', `${config.clearance.renewalLookbackDays} days`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}
