import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import type { ClearanceResult } from '../../schemas/clearance.js';
import type { SubmissionRecord, SubmissionState, SubmissionSummary } from '../../schemas/db-records.js';
import type { Flag } from '../../schemas/flag.js';
import { checkWithAppetite } from '../validate/check/check-with-appetite.js';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import { DatabaseError } from '../db/database-error.js';
import type { Db } from '../db/db.js';
import { valueTypeAt } from '../read/extract/submission-builder.js';
import { isLeaf } from '../model/list-leaves.js';
import { getAtPath } from '../model/model-path.js';
import type { UserRole } from '../users/users-file.js';
import { planValueEdit, type PlannedEdit } from './edit-value.js';
import { ReviewError, type ClearanceDecision, type FlagDecision, type ReassembleQueue, type ReviewOperations, type ReviewResult, type Reviewer, type ValueEdit } from './review-operations.js';
import { openBlocking } from '../validate/check/carry-resolutions.js';

export type ReviewDeskDeps = {
  db: Db;
  /** The carrier's appetite rules in force, as the packet was checked with; null without. */
  appetiteRules: AppetiteRules | null;
  queue: ReassembleQueue;
  /** The clock: resolutions' times and the day a re-check judges dates against. */
  now?: () => Date;
};

/** Who may change values and decide flags, and who may take a submission. */
const REVIEWERS: readonly UserRole[] = ['assistant', 'admin'];
const TAKERS: readonly UserRole[] = ['underwriter', 'admin'];

/**
 * The states a reviewer changes a submission in: flags waiting (`packet-ready`), or after it was sent on,
 * when a value is corrected late (`ready-for-underwriter`: it is reassembled again).
 */
const REVIEWABLE: readonly SubmissionState[] = ['packet-ready', 'ready-for-underwriter'];

/** Dealt with: any resolution, `ask-broker` included (the broker request asks for it). */
const blockingOpen = (record: SubmissionRecord) => openBlocking(record.report?.flags ?? []).length > 0;

function allow(by: Reviewer, roles: readonly UserRole[], what: string): void {
  if (!roles.includes(by.role)) throw new ReviewError('forbidden', `${by.name} is an ${by.role}: only ${roles.join(' or ')} accounts may ${what}`);
}

/** The database's refusals as the desk's: a submission or flag gone, or moved on meanwhile. */
async function desk<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DatabaseError && (err.code === 'not-found' || err.code === 'wrong-state')) throw new ReviewError(err.code, err.message, { cause: err });
    throw err;
  }
}

const STATE_WORDS: Partial<Record<SubmissionState, string>> = {
  reassembling: 'is being reassembled: wait until it is ready for the underwriter',
  taken: 'was taken by an underwriter',
  'ready-for-underwriter': 'is ready for the underwriter already',
};

/**
 * The review desk: each decision and edit is one audited change; after an edit the submission is checked
 * again as the packet was (resolutions kept by flag id). Once no blocking flag is left open the submission
 * goes to be reassembled (a job), then to the underwriter.
 */
export class ReviewDesk implements ReviewOperations {
  private readonly now: () => Date;

