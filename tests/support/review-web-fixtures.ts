import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Rect } from '../../schemas/field.js';
import { loadAppetiteRules } from '../../src/validate/appetite/load-appetite-rules.js';
import { checkWithAppetite } from '../../src/validate/check/check-with-appetite.js';
import { loadServiceConfig, type ServiceConfig } from '../../src/service/service-config.js';
import { DatabaseError } from '../../src/db/database-error.js';
import type { Db } from '../../src/db/db.js';
import { openDatabase } from '../../src/db/open-database.js';
import { extractSubmission } from '../../src/read/extract/extract-submission.js';
import type { PageImage, PageImageSource } from '../../src/review/page-image-source.js';
import { ReviewError, type ClearanceDecision, type FlagDecision, type ReviewOperations, type Reviewer, type ReviewResult, type ValueEdit } from '../../src/review/review-operations.js';
import type { Logger } from '../../src/runtime/logger.js';
import { sha256Of } from '../../src/store/content-store.js';
import { hashPassword } from '../../src/users/password-hash.js';
import { readUsersFile, writeUsersFile } from '../../src/users/users-file.js';
import { buildServer } from '../../src/web/build-server.js';
import { getAtPath } from '../../src/model/model-path.js';

/** A real 1×1 PNG: what the page source answers (the server passes the bytes on as they are). */
export const TINY_PNG = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
/** The day the samples' effective dates are judged against: before them, as in the other tests. */
export const SAMPLE_TODAY = new Date('2025-08-20T00:00:00Z');

/**
 * A real sample's files read and checked (with the example carrier's appetite) into `db`, as the
 * workers store them, then published: `packet-ready`, its packet folder under `outboxDir` holding the
 * three files the underwriter downloads (their text says which submission they belong to).
 */
export async function storeSample(db: Db, sample: string, fileNames: readonly string[], outboxDir: string, receivedAt = new Date()): Promise<{ id: string; shas: Record<string, string> }> {
  const files = await Promise.all(fileNames.map(async (fileName) => ({ fileName, bytes: new Uint8Array(await readFile(path.join(SAMPLES, sample, fileName))) })));
  const { id } = await db.createSubmission({ source: `${sample}@broker.example`, receivedAt, actor: 'test' });
  const shas: Record<string, string> = {};
  for (const f of files) {
    shas[f.fileName] = sha256Of(f.bytes);
    await db.addDocument(id, { sha256: shas[f.fileName]!, fileName: f.fileName, byteSize: f.bytes.byteLength, storePath: `/store/${shas[f.fileName]}` }, 'test');
  }
  const { submission, outcome } = await extractSubmission(files);
  await db.saveExtraction(id, submission, outcome, 'test');
  const rules = await loadAppetiteRules(path.join(SAMPLES, 'example-carrier-appetite.json'));
  await db.saveCheck(id, checkWithAppetite(submission, outcome, { today: SAMPLE_TODAY, appetiteRules: rules }), 'test');
  const folder = `${sample}-${id.slice(0, 8)}`;
  await mkdir(path.join(outboxDir, folder), { recursive: true });
  for (const name of ['packet.pdf', 'submission.json', 'submission.xml']) await writeFile(path.join(outboxDir, folder, name), `${name} of ${id}\n`);
  await db.setState(id, 'packet-ready', { actor: 'test', packetFolder: folder });
  return { id, shas };
}

type Call = { method: keyof ReviewOperations; submissionId: string; args: unknown[]; by: Reviewer };

/**
 * The review desk as the web server calls it, recording each call. Decisions are stored for real (the
 * page then shows them), a clearance override too; an edit sets the flag `corrected`; `refuseNext` makes the next call fail with
 * a desk refusal, as the real desk refuses a bad value or a wrong state.
 */
export class RecordingDesk implements ReviewOperations {
  readonly calls: Call[] = [];
  refuseNext: ReviewError | null = null;

  constructor(private readonly db: Db) {}

  private async step(method: Call['method'], submissionId: string, args: unknown[], by: Reviewer): Promise<void> {
    this.calls.push({ method, submissionId, args, by });
    const refusal = this.refuseNext;
    this.refuseNext = null;
    if (refusal) throw refusal;
    if (!(await this.db.getSubmission(submissionId))) throw new ReviewError('not-found', `There is no submission ${submissionId}.`);
  }

  private async result(submissionId: string): Promise<ReviewResult> {
    return { record: (await this.db.getSubmission(submissionId))!, reassembling: false };
  }

  private async resolve(submissionId: string, flagId: string, resolution: Parameters<Db['resolveFlag']>[2]): Promise<void> {
    try {
      await this.db.resolveFlag(submissionId, flagId, resolution);
    } catch (err) {
      if (err instanceof DatabaseError) throw new ReviewError('not-found', err.message);
      throw err;
    }
  }

  async decideFlag(submissionId: string, flagId: string, decision: FlagDecision, by: Reviewer): Promise<ReviewResult> {
    await this.step('decideFlag', submissionId, [flagId, decision], by);
    await this.resolve(submissionId, flagId, { action: decision.action, by: by.name, at: new Date().toISOString(), ...(decision.note ? { note: decision.note } : {}) });
    return this.result(submissionId);
  }

  async editValue(submissionId: string, edit: ValueEdit, by: Reviewer): Promise<ReviewResult> {
    await this.step('editValue', submissionId, [edit], by);
    if (edit.flagId) await this.resolve(submissionId, edit.flagId, { action: 'corrected', by: by.name, at: new Date().toISOString(), value: edit.text, ...(edit.reason ? { note: edit.reason } : {}) });
    return this.result(submissionId);
  }

