import { z } from 'zod';

/** One of the insureds a submission's files name, when they name more than one. */
export const DifferentInsured = z.object({
  /** The name as the first of its files gives it. */
  name: z.string(),
  /** The last four digits of its FEIN or SSN: enough to tell two insureds apart, never the whole number. */
  taxIdLast4: z.string().regex(/^\d{4}$/).optional(),
  /** The files (names) that name this insured. */
  documents: z.array(z.string()),
  /** Whether these files' values are in the submission: only the main insured's are. */
  merged: z.boolean(),
});
export type DifferentInsured = z.infer<typeof DifferentInsured>;

/** Empty when every file names one insured (or none). */
export const DifferentInsureds = z.array(DifferentInsured);
export type DifferentInsureds = z.infer<typeof DifferentInsureds>;
