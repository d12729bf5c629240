import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { SubmissionSummary } from '../../schemas/db-records.js';
import { freePort } from '../../src/runtime/free-port.js';
import { sampleFolders, type SampleFolder } from '../../scripts/sample-kit/sample-folders.js';
import { addUser } from '../../src/users/add-user.js';
import type { UserRole } from '../../src/users/users-file.js';
import { ensureRedis, type EnsuredRedis } from '../../workers/redis/ensure-redis.js';
import { launchChromium, newContext } from './browser.js';
import { startTestService, type TestService } from './reliability-service.js';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
/** The invented carrier's rules: appetite flags and verdicts beside the checklist's. */
export const SAMPLE_APPETITE = path.join(SAMPLES, 'example-carrier-appetite.json');
/** A flattened sample is read in seconds; this much without its packet means the pipeline is stuck. */
const PACKET_WAIT_MS = 180_000;

export type BrowserUser = { name: string; role: UserRole; password: string };

/** One account per role, in the users file of every browser-test service. */
export const BROWSER_USERS = {
  admin: { name: 'ada.admin', role: 'admin', password: 'ada has a long password' },
  assistant: { name: 'ann.assistant', role: 'assistant', password: 'ann has a long password' },
  underwriter: { name: 'uma.underwriter', role: 'underwriter', password: 'uma has a long password' },
} as const satisfies Record<UserRole, BrowserUser>;

export type BrowserService = {
  /** The web server's address (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** The first sample's submission, `packet-ready` (read, checked, its packet in the outbox). */
  readonly submission: SubmissionSummary;
  /** Each sample's submission, in the order the samples were given. */
  readonly submissions: SubmissionSummary[];
  readonly test: TestService;
  /** Stops the service and a private Redis, removes its home, users file and queues. Safe to call twice. */
  dispose(): Promise<void>;
};

/** The states a submission stops in until someone acts. */
const SETTLED = new Set<SubmissionSummary['state']>(['packet-ready', 'quarantined', 'failed']);

/**
 * `npm start` as a user runs it, for the browser: the real service (inbox, workers, web) on a free port of
 * 127.0.0.1, on the machine's Redis (or a private redis-server: ensureRedis), with the example appetite
 * rules and a users file holding BROWSER_USERS; each sample folder (samples/<sample>/) dropped into the
 * inbox and waited for until its packet is ready. Throws, with the service's last log lines, when a sample
 * does not get there.
 */
export async function startBrowserService(first: string, ...more: string[]): Promise<BrowserService> {
  const all = await sampleFolders(SAMPLES);
  const samples = [first, ...more];
  const unknown = samples.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length) throw new Error(`no sample folder ${unknown.map((n) => `samples/${n}`).join(', ')}: choose among ${all.map((s) => s.name).join(', ')}`);
  const scratch = await mkdtemp(path.join(tmpdir(), 'acord-browser-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(scratch, { recursive: true, force: true })];
  const dispose = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const usersFile = path.join(scratch, 'users.json');
    for (const user of Object.values(BROWSER_USERS)) await addUser(usersFile, user);
    const quiet = { info: () => {}, warn: (message: string) => console.warn(`browser service: ${message}`) };
    const redis: EnsuredRedis = await ensureRedis({ url: process.env.REDIS_URL, dataDir: path.join(scratch, 'redis'), log: quiet });
    cleanups.push(() => redis.stop());
    const test = await startTestService({
      redisUrl: redis.url,
      settings: { PORT: String(await freePort()), USERS_FILE: usersFile, ACORD_PREP_APPETITE: SAMPLE_APPETITE },
    });
    cleanups.push(() => test.dispose());
    const url = test.service.url;
    if (!url) throw new Error(`the web server did not start:\n${test.log.text().slice(-4000)}`);

    // Staged beside the inbox and renamed in whole: the inbox never sees a folder half copied.
    const folders = samples.map((name) => all.find((s) => s.name === name) as SampleFolder);
    for (const folder of folders) {
      const staged = path.join(test.home, 'staging', folder.name);
      await mkdir(staged, { recursive: true });
      for (const f of folder.files) await writeFile(path.join(staged, f.fileName), f.bytes);
      await rename(staged, path.join(test.config.inboxDir, folder.name));
    }
    const submissions: SubmissionSummary[] = [];
    for (const sample of samples) {
      const submission = await settledSubmission(test, sample);
      if (submission.state !== 'packet-ready') throw new Error(`samples/${sample} ended ${submission.state}, not packet-ready:\n${test.log.text().slice(-4000)}`);
      submissions.push(submission);
    }
    return { url, submission: submissions[0]!, submissions, test, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** The submission of the folder `source` once it has settled, polled from the database. */
async function settledSubmission(test: TestService, source: string): Promise<SubmissionSummary> {
  const deadline = Date.now() + PACKET_WAIT_MS;
  for (;;) {
    const found = (await test.service.db.listSubmissions({ limit: 1000 })).find((s) => s.source === source);
    if (found && SETTLED.has(found.state)) return found;
    if (Date.now() > deadline) {
      throw new Error(`samples/${source} is ${found ? found.state : 'not even received'} after ${PACKET_WAIT_MS / 1000} s:\n${test.log.text().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The service on `samples` and a Chromium for the test file that calls this at its top: started before its
 * tests, one after the other (should the second fail, the first is still stopped), and stopped after them
 * with every browser context `freshContext` opened.
 */
export function browserFixture(first: string, ...more: string[]) {
  let service: BrowserService | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    service = await startBrowserService(first, ...more);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser?.close();
    await service?.dispose();
  }, 60_000);
  return {
    get service(): BrowserService {
      return service!;
    },
    /** A browser context of its own (its own cookies), closed after the file. */
    async freshContext(): Promise<BrowserContext> {
      const context = await newContext(browser!, service!.url);
      contexts.push(context);
      return context;
    },
  };
}