  async sendToUnderwriter(submissionId: string, by: Reviewer): Promise<ReviewResult> {
    await this.step('sendToUnderwriter', submissionId, [], by);
    await this.db.setState(submissionId, 'ready-for-underwriter', { actor: by.name });
    return this.result(submissionId);
  }

  async markTaken(submissionId: string, by: Reviewer) {
    await this.step('markTaken', submissionId, [], by);
    return this.db.setState(submissionId, 'taken', { actor: by.name });
  }

  async overrideClearance(submissionId: string, decision: ClearanceDecision, by: Reviewer): Promise<ReviewResult> {
    await this.step('overrideClearance', submissionId, [decision], by);
    await this.db.saveClearanceOverride(submissionId, { ...decision, by: by.name, at: new Date().toISOString() });
    return this.result(submissionId);
  }

  async revealTaxId(submissionId: string, path: string, by: Reviewer): Promise<string> {
    await this.step('revealTaxId', submissionId, [path], by);
    const leaf = getAtPath((await this.db.getSubmission(submissionId))!.submission, path) as { value?: unknown } | undefined;
    if (typeof leaf?.value !== 'string') throw new ReviewError('not-found', `There is no tax id at ${path}.`);
    return leaf.value;
  }
}

/** Page images as the server asks for them, recorded: each answer is a small PNG and a US Letter page. */
export class RecordingPages implements PageImageSource {
  readonly calls: { kind: 'page' | 'crop'; sha256: string; page: number; rect?: Rect; mask: readonly Rect[] }[] = [];

  async page(sha256: string, page: number, mask: readonly Rect[]): Promise<PageImage> {
    this.calls.push({ kind: 'page', sha256, page, mask });
    return { png: TINY_PNG, widthPt: 612, heightPt: 792 };
  }

  async crop(sha256: string, page: number, rect: Rect, mask: readonly Rect[]): Promise<Uint8Array> {
    this.calls.push({ kind: 'crop', sha256, page, rect, mask });
    return TINY_PNG;
  }
}

/**
 * A browser's session against an injected server: it keeps the cookies each answer sets and the CSRF
 * token of the last page (the `csrf-token` meta element or a form's `_csrf` field).
 */
export class WebClient {
  readonly jar: Record<string, string> = {};
  csrf = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  /** A session logged in as `name` (one log-in: the form allows five tries a minute per address and name). */
  static async login(app: FastifyInstance, name: string, password: string, remoteAddress = '127.0.0.1'): Promise<WebClient> {
    const client = new WebClient(app, remoteAddress);
    await client.get('/login');
    const res = await client.postForm('/login', { name, password });
    if (res.statusCode !== 303) throw new Error(`log-in as ${name} answered ${res.statusCode}: ${res.body}`);
    await client.get(res.headers.location as string);
    return client;
  }

  private cookie(): string {
    return Object.entries(this.jar).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  private absorb(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) this.jar[c.name] = c.value;
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(res.body)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.absorb(await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { cookie: this.cookie() } }));
  }

  /** A script's POST: a JSON body, the token in `x-csrf-token` unless `csrf: false`. */
  async postJson(url: string, body: unknown, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: this.cookie(), 'content-type': 'application/json' };
    if (options.csrf !== false) headers['x-csrf-token'] = this.csrf;
    return this.absorb(await this.app.inject({ method: 'POST', url, remoteAddress: this.remoteAddress, headers, payload: JSON.stringify(body) }));
  }

  /** A form's POST (url-encoded, as a browser sends it), its token in `_csrf` unless `csrf: false`. */
  async postForm(url: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams(options.csrf === false ? fields : { _csrf: this.csrf, ...fields }).toString();
    const headers = { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' };
    return this.absorb(await this.app.inject({ method: 'POST', url, remoteAddress: this.remoteAddress, headers, payload }));
  }
}

/** The three accounts of a review-web test: an admin, an assistant and an underwriter. */
export const PASSWORDS = { ada: 'ada has a long password', andy: 'andy has a long password', uma: 'uma has a long password' };

export type ReviewWeb = { home: string; config: ServiceConfig; db: Db; app: FastifyInstance; desk: RecordingDesk; pages: RecordingPages; assistant: WebClient; underwriter: WebClient; admin: WebClient };

/**
 * The web server for the test file that calls this at its top: a fresh home and SQLite database that `stock`
 * fills, the three accounts, the recording desk and page source, and a logged-in client per role; built
 * before the file's tests, closed and removed after them. `current()` gives them once built.
 */
export function reviewWebFixture(prefix: string, stock: (web: { home: string; config: ServiceConfig; db: Db }) => Promise<void>, log?: Logger): { current(): ReviewWeb } {
  let web: ReviewWeb | undefined;
  let home: string | undefined;
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), prefix));
    const config = loadServiceConfig({ ACORD_PREP_HOME: home, LOG_LEVEL: 'silent' }, home);
    db = await openDatabase({ dataDir: config.dataDir });
    await stock({ home, config, db });
    await writeUsersFile(config.usersFile, {
      users: [
        { name: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORDS.ada) },
        { name: 'andy', role: 'assistant', passwordHash: await hashPassword(PASSWORDS.andy) },
        { name: 'uma', role: 'underwriter', passwordHash: await hashPassword(PASSWORDS.uma) },
      ],
    });
    const desk = new RecordingDesk(db);
    const pages = new RecordingPages();
    app = await buildServer({ config, db, users: await readUsersFile(config.usersFile), desk, pages, ...(log ? { log } : {}) });
    const [assistant, underwriter, admin] = [await WebClient.login(app, 'andy', PASSWORDS.andy), await WebClient.login(app, 'uma', PASSWORDS.uma), await WebClient.login(app, 'ada', PASSWORDS.ada)];
    web = { home, config, db, app, desk, pages, assistant, underwriter, admin };
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });
  return { current: () => web! };
}
