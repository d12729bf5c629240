import { z } from 'zod';

/**
 * Whether another broker may already have brought the same insured: `clear` — no earlier submission
 * resembles it · `possible` — a similar name, or the same address under another name · `probable` — the
 * same tax id, or a similar name at the same address · `blocked` — a probable match from another broker
 * whose submission is still open: that broker holds the risk until the earlier submission is closed.
 * Its own file (with FirstComplete): the queue's rows (db-records) name it, and clearance's matches name the submission states.
 */
export const ClearanceOutcome = z.enum(['clear', 'possible', 'probable', 'blocked']);
export type ClearanceOutcome = z.infer<typeof ClearanceOutcome>;

/** Which of two submissions first had nothing blocking its quote ("first complete wins"). */
export const FirstComplete = z.enum(['this', 'that', 'neither']);
export type FirstComplete = z.infer<typeof FirstComplete>;

/** From when each was first complete (null: not yet); at the same moment the earlier submission, `that`, wins. */
export const firstComplete = (own: string | null, theirs: string | null): FirstComplete => (theirs && (!own || theirs <= own) ? 'that' : own ? 'this' : 'neither');
