import { z } from 'zod';

/** Where a claim's line is: the file, its page and the line's baseline (PDF points from the page's foot). */
export const LossRunSource = z.object({ file: z.string(), page: z.number().int().min(1), y: z.number() });

export const ClaimStatus = z.enum(['open', 'closed', 'reopened']);

/** One claim as a carrier's loss run lists it; amounts in dollars. Null where the run leaves it out. */
export const LossRunClaim = z.object({
  policyNumber: z.string().nullable(),
  /** The policy period the claim is listed under (ISO dates). */
  policyPeriod: z.object({ from: z.iso.date(), to: z.iso.date() }).nullable(),
  claimNumber: z.string().nullable(),
  lossDate: z.iso.date().nullable(),
  status: ClaimStatus.nullable(),
  paid: z.number().nullable(),
  reserve: z.number().nullable(),
  /** As printed, else paid + reserve. */
  incurred: z.number().nullable(),
  description: z.string().nullable(),
  source: LossRunSource,
});
export type LossRunClaim = z.infer<typeof LossRunClaim>;

/** A policy period the run covers, with or without claims ("no losses reported"). */
export const LossRunPeriod = z.object({ policyNumber: z.string().nullable(), from: z.iso.date(), to: z.iso.date() });
export type LossRunPeriod = z.infer<typeof LossRunPeriod>;

/** One carrier loss-run document read into claims. */
export const LossRun = z.object({
  file: z.string(),
  /** The carrier's name as printed at the top, when one is recognisable. */
  carrier: z.string().nullable(),
  /** "Valued as of": the date the figures were current; null when the run does not say. */
  valuationDate: z.iso.date().nullable(),
  periods: z.array(LossRunPeriod),
  claims: z.array(LossRunClaim),
});
export type LossRun = z.infer<typeof LossRun>;
