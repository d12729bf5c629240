import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { DocumentRecord, QueueRow, StoredCheckReport, type EventKind, type SubmissionRecord, type SubmissionEvent, SubmissionState, type SubmissionSummary } from '../../schemas/db-records.js';
import { AppetiteVerdict, CheckReport, LineOfBusiness } from '../../schemas/check-report.js';
import { ClearanceResult, effectiveClearance, firstComplete, type ClearanceOverride } from '../../schemas/clearance.js';
import { ExtractionOutcome } from '../../schemas/extraction-outcome.js';
import { FlagResolution, type Flag } from '../../schemas/flag.js';
import { Submission, type DocumentRef } from '../../schemas/submission.js';
import { maskTaxIds } from '../model/mask-tax-id.js';
import { carryResolutions, readyToQuote } from '../validate/check/carry-resolutions.js';
import { maskForPrint } from '../model/mask-for-print.js';
import { leafText } from '../model/leaf-text.js';
import type { PlannedEdit } from '../review/edit-value.js';
import { DatabaseError } from './database-error.js';
import type { Database, Dialect } from './database-tables.js';
import { maskDetail, maskOutcome, maskResolution, storedTextMask } from './mask-stored-text.js';
import { SUMMARY_COLUMNS, flagRow, parseJsonColumn, toDocument, toEvent, toFlag, toSummary } from './stored-rows.js';

export type NewSubmission = {
  /** Defaults to a random UUID. */
  id?: string;
  /** How it came in: an e-mail sender, an inbox file name. */
  source: string;
  receivedAt?: Date;
  actor: string;
};

export type NewDocument = {
  sha256: string;
  fileName: string;
  byteSize: number;
  storePath: string;
  kind?: DocumentRef['kind'];
};

export type StateChange = {
  actor: string;
  /** Said in the event beside `from` and `to` (a reason, an error code); tax ids in it are masked. */
  detail?: Record<string, unknown>;
  packetFolder?: string;
  duplicateOf?: string;
};

/** Who changed a value at the review desk, and why; `flagId` when the change answers a flag. */
export type ValueEditMeta = { actor: string; reason?: string; flagId?: string };

/** Changes a reviewer makes are refused (DatabaseError `wrong-state`) unless the submission is in one of these. */
export type StateGuard = { onlyIn?: readonly SubmissionState[] };

/** What a queue row needs of the stored report: read without parsing its checklist. */
const QueueReport = z.object({ lines: z.array(LineOfBusiness), appetite: AppetiteVerdict.pick({ decision: true }).nullable() });

/** Flags are written this many rows to a statement: PostgreSQL takes at most 65,535 parameters. */
const FLAG_ROWS_PER_INSERT = 500;

const now = () => new Date().toISOString();


/** The last four digits of the first named insured's tax id: all of it the columns may hold. */
function taxIdLast4(submission: Submission): string | null {
  const digits = leafText(submission.namedInsureds?.[0]?.taxIdentifier)?.replace(/\D/g, '');
  return digits && digits.length >= 4 ? digits.slice(-4) : null;
}

/** The columns lists show, as the submission says them, and the submission itself. */
const submissionColumns = (sub: Submission) => ({
  insured_name: leafText(sub.namedInsureds?.[0]?.fullName) ?? null,
  fein_last4: taxIdLast4(sub),
  effective_date: leafText(sub.policy?.effectiveDate) ?? null,
  broker_name: leafText(sub.producer?.fullName) ?? null,
  submission_json: JSON.stringify(sub),
});

/**
 * Submissions, their documents, flags and audit log, for the workers, the CLI and the web. Every change is
 * one transaction that appends its event; writes to one submission are serialized (its row is locked), so
 * concurrent callers lose neither a change nor an event. A whole tax id is kept only in submission_json.
 */
export class Db {
  constructor(
    readonly kysely: Kysely<Database>,
    readonly dialect: Dialect,
    private readonly where: string,
  ) {}

