import { z } from 'zod';

/**
 * Whether another broker may already have brought the same insured: `clear` — no earlier submission
 * resembles it · `possible` — a similar name, or the same address under another name · `probable` — the
 * same tax id, or a similar name at the same address · `blocked` — a probable match from another broker
 * whose submission is still open: that broker holds the risk until the earlier submission is closed.
 * Its own file: the queue's rows (db-records) name it, and clearance's matches name the submission states.
 */
export const ClearanceOutcome = z.enum(['clear', 'possible', 'probable', 'blocked']);
export type ClearanceOutcome = z.infer<typeof ClearanceOutcome>;
