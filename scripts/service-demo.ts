/**
 * The service on the shipped samples, start to finish: starts it (Redis found or started as `npm start`
 * does; the web only when a users file exists) with its home in out/service-demo/, drops each sample folder
 * into its inbox as one folder submission, waits until each has a packet in the outbox (or was quarantined
 * or failed), prints a table and where to look, and stops the service. Exit 0 when every sample gave a
 * packet, 1 otherwise (each one that did not is named with its state).
 *
 *   npm run demo [-- --home DIR] [--samples contractor-co,office-ny-scan300]
 */
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SubmissionSummary } from '../schemas/db-records.js';
import { loadServiceConfig, type ServiceConfig } from '../src/service/service-config.js';
import type { Db } from '../src/db/db.js';
import { createLogger, type Logger } from '../src/runtime/logger.js';
import { sampleFolders, type SampleFolder } from './sample-kit/sample-folders.js';
import { openServiceQueues, unfinishedJobs } from '../workers/queues.js';
import { ensureRedis } from '../workers/redis/ensure-redis.js';
import { startService } from '../workers/start-service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.join(ROOT, 'samples');
const APPETITE = path.join(SAMPLES, 'example-carrier-appetite.json');
/** Its own Redis keys, so that a service running on the same Redis never takes the demo's jobs (nor the demo its). */
const DEMO_PREFIX = 'acord-prep-demo';
/** No sample finishing for this long means something is stuck (a scanned sample takes seconds, not minutes). */
const STALL_MS = 300_000;

export type DemoOptions = {
  /** The service's home (ACORD_PREP_HOME); its inbox, outbox, quarantine and data are emptied first. */
  home: string;
  /** Sample folder names; every sample when absent. */
  samples?: readonly string[];
  /** Redis key prefix; tests give their own. */
  prefix?: string;
  /** The environment the service reads (REDIS_URL, DATABASE_URL …); ACORD_PREP_HOME is set to `home`. */
  env?: NodeJS.ProcessEnv;
  /** The demo's and the service's lines; readable lines (pino-pretty) at info when absent. */
  log?: Logger;
};

export type DemoRow = { sample: string; state: SubmissionSummary['state'] | 'refused by the inbox' | 'not finished'; folder: string | null; seconds: number | null };

const FINAL = new Set<SubmissionSummary['state']>(['packet-ready', 'quarantined', 'failed']);
const exists = async (p: string) => (await stat(p).catch(() => null)) !== null;
const relative = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p) || '.');

/** Each sample's row: its submission of this run by source name, or the inbox's refusal, or not finished yet. */
async function rowsNow(config: ServiceConfig, db: Db, names: readonly string[], since: Date): Promise<DemoRow[]> {
  const ours = (await db.listSubmissions({ limit: 10_000 })).filter((s) => new Date(s.receivedAt) >= since);
  return Promise.all(
    names.map(async (sample): Promise<DemoRow> => {
      const s = ours.find((x) => x.source === sample);
      if (!s) {
        const refused = path.join(config.quarantineDir, sample);
        return (await exists(`${refused}.reason.txt`)) ? { sample, state: 'refused by the inbox', folder: refused, seconds: null } : { sample, state: 'not finished', folder: null, seconds: null };
      }
      if (!FINAL.has(s.state)) return { sample, state: 'not finished', folder: null, seconds: null };
      const folder = s.state === 'packet-ready' ? path.join(config.outboxDir, s.packetFolder!) : s.state === 'quarantined' ? path.join(config.quarantineDir, s.id) : null;
      return { sample, state: s.state, folder, seconds: (new Date(s.updatedAt).getTime() - new Date(s.receivedAt).getTime()) / 1000 };
    }),
  );
}

/** Runs the demo and returns each sample's row; prints what it does on `log`. */
export async function runServiceDemo(options: DemoOptions): Promise<DemoRow[]> {
  const log = options.log ?? createLogger({ logLevel: 'info' }, { pretty: true });
  const config = loadServiceConfig({ ...(options.env ?? process.env), ACORD_PREP_HOME: options.home }, process.cwd());
  const all = await sampleFolders(SAMPLES);
  const unknown = (options.samples ?? []).filter((name) => !all.some((s) => s.name === name));
  if (unknown.length) throw new Error(`no sample folder named ${unknown.join(', ')} in ${SAMPLES}; choose from ${all.map((s) => s.name).join(', ')}`);
  const chosen = options.samples ? all.filter((s) => options.samples!.includes(s.name)) : all;

  for (const dir of [config.inboxDir, config.outboxDir, config.quarantineDir, config.dataDir]) await rm(dir, { recursive: true, force: true });
  log.info(`demo: home ${relative(config.home)}: emptied its inbox/, outbox/, quarantine/ and data/ (a users file in its config/ is kept)`);
  // Staged beside the inbox, then renamed in: the inbox never sees a folder half copied.
  const staging = path.join(config.home, 'staging');
  await rm(staging, { recursive: true, force: true });
  for (const sample of chosen) {
    await mkdir(path.join(staging, sample.name), { recursive: true });
    for (const f of sample.files) await cp(path.join(SAMPLES, sample.name, f.fileName), path.join(staging, sample.name, f.fileName));
  }

  // Found (or started) here rather than inside the service, so that the demo's queues can be removed after it stops.
  const redis = await ensureRedis({ url: config.redisUrl, dataDir: config.dataDir, log });
  const prefix = options.prefix ?? DEMO_PREFIX;
  try {
    const running = loadServiceConfig({ ...(options.env ?? process.env), ACORD_PREP_HOME: options.home, REDIS_URL: redis.url }, process.cwd());
    log.info(`demo: starting the service as npm start does (Redis ${redis.how}, key prefix ${prefix}; appetite ${relative(APPETITE)})`);
    const service = await startService(running, { prefix, appetiteFile: APPETITE, log });
    const queues = openServiceQueues(redis.url, prefix);
    try {
      const rows = await dropAndWait(running, service.db, chosen, staging, log);
      await packetsSettled(queues.reassemblePacket, log);
      return rows;
    } finally {
      await service.stop();
      for (const queue of Object.values(queues)) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    }
  } finally {
    await redis.stop();
  }
}