  /** "SQLite at data/acord-prep.sqlite" or "PostgreSQL at host:port/db". */
  describe(): string {
    return this.where;
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }

  async createSubmission(input: NewSubmission): Promise<SubmissionSummary> {
    const id = input.id ?? randomUUID();
    const at = (input.receivedAt ?? new Date()).toISOString();
    return this.kysely.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('submissions')
        .values({ id, state: 'received', source: input.source, received_at: at, updated_at: at, insured_name: null, fein_last4: null, effective_date: null, broker_name: null, packet_folder: null, submission_json: null, report_json: null, outcome_json: null, duplicate_of: null })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning(SUMMARY_COLUMNS)
        .executeTakeFirst();
      if (!row) throw new DatabaseError('exists', `${this.where}: a submission with id ${id} is already stored; give another id, or leave it out for a new one`);
      await appendEvent(trx, id, 'received', { source: input.source }, input.actor, at);
      return toSummary(row);
    });
  }

  /** Records one stored file of a submission; false (and no event) when the same bytes are already in it. */
  async addDocument(submissionId: string, doc: NewDocument, actor: string): Promise<boolean> {
    DocumentRecord.pick({ sha256: true, byteSize: true }).parse(doc);
    return this.kysely.transaction().execute(async (trx) => {
      await this.lock(trx, submissionId);
      const added = await trx
        .insertInto('documents')
        .values({ submission_id: submissionId, sha256: doc.sha256, file_name: doc.fileName, byte_size: doc.byteSize, store_path: doc.storePath, kind: doc.kind ?? null, status: 'stored', error_code: null, error_message: null, error_retryable: null })
        .onConflict((oc) => oc.columns(['submission_id', 'sha256']).doNothing())
        .executeTakeFirst();
      if (!added.numInsertedOrUpdatedRows) return false;
      await appendEvent(trx, submissionId, 'document-added', { sha256: doc.sha256, fileName: doc.fileName, byteSize: doc.byteSize }, actor);
      return true;
    });
  }

  /** The first submission (not itself a duplicate) holding these bytes: the one a new copy duplicates. */
  async findSubmissionByDocument(sha256: string, options: { excluding?: string } = {}): Promise<SubmissionSummary | null> {
    const row = await this.kysely
      .selectFrom('submissions')
      .innerJoin('documents', 'documents.submission_id', 'submissions.id')
      .select(SUMMARY_COLUMNS.map((c) => `submissions.${c}` as const))
      .where('documents.sha256', '=', sha256)
      .where('submissions.state', '!=', 'duplicate')
      .$if(options.excluding !== undefined, (q) => q.where('submissions.id', '!=', options.excluding!))
      .orderBy('submissions.received_at')
      .orderBy('submissions.id')
      .limit(1)
      .executeTakeFirst();
    return row ? toSummary(row) : null;
  }

  /**
   * Remembers the inbox's key of the entry a submission was made of (an original's sha256, or the hash of a
   * folder's, zip's or group's originals), once the submission is queued; a key kept already (two
   * processes took the same entry at once) stays the first submission's.
   */
  async recordIntakeKey(key: string, submissionId: string): Promise<void> {
    await this.kysely.insertInto('intake_keys').values({ key, submission_id: submissionId, taken_at: now() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  }

  /** The submission the inbox made of an entry with this key, or null when none was recorded with it. */
  async findSubmissionByIntakeKey(key: string): Promise<SubmissionSummary | null> {
    const row = await this.kysely
      .selectFrom('submissions')
      .innerJoin('intake_keys', 'intake_keys.submission_id', 'submissions.id')
      .select(SUMMARY_COLUMNS.map((c) => `submissions.${c}` as const))
      .where('intake_keys.key', '=', key)
      .executeTakeFirst();
    return row ? toSummary(row) : null;
  }

  async setState(submissionId: string, state: SubmissionState, change: StateChange): Promise<SubmissionSummary> {
    // Without a `from` to match, the state always changes.
    return (await this.changeState(submissionId, null, state, change))!;
  }

  /**
   * The state moved to `to` only when it is `from` (the first of a submission's reads marks it `reading`;
   * the others find it so): the summary, or null, and no event, when it was in another state.
   */
  async advanceState(submissionId: string, from: SubmissionState, to: SubmissionState, change: StateChange): Promise<SubmissionSummary | null> {
    return this.changeState(submissionId, SubmissionState.parse(from), to, change);
  }

  private async changeState(submissionId: string, from: SubmissionState | null, state: SubmissionState, change: StateChange): Promise<SubmissionSummary | null> {
    SubmissionState.parse(state);
    return this.kysely.transaction().execute(async (trx) => {
      const before = await this.lock(trx, submissionId);
      if (from !== null && before.state !== from) return null;
      const at = now();
      const row = await trx
        .updateTable('submissions')
        .set({ state, updated_at: at, ...(change.packetFolder === undefined ? {} : { packet_folder: change.packetFolder }), ...(change.duplicateOf === undefined ? {} : { duplicate_of: change.duplicateOf }) })
        .where('id', '=', submissionId)
        .returning(SUMMARY_COLUMNS)
        .executeTakeFirstOrThrow();
      const extra = { ...(change.packetFolder === undefined ? {} : { packetFolder: change.packetFolder }), ...(change.duplicateOf === undefined ? {} : { duplicateOf: change.duplicateOf }) };
      // A caller's detail (an error message) may quote a value read from the forms; the submission's own ids
      // are not loaded for a state change, so only the written shapes of a tax id are masked here.
      const detail = maskDetail(change.detail ?? {}, storedTextMask(null));
      await appendEvent(trx, submissionId, 'state-changed', { ...detail, ...extra, from: before.state, to: state }, change.actor, at);
      return toSummary(row);
    });
  }

  /** Stores what extraction made of the files: the submission, the outcome, and each document's status. */
  async saveExtraction(submissionId: string, submission: Submission, outcome: ExtractionOutcome, actor: string): Promise<void> {
    const sub = Submission.parse(submission);
    const stored = maskOutcome(ExtractionOutcome.parse(outcome), storedTextMask(sub));
    const kinds = new Map(sub.documents.map((d) => [d.id, d.kind]));
    await this.kysely.transaction().execute(async (trx) => {
      await this.lock(trx, submissionId);
      const at = now();
      await trx
        .updateTable('submissions')
        .set({ ...submissionColumns(sub), outcome_json: JSON.stringify(stored), updated_at: at })
        .where('id', '=', submissionId)
        .execute();
      // A file repeating another's bytes has no row of its own: the first file's row holds its status.
      for (const file of stored.files.filter((f) => f.status !== 'duplicate')) {
        await trx
          .updateTable('documents')
          .set({
            status: file.status,
            kind: (file.document && kinds.get(file.document)) ?? null,
            error_code: file.error?.code ?? null,
            error_message: file.error?.message ?? null,
            error_retryable: file.error ? Number(file.error.retryable) : null,
          })
          .where('submission_id', '=', submissionId)
          // A file that could not be opened has no document id in the outcome: its name finds it.
          .where((eb) => (file.document ? eb('sha256', '=', file.document) : eb('file_name', '=', file.fileName)))
          .execute();
      }
      await appendEvent(trx, submissionId, 'extraction-saved', { status: stored.status, files: stored.files.map((f) => ({ fileName: f.fileName, status: f.status })) }, actor, at);
    });
  }

  /**
   * Stores a check's report and replaces the submission's flags. A flag raised again under the same id keeps
   * its reviewer's resolution; resolutions of flags no longer raised go with them (the event names them).
   */
  async saveCheck(submissionId: string, report: CheckReport, actor: string): Promise<void> {
    const parsed = CheckReport.parse(report);
    await this.kysely.transaction().execute(async (trx) => {
      await this.lock(trx, submissionId);
      await this.writeCheck(trx, submissionId, await this.checkedSubmission(trx, submissionId), parsed, actor);
    });
  }

  /**
   * Checks the stored submission again and saves the report as saveCheck does, in one transaction: a
   * reviewer's change made meanwhile is never checked in an older form. `check` is given the flags the
   * reviewers decided, which the report keeps. Returns the report as stored.
   */
  async recheck(submissionId: string, check: (submission: Submission, outcome: ExtractionOutcome | null, reviewed: readonly Flag[]) => CheckReport, actor: string): Promise<CheckReport> {
    return this.kysely.transaction().execute(async (trx) => {
      await this.lock(trx, submissionId);
      const submission = await this.checkedSubmission(trx, submissionId);
      const row = await trx.selectFrom('submissions').select('outcome_json').where('id', '=', submissionId).executeTakeFirstOrThrow();
      const outcome = parseJsonColumn(ExtractionOutcome, row.outcome_json, `submission ${submissionId} (outcome_json)`);
      const reviewed = await this.resolvedFlags(trx, submissionId);
      return this.writeCheck(trx, submissionId, submission, CheckReport.parse(check(submission, outcome, reviewed)), actor, reviewed);
    });
  }

  private async resolvedFlags(trx: Transaction<Database>, submissionId: string): Promise<Flag[]> {
    return (await trx.selectFrom('flags').selectAll().where('submission_id', '=', submissionId).where('resolution_json', 'is not', null).execute()).map(toFlag);
  }

  private async checkedSubmission(trx: Transaction<Database>, submissionId: string): Promise<Submission> {
    const submission = await this.storedSubmission(trx, submissionId);
    if (!submission) throw new DatabaseError('not-found', `submission ${submissionId} has no extracted submission yet: save its extraction before its check`);
    return submission;
  }

  private async writeCheck(trx: Transaction<Database>, submissionId: string, submission: Submission, report: CheckReport, actor: string, resolved?: readonly Flag[]): Promise<CheckReport> {
    const previous = resolved ?? (await this.resolvedFlags(trx, submissionId));
    const masked = carryResolutions(maskForPrint(submission, report).report, previous);
    const rows = masked.flags.map((flag, i) => flagRow(submissionId, flag, i));
    const at = now();
    await trx.deleteFrom('flags').where('submission_id', '=', submissionId).execute();
    for (let i = 0; i < rows.length; i += FLAG_ROWS_PER_INSERT) await trx.insertInto('flags').values(rows.slice(i, i + FLAG_ROWS_PER_INSERT)).execute();
    const stored = StoredCheckReport.parse(masked);
    await trx.updateTable('submissions').set({ report_json: JSON.stringify(stored), updated_at: at }).where('id', '=', submissionId).execute();
    const kept = new Set(masked.flags.filter((f) => f.resolution).map((f) => f.id));
    await appendEvent(
      trx,
      submissionId,
      'check-saved',
      {
        flags: rows.length,
        open: rows.filter((r) => r.resolution_json === null).length,
        keptResolutions: previous.filter((f) => kept.has(f.id)).map((f) => f.id),
        droppedResolutions: previous.filter((f) => !kept.has(f.id)).map((f) => f.id),
      },
      actor,
      at,
    );
    const flags = rows.map(toFlag);
    return { ...stored, flags, readyToQuote: readyToQuote(flags) };
  }

  /**
   * A reviewer's change to one value: `plan` is given the submission as stored (its row locked) and makes
   * the change; the `value-edited` event (path, old → new, reason; tax ids masked) is appended and its id
   * handed back to the plan, whose leaf links to it, and the submission is saved, all in one transaction.
   * Returns the event's id, for the flag resolution that the change answers.
   */
  async saveValueEdit(submissionId: string, plan: (current: Submission) => PlannedEdit, meta: ValueEditMeta, guard: StateGuard = {}): Promise<{ eventId: number; summary: SubmissionSummary }> {
    return this.kysely.transaction().execute(async (trx) => {
      this.guard(submissionId, await this.lock(trx, submissionId), guard);
      const current = await this.checkedSubmission(trx, submissionId);
      const edit = plan(current);
      const at = now();
      // The reason may quote a tax id, the one stored or the one typed (as "13 1234567" it has no known shape).
      const mask = storedTextMask(current);
      const typedId = /taxIdentifier$/.test(edit.path) ? [edit.typed] : [];
      const detail = maskDetail(
        { path: edit.path, old: edit.oldText, new: edit.newText, ...(meta.reason ? { reason: meta.reason } : {}), ...(meta.flagId ? { flagId: meta.flagId } : {}) },
        (text) => maskTaxIds(mask(text), typedId),
      );
      const eventId = await appendEvent(trx, submissionId, 'value-edited', detail, meta.actor, at);
      const edited = Submission.parse(edit.withAudit(eventId));
      const row = await trx.updateTable('submissions').set({ ...submissionColumns(edited), updated_at: at }).where('id', '=', submissionId).returning(SUMMARY_COLUMNS).executeTakeFirstOrThrow();
      return { eventId, summary: toSummary(row) };
    });
  }

  /**
   * A reviewer's decision on one flag; `resolution.by` is the event's actor. The `flag-resolved` event's id
   * becomes the resolution's `auditEvent` unless it links to another already (the value edit it answers).
   */
  async resolveFlag(submissionId: string, flagId: string, resolution: FlagResolution, guard: StateGuard = {}): Promise<Flag> {
    const parsed = FlagResolution.parse(resolution);
    return this.kysely.transaction().execute(async (trx) => {
      this.guard(submissionId, await this.lock(trx, submissionId), guard);
      const mask = storedTextMask(await this.storedSubmission(trx, submissionId));
      const stored = maskResolution(parsed, mask);
      const flag = await trx.selectFrom('flags').select('path').where('submission_id', '=', submissionId).where('flag_id', '=', flagId).executeTakeFirst();
      if (!flag) throw new DatabaseError('not-found', `submission ${submissionId} has no flag ${flagId}; the submission may have been checked again since: reload it`);
      const at = now();
      const eventId = await appendEvent(trx, submissionId, 'flag-resolved', { flagId, path: flag.path, action: stored.action, ...(stored.note === undefined ? {} : { note: stored.note }), ...(stored.value === undefined ? {} : { value: stored.value }) }, stored.by, at);
      const row = await trx
        .updateTable('flags')
        .set({ resolution_json: JSON.stringify({ ...stored, auditEvent: stored.auditEvent ?? eventId }) })
        .where('submission_id', '=', submissionId)
        .where('flag_id', '=', flagId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('submissions').set({ updated_at: at }).where('id', '=', submissionId).execute();
      return toFlag(row);
    });
  }

  /** That `actor` was shown the whole tax id at `path`: the event names the path, never the value. */
  async recordTaxIdReveal(submissionId: string, path: string, actor: string): Promise<number> {
    return this.kysely.transaction().execute(async (trx) => {
      await this.lock(trx, submissionId);
      return appendEvent(trx, submissionId, 'tax-id-revealed', { path }, actor);
    });
  }

  /**
   * Decides a submission's clearance and stores it, the submission's row locked meanwhile: its own finishing
   * and the finishing of an earlier-received submission read after it may both decide it, and they take turns,
   * so the result stored last was decided with every submission indexed before it. `decide` runs inside the
   * transaction with the result stored so far (null: the first). `recomputed`: a decision another submission
   * caused; when its outcome or matches differ from the stored ones, a `clearance-recomputed` event says how.
   * Returns the result stored and whether it changed.
   */
  async storeClearance(
    submissionId: string,
    decide: (kysely: Kysely<Database>, stored: ClearanceResult | null) => Promise<ClearanceResult>,
    change: { actor: string; recomputed: boolean },
  ): Promise<{ result: ClearanceResult; changed: boolean }> {
    return this.kysely.transaction().execute(async (trx) => {
      await this.lock(trx, submissionId);
      const row = await trx.selectFrom('clearance_keys').select('result_json').where('submission_id', '=', submissionId).executeTakeFirst();
      if (!row) throw new DatabaseError('not-found', `submission ${submissionId} has no clearance keys: record them before deciding its clearance`);
      const stored = parseJsonColumn(ClearanceResult, row.result_json, `submission ${submissionId} (clearance result_json)`);
      const result = ClearanceResult.parse(await decide(trx, stored));
      const matchesOf = (r: ClearanceResult | null) => new Map((r?.matches ?? []).map((m) => [m.submissionId, m.outcome]));
      const [before, after] = [matchesOf(stored), matchesOf(result)];
      const changed = stored !== null && (stored.outcome !== result.outcome || before.size !== after.size || [...after].some(([id, outcome]) => before.get(id) !== outcome));
      await trx.updateTable('clearance_keys').set({ result_json: JSON.stringify(result) }).where('submission_id', '=', submissionId).execute();
      if (change.recomputed && changed) {
        const detail = { old: stored.outcome, new: result.outcome, added: [...after.keys()].filter((id) => !before.has(id)), gone: [...before.keys()].filter((id) => !after.has(id)) };
        await appendEvent(trx, submissionId, 'clearance-recomputed', detail, change.actor);
        await trx.updateTable('submissions').set({ updated_at: now() }).where('id', '=', submissionId).execute();
      }
      return { result, changed };
    });
  }

  /**
   * A reviewer's override of the submission's clearance: the `clearance-overridden` event (old → new outcome,
   * reason; tax ids masked) and the override, linked to it, stored in the clearance result, in one transaction.
   */
  async saveClearanceOverride(submissionId: string, override: Omit<ClearanceOverride, 'auditEvent'>, guard: StateGuard = {}): Promise<ClearanceResult> {
    return this.kysely.transaction().execute(async (trx) => {
      this.guard(submissionId, await this.lock(trx, submissionId), guard);
      const row = await trx.selectFrom('clearance_keys').select('result_json').where('submission_id', '=', submissionId).executeTakeFirst();
      const result = parseJsonColumn(ClearanceResult, row?.result_json ?? null, `submission ${submissionId} (clearance result_json)`);
      if (!result) throw new DatabaseError('not-found', `submission ${submissionId} was never cleared (it was not read, or was read before clearance ran): there is no clearance to override`);
      const reason = storedTextMask(await this.storedSubmission(trx, submissionId))(override.reason.trim());
      const at = override.at;
      const eventId = await appendEvent(trx, submissionId, 'clearance-overridden', { old: effectiveClearance(result), new: override.outcome, computed: result.outcome, reason }, override.by, at);
      const next = ClearanceResult.parse({ ...result, override: { ...override, reason, auditEvent: eventId } });
      await trx.updateTable('clearance_keys').set({ result_json: JSON.stringify(next) }).where('submission_id', '=', submissionId).execute();
      await trx.updateTable('submissions').set({ updated_at: now() }).where('id', '=', submissionId).execute();
      return next;
    });
  }

  /**
   * The review queue: each submission's summary with its open flags by severity, its appetite decision and
   * lines (from the stored report) and its clearance, oldest received first; two queries whatever the number
   * of rows.
   */
  async listQueue(options: { states?: readonly SubmissionState[]; limit?: number } = {}): Promise<QueueRow[]> {
    const states = options.states?.map((s) => SubmissionState.parse(s));
    if (states?.length === 0) return [];
    const rows = await this.kysely
      .selectFrom('submissions')
      .leftJoin('clearance_keys', 'clearance_keys.submission_id', 'submissions.id')
      .select([...SUMMARY_COLUMNS.map((c) => `submissions.${c}` as const), 'submissions.report_json', 'clearance_keys.result_json', 'clearance_keys.complete_at'])
      .$if(states !== undefined, (q) => q.where('submissions.state', 'in', states!))
      .orderBy('submissions.received_at')
      .orderBy('submissions.id')
      .limit(options.limit ?? 500)
      .execute();
    if (!rows.length) return [];
    const counts = await this.kysely
      .selectFrom('flags')
      .select(['submission_id', 'severity', (eb) => eb.fn.countAll().as('n')])
      .where('resolution_json', 'is', null)
      .where(
        'submission_id',
        'in',
        rows.map((r) => r.id),
      )
      .groupBy(['submission_id', 'severity'])
      .execute();
    const open = new Map<string, QueueRow['openFlags']>();
    for (const c of counts) {
      const entry = open.get(c.submission_id) ?? { blocking: 0, warning: 0, info: 0 };
      // PostgreSQL counts in bigint, which pg returns as text.
      entry[c.severity as keyof QueueRow['openFlags']] = Number(c.n);
      open.set(c.submission_id, entry);
    }
    const clearances = new Map(rows.map((row) => [row.id, parseJsonColumn(ClearanceResult, row.result_json, `submission ${row.id} (clearance result_json)`)]));
    // When each strongest match was first complete now: a clearance result keeps it as it was when decided.
    const strongest = [...new Set([...clearances.values()].flatMap((c) => (c?.matches[0] ? [c.matches[0].submissionId] : [])))];
    const completeAt = new Map<string, string | null>();
    for (let i = 0; i < strongest.length; i += QUEUE_ID_CHUNK) {
      const found = await this.kysely.selectFrom('clearance_keys').select(['submission_id', 'complete_at']).where('submission_id', 'in', strongest.slice(i, i + QUEUE_ID_CHUNK)).execute();
      for (const k of found) completeAt.set(k.submission_id, k.complete_at);
    }
    return rows.map((row) => {
      const report = parseJsonColumn(QueueReport, row.report_json, `submission ${row.id} (report_json)`);
      const clearance = clearances.get(row.id);
      return QueueRow.parse({
        ...toSummary(row),
        openFlags: open.get(row.id) ?? { blocking: 0, warning: 0, info: 0 },
        appetite: report?.appetite?.decision ?? null,
        lines: report?.lines ?? [],
        clearance: clearance && queueClearance(clearance, row.complete_at, completeAt),
      });
    });
  }

  /** The newest first. */
  async listSubmissions(options: { state?: SubmissionState; limit?: number } = {}): Promise<SubmissionSummary[]> {
    const rows = await this.kysely
      .selectFrom('submissions')
      .select(SUMMARY_COLUMNS)
      .$if(options.state !== undefined, (q) => q.where('state', '=', options.state!))
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit ?? 50)
      .execute();
    return rows.map(toSummary);
  }

  /** Everything stored about one submission, parsed; null when there is none with that id. */
  async getSubmission(id: string): Promise<SubmissionRecord | null> {
    const row = await this.kysely.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [documents, flagRows] = await Promise.all([
      this.kysely.selectFrom('documents').selectAll().where('submission_id', '=', id).orderBy('file_name').orderBy('sha256').execute(),
      this.kysely.selectFrom('flags').selectAll().where('submission_id', '=', id).orderBy('position').execute(),
    ]);
    const report = parseJsonColumn(StoredCheckReport, row.report_json, `submission ${id} (report_json)`);
    const flags = flagRows.map(toFlag);
    // Every part is parsed by its own schema on the way out: the record needs no second pass.
    return {
      ...toSummary(row),
      submission: parseJsonColumn(Submission, row.submission_json, `submission ${id} (submission_json)`),
      outcome: parseJsonColumn(ExtractionOutcome, row.outcome_json, `submission ${id} (outcome_json)`),
      report: report && { ...report, flags, readyToQuote: readyToQuote(flags) },
      documents: documents.map(toDocument),
    };
  }

  /** How many submissions are in each state, every state listed. */
  async countByState(): Promise<Record<SubmissionState, number>> {
    const rows = await this.kysely.selectFrom('submissions').select(['state', (eb) => eb.fn.countAll().as('n')]).groupBy('state').execute();
    const counts = Object.fromEntries(SubmissionState.options.map((state) => [state, 0])) as Record<SubmissionState, number>;
    // PostgreSQL counts in bigint, which pg returns as text.
    for (const r of rows) counts[r.state as SubmissionState] = Number(r.n);
    return counts;
  }

  /** The submission's audit log, oldest first. */
  async events(submissionId: string): Promise<SubmissionEvent[]> {
    const rows = await this.kysely.selectFrom('events').selectAll().where('submission_id', '=', submissionId).orderBy('id').execute();
    return rows.map(toEvent);
  }

  /**
   * The submission's row, locked for the rest of the transaction on PostgreSQL (SELECT … FOR UPDATE): two
   * callers changing one submission take turns, so each event's `from` is the state the other left. SQLite
   * needs no lock: its transactions already hold the whole database's write lock (BEGIN IMMEDIATE).
   */
  private async lock(trx: Transaction<Database>, submissionId: string): Promise<{ state: string }> {
    const row = await trx
      .selectFrom('submissions')
      .select('state')
      .where('id', '=', submissionId)
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new DatabaseError('not-found', `${this.where}: no submission ${submissionId}`);
    return row;
  }

  private guard(submissionId: string, row: { state: string }, guard: StateGuard): void {
    if (guard.onlyIn && !guard.onlyIn.includes(row.state as SubmissionState)) {
      throw new DatabaseError('wrong-state', `submission ${submissionId} is ${row.state}, not ${guard.onlyIn.join(' or ')}: reload it to see where it is`);
    }
  }

  private async storedSubmission(trx: Transaction<Database>, submissionId: string): Promise<Submission | null> {
    const row = await trx.selectFrom('submissions').select('submission_json').where('id', '=', submissionId).executeTakeFirstOrThrow();
    return parseJsonColumn(Submission, row.submission_json, `submission ${submissionId} (submission_json)`);
  }
}

/** Ids per `in (…)` list of the queue's look-ups, well under either database's limit on parameters. */
const QUEUE_ID_CHUNK = 500;

/**
 * What the queue shows of a clearance: the outcome that stands, the broker of the match that decided it, and
 * the strongest match's received time and which of the two was complete first (`completeAt`: as they stand now,
 * by id; a removed submission keeps the time its match recorded).
 */
function queueClearance(result: ClearanceResult, ownCompleteAt: string | null, completeAt: ReadonlyMap<string, string | null>): QueueRow['clearance'] {
  const deciding = result.matches.find((m) => m.outcome === result.outcome && m.otherBroker);
  const top = result.matches[0];
  const theirs = top && (completeAt.has(top.submissionId) ? completeAt.get(top.submissionId)! : top.completeAt);
  return {
    outcome: effectiveClearance(result),
    overridden: result.override !== undefined,
    computed: result.outcome,
    otherBroker: deciding?.brokerName ?? null,
    strongest: top ? { receivedAt: top.receivedAt, firstComplete: firstComplete(ownCompleteAt, theirs ?? null) } : null,
  };
}

/** Appends one event; its id. */
async function appendEvent(trx: Transaction<Database>, submissionId: string, kind: EventKind, detail: Record<string, unknown>, actor: string, at: string = now()): Promise<number> {
  const row = await trx.insertInto('events').values({ submission_id: submissionId, at, kind, detail_json: JSON.stringify(detail), actor }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
