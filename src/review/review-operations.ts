import type { ClearanceOutcome } from '../../schemas/clearance.js';
import type { SubmissionRecord, SubmissionSummary } from '../../schemas/db-records.js';
import type { UserRole } from '../users/users-file.js';

/** Who acts at the review desk: the logged-in account. */
export type Reviewer = { name: string; role: UserRole };

/** A decision on a flag that leaves its value as it is (a corrected value goes through `editValue`). */
export type FlagDecision = { action: 'confirmed' | 'waived' | 'ask-broker'; note?: string };

/**
 * A value changed or typed in by a reviewer. `text` is parsed by the same normalisers and zod rules as
 * extraction; `flagId`, when the edit answers a flag, resolves it as `corrected`.
 */
export type ValueEdit = { path: string; text: string; reason?: string; flagId?: string };

/**
 * A person's decision against the computed clearance (a broker-of-record letter arrived, the match is another
 * business): the outcome that stands, and why (required).
 */
export type ClearanceDecision = { outcome: ClearanceOutcome; reason: string };

/** The submission after a change, and whether the change sent it to be reassembled. */
export type ReviewResult = { record: SubmissionRecord; reassembling: boolean };

export type ReviewErrorCode = 'invalid-value' | 'not-editable' | 'not-found' | 'wrong-state' | 'flags-open' | 'forbidden';

/** A review action refused, with a sentence the reviewer can act on (shown beside the field). */
export class ReviewError extends Error {
  constructor(
    readonly code: ReviewErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ReviewError';
  }
}

/**
 * What the review desk does to a submission; each change is one audited event. When no blocking flag is
 * left open after a change, the submission is sent to be reassembled (a job): `ready-for-underwriter` then.
 */
export interface ReviewOperations {
  decideFlag(submissionId: string, flagId: string, decision: FlagDecision, by: Reviewer): Promise<ReviewResult>;
  editValue(submissionId: string, edit: ValueEdit, by: Reviewer): Promise<ReviewResult>;
  /** For a submission with no blocking flag open that is still `packet-ready` (nothing to review). */
  sendToUnderwriter(submissionId: string, by: Reviewer): Promise<ReviewResult>;
  /** An underwriter takes a `ready-for-underwriter` submission. */
  markTaken(submissionId: string, by: Reviewer): Promise<SubmissionSummary>;
  /**
   * Sets the clearance outcome that stands, with the reason (refused when blank); audited. The submission is
   * checked again with it, so that the clearance flag is waived or opened, and moves on as after a decision.
   */
  overrideClearance(submissionId: string, decision: ClearanceDecision, by: Reviewer): Promise<ReviewResult>;
  /** The whole tax id at `path`, recorded as a `tax-id-revealed` event (the value is not in the event). */
  revealTaxId(submissionId: string, path: string, by: Reviewer): Promise<string>;
}

/** Sends a reviewed submission to be reassembled (workers/ implements it with BullMQ). */
export interface ReassembleQueue {
  enqueueReassemble(submissionId: string): Promise<void>;
}