/** Renames the staged sample folders into the inbox and waits until each has finished (or none finishes for STALL_MS). */
async function dropAndWait(config: ServiceConfig, db: Db, chosen: readonly SampleFolder[], staging: string, log: Logger): Promise<DemoRow[]> {
  // Before the first drop, less a second: receivedAt is the inbox's clock in whole milliseconds.
  const since = new Date(Date.now() - 1000);
  await mkdir(config.inboxDir, { recursive: true });
  for (const sample of chosen) await rename(path.join(staging, sample.name), path.join(config.inboxDir, sample.name));
  await rm(staging, { recursive: true, force: true });
  log.info(`demo: dropped ${chosen.length} sample folder(s), ${chosen.reduce((n, s) => n + s.files.length, 0)} file(s), into ${relative(config.inboxDir)}; waiting for each to finish`);
  const names = chosen.map((s) => s.name);
  const reported = new Set<string>();
  let lastProgress = Date.now();
  for (;;) {
    const rows = await rowsNow(config, db, names, since);
    for (const r of rows.filter((r) => r.state !== 'not finished' && !reported.has(r.sample))) {
      reported.add(r.sample);
      lastProgress = Date.now();
      log.info(`demo: ${r.sample}: ${r.state}${r.seconds === null ? '' : ` after ${r.seconds.toFixed(1)} s`} (${reported.size} of ${names.length})`);
    }
    if (reported.size === names.length) return rows;
    if (Date.now() - lastProgress > STALL_MS) {
      log.warn(`demo: no sample finished for ${STALL_MS / 1000} s; stopping with ${names.length - reported.size} not finished`);
      return rows;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Waits until no packet is waiting to be made again: a sample received before others of its insured but
 * read after them changes their clearance, and their packets are drawn again after it finished.
 */
async function packetsSettled(queue: ReturnType<typeof openServiceQueues>['reassemblePacket'], log: Logger): Promise<void> {
  const started = Date.now();
  for (;;) {
    const left = await unfinishedJobs(queue);
    if (left === 0) return;
    if (Date.now() - started > STALL_MS) return log.warn(`demo: ${left} packet(s) still to be made again after ${STALL_MS / 1000} s; stopping`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function printTable(rows: readonly DemoRow[]): void {
  const width = Math.max(...rows.map((r) => r.sample.length), 6) + 2;
  console.log(`\n${'sample'.padEnd(width)}${'state'.padEnd(22)}${'s'.padStart(6)}  folder`);
  for (const r of rows) console.log(`${r.sample.padEnd(width)}${r.state.padEnd(22)}${(r.seconds === null ? '' : r.seconds.toFixed(1)).padStart(6)}  ${r.folder ? relative(r.folder) : ''}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { home: { type: 'string' }, samples: { type: 'string' } } });
  const home = path.resolve(values.home ?? path.join(ROOT, 'out', 'service-demo'));
  const rows = await runServiceDemo({ home, ...(values.samples ? { samples: values.samples.split(',').map((s) => s.trim()).filter(Boolean) } : {}) });
  printTable(rows);
  const config = loadServiceConfig({ ...process.env, ACORD_PREP_HOME: home });
  const env = `ACORD_PREP_HOME=${relative(home)}`;
  console.log(`
Packets: ${relative(config.outboxDir)}/<insured>-<date>-<id>/ (packet.pdf, submission.json, submission.xml, broker-request.eml)
Quarantine: ${relative(config.quarantineDir)}/   Database: ${config.database.kind === 'postgres' ? 'PostgreSQL from DATABASE_URL' : relative(config.database.file)}
The service with its web pages on these submissions:
  ${env} npx acord-prep user add alice --role admin   # once: the web needs an account
  ${env} npm start                                    # then http://${config.host}:${config.port}; Ctrl-C stops it`);
  const bad = rows.filter((r) => r.state !== 'packet-ready');
  if (bad.length) console.error(`\ndemo: ${bad.length} sample(s) gave no packet: ${bad.map((r) => `${r.sample} (${r.state})`).join(', ')}${bad.some((r) => r.folder) ? '; the reasons are in their quarantine folders' : ''}`);
  process.exitCode = bad.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main().catch((err: Error) => {
    console.error(`demo: ${err.message}`);
    process.exitCode = 1;
  });
}
