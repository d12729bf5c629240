import { z } from 'zod';
import { ClearanceOutcome, FirstComplete, firstComplete } from './clearance-outcome.js';
import { SubmissionState } from './db-records.js';

export { ClearanceOutcome, FirstComplete, firstComplete };

/** What matched: the tax id, the insured's name (with its similarity), an address (mailing or premises). */
export const MatchReason = z.enum(['tax-id', 'name', 'address']);
export type MatchReason = z.infer<typeof MatchReason>;

/** One earlier submission that resembles the new one. */
export const ClearanceMatch = z.object({
  submissionId: z.string(),
  outcome: ClearanceOutcome.exclude(['clear']),
  reasons: z.array(MatchReason).min(1),
  /** Name similarity, 0..1 (1 - edit distance / longer key), after suffixes and punctuation are stripped. */
  nameSimilarity: z.number().min(0).max(1),
  insuredName: z.string().nullable(),
  brokerName: z.string().nullable(),
  /** True when the broker differs from the new submission's (an unknown broker is never "another"). */
  otherBroker: z.boolean(),
  receivedAt: z.iso.datetime(),
  state: SubmissionState,
  /** When that submission first had nothing blocking its quote; null while it has not. */
  completeAt: z.iso.datetime().nullable(),
  /** One sentence for the queue and the packet cover. */
  explanation: z.string(),
});
export type ClearanceMatch = z.infer<typeof ClearanceMatch>;

/**
 * A person's decision against the computed outcome (a broker-of-record letter arrived, the "match" is a
 * different business): the outcome that stands, with the reason, who and when; audited.
 */
export const ClearanceOverride = z.object({
  outcome: ClearanceOutcome,
  reason: z.string().trim().min(1),
  by: z.string(),
  at: z.iso.datetime(),
  /** The audit event (events table id) that recorded it. */
  auditEvent: z.number().int().positive().optional(),
});
export type ClearanceOverride = z.infer<typeof ClearanceOverride>;

export const ClearanceResult = z.object({
  /** As computed; `override.outcome`, when set, is the one that stands (effectiveClearance). */
  outcome: ClearanceOutcome,
  checkedAt: z.iso.datetime(),
  /** Earlier submissions received within this many days were compared. */
  windowDays: z.number().int().positive(),
  /** Strongest first. */
  matches: z.array(ClearanceMatch),
  override: ClearanceOverride.optional(),
});
export type ClearanceResult = z.infer<typeof ClearanceResult>;

/** Where a submission stands now: its state, and when it first had nothing blocking its quote (null: not yet). */
export const Standing = z.object({ state: SubmissionState, completeAt: z.iso.datetime().nullable() });
export type Standing = z.infer<typeof Standing>;

/**
 * Where a cleared submission and its matches stand when a check or packet is made (a result keeps its matches'
 * states and times as they were when it was decided): when this one first had nothing blocking its quote
 * (null: not yet), and each match by id (a removed submission is left out: its match keeps what it recorded).
 */
export const ClearanceStanding = z.object({ completeAt: z.iso.datetime().nullable(), matches: z.map(z.string(), Standing) });
export type ClearanceStanding = z.infer<typeof ClearanceStanding>;

/** A match's state and first-complete time as they stand (`standing`; null: not looked up, as recorded). */
export function matchStanding(match: ClearanceMatch, standing: ClearanceStanding | null | undefined): Standing {
  return standing?.matches.get(match.submissionId) ?? { state: match.state, completeAt: match.completeAt };
}

/** The outcome that stands: a person's override, else the computed one. */
export const effectiveClearance = (result: ClearanceResult): ClearanceOutcome => result.override?.outcome ?? result.outcome;