  constructor(private readonly deps: ReviewDeskDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async decideFlag(submissionId: string, flagId: string, decision: FlagDecision, by: Reviewer): Promise<ReviewResult> {
    allow(by, REVIEWERS, 'decide on flags');
    const note = decision.note?.trim() ?? '';
    // A double click whose first click sent the submission on: the same decision is already held, so it is answered, not refused.
    const repeated = async () => {
      const record = await this.record(submissionId);
      const held = record.report?.flags.find((f) => f.id === flagId)?.resolution;
      return !REVIEWABLE.includes(record.state) && held?.action === decision.action && held.by === by.name && (held.note ?? '') === note ? { record, reassembling: false } : null;
    };
    try {
      // The state is checked here and again as the decision is written: the first click may move it in between.
      const flag = this.flagOf(await this.reviewable(submissionId), flagId);
      // The check decides the clearance flag from the clearance's override alone: a decision here would not last.
      if (flag.rule === 'clearance') throw new ReviewError('not-editable', 'The clearance flag follows the clearance: override the clearance in its panel, with the reason, instead');
      await desk(() => this.deps.db.resolveFlag(submissionId, flagId, { action: decision.action, by: by.name, at: this.now().toISOString(), ...(note ? { note } : {}) }, { onlyIn: REVIEWABLE }));
    } catch (err) {
      const after = err instanceof ReviewError && err.code === 'wrong-state' ? await repeated() : null;
      if (after) return after;
      throw err;
    }
    return this.moveOn(submissionId, by);
  }

  async editValue(submissionId: string, edit: ValueEdit, by: Reviewer): Promise<ReviewResult> {
    allow(by, REVIEWERS, 'edit values');
    const record = await this.reviewable(submissionId);
    // A missing value typed in goes where its flag points: the flag answered, else the one on that path.
    const flag = edit.flagId ? this.flagOf(record, edit.flagId) : record.report?.flags.find((f) => f.path === edit.path.trim());
    const reason = edit.reason?.trim();
    let planned: PlannedEdit | undefined;
    const { eventId } = await desk(() =>
      this.deps.db.saveValueEdit(submissionId, (current) => (planned = planValueEdit(current, { path: edit.path, text: edit.text, flagSource: flag?.source })), { actor: by.name, ...(reason ? { reason } : {}), ...(edit.flagId ? { flagId: edit.flagId } : {}) }, { onlyIn: REVIEWABLE }),
    );
    if (edit.flagId) {
      await desk(() =>
        this.deps.db.resolveFlag(submissionId, edit.flagId!, { action: 'corrected', by: by.name, at: this.now().toISOString(), value: planned!.newText, ...(reason ? { note: reason } : {}), auditEvent: eventId }, { onlyIn: REVIEWABLE }),
      );
    }
    // A flag the corrected value no longer raises goes with its resolution; the events keep both.
    await this.recheck(submissionId, await new ClearanceIndex(this.deps.db).result(submissionId), by);
    return this.moveOn(submissionId, by);
  }

  async overrideClearance(submissionId: string, decision: ClearanceDecision, by: Reviewer): Promise<ReviewResult> {
    allow(by, REVIEWERS, 'override a clearance');
    const record = await this.reviewable(submissionId);
    const reason = decision.reason.trim();
    if (!reason) throw new ReviewError('invalid-value', `Say why the clearance of ${record.insuredName ?? submissionId} is overridden (a broker-of-record letter, a different business): an override without a reason is not taken`);
    const clearance = await desk(() => this.deps.db.saveClearanceOverride(submissionId, { outcome: decision.outcome, reason, by: by.name, at: this.now().toISOString() }, { onlyIn: REVIEWABLE }));
    await this.recheck(submissionId, clearance, by);
    return this.moveOn(submissionId, by);
  }

  async sendToUnderwriter(submissionId: string, by: Reviewer): Promise<ReviewResult> {
    allow(by, REVIEWERS, 'send a submission to the underwriter');
    const record = await this.record(submissionId);
    if (record.state !== 'packet-ready') throw this.wrongState(record, 'in review');
    if (blockingOpen(record)) throw new ReviewError('flags-open', `${record.insuredName ?? submissionId} has blocking flags open: accept, correct, waive or ask the broker about each first`);
    const moved = await this.reassemble(record.id, 'packet-ready', by);
    if (!moved) throw this.wrongState(await this.record(submissionId), 'in review');
    return { record: await this.record(submissionId), reassembling: true };
  }

  async markTaken(submissionId: string, by: Reviewer): Promise<SubmissionSummary> {
    allow(by, TAKERS, 'take a submission');
    const taken = await desk(() => this.deps.db.advanceState(submissionId, 'ready-for-underwriter', 'taken', { actor: by.name }));
    if (!taken) throw this.wrongState(await this.record(submissionId), 'ready for the underwriter');
    return taken;
  }

  async revealTaxId(submissionId: string, path: string, by: Reviewer): Promise<string> {
    const record = await this.record(submissionId);
    let isTaxId = false;
    try {
      isTaxId = valueTypeAt(path) === 'taxId';
    } catch {
      // Not a path of the model: refused below like any other path that holds no tax id.
    }
    if (!isTaxId) throw new ReviewError('not-editable', `${path} is not a tax id; only a FEIN or SSN is masked`);
    const leaf = getAtPath(record.submission, path);
    if (!isLeaf(leaf)) throw new ReviewError('not-found', `${record.insuredName ?? submissionId} has no tax id at ${path}`);
    await desk(() => this.deps.db.recordTaxIdReveal(submissionId, path, by.name));
    return String(leaf.value ?? leaf.raw);
  }

  /**
   * The stored submission checked again as the packet was: the appetite rules in force, its clearance (with
   * any override; its matches as they stand now) and the reviewers' decisions.
   */
  private async recheck(submissionId: string, clearance: ClearanceResult | null, by: Reviewer): Promise<void> {
    const clearanceStanding = await new ClearanceIndex(this.deps.db).clearanceStanding(submissionId, clearance);
    await this.deps.db.recheck(submissionId, (submission, outcome, reviewedFlags) => checkWithAppetite(submission, outcome, { today: this.now(), appetiteRules: this.deps.appetiteRules, clearance, clearanceStanding, reviewedFlags }), by.name);
  }

  private async record(submissionId: string): Promise<SubmissionRecord> {
    const record = await this.deps.db.getSubmission(submissionId);
    if (!record) throw new ReviewError('not-found', `there is no submission ${submissionId}; it may have been removed: go back to the queue`);
    return record;
  }

  private async reviewable(submissionId: string): Promise<SubmissionRecord> {
    const record = await this.record(submissionId);
    if (!REVIEWABLE.includes(record.state) || !record.submission) throw this.wrongState(record, 'in review');
    return record;
  }

  private flagOf(record: SubmissionRecord, flagId: string): Flag {
    const flag = record.report?.flags.find((f) => f.id === flagId);
    if (!flag) throw new ReviewError('not-found', `${record.insuredName ?? record.id} has no flag ${flagId} any more: it was checked again since; reload the page`);
    return flag;
  }

  private wrongState(record: SubmissionRecord, wanted: string): ReviewError {
    return new ReviewError('wrong-state', `${record.insuredName ?? record.id} ${STATE_WORDS[record.state] ?? `is ${record.state}`}, not ${wanted}; reload the page to see where it is`);
  }

  /** After a change: no blocking flag open, the packet is made again; one opened by a late edit sends it back to review. */
  private async moveOn(submissionId: string, by: Reviewer): Promise<ReviewResult> {
    const record = await this.record(submissionId);
    let reassembling = false;
    if (!blockingOpen(record) && REVIEWABLE.includes(record.state)) reassembling = await this.reassemble(submissionId, record.state, by);
    else if (blockingOpen(record) && record.state === 'ready-for-underwriter') await this.deps.db.advanceState(submissionId, 'ready-for-underwriter', 'packet-ready', { actor: by.name, detail: { reason: 'a blocking flag is open again' } });
    return { record: await this.record(submissionId), reassembling };
  }

  /** Moves the submission from `from` to `reassembling` and queues the job; false when another change moved it first. */
  private async reassemble(submissionId: string, from: SubmissionState, by: Reviewer): Promise<boolean> {
    const moved = await this.deps.db.advanceState(submissionId, from, 'reassembling', { actor: by.name });
    if (!moved) return false;
    try {
      await this.deps.queue.enqueueReassemble(submissionId);
    } catch (err) {
      // Not queued: back where it was, so the next action (or sending it on) tries again.
      await this.deps.db.advanceState(submissionId, 'reassembling', from, { actor: by.name, detail: { error: (err as Error).message } });
      throw err;
    }
    return true;
  }
}
