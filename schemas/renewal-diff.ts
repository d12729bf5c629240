import { z } from 'zod';

/** One value that changed since the previous submission of the same insured (tax ids masked). */
export const ValueChange = z.object({ path: z.string(), old: z.string().nullable(), new: z.string().nullable() });
export type ValueChange = z.infer<typeof ValueChange>;

/** A building on the 140, matched across the two submissions by its normalised address and building number. */
export const BuildingChange = z.object({
  /** The address as the new submission prints it (the old one's when the building was removed). */
  address: z.string(),
  building: z.string().nullable(),
  status: z.enum(['added', 'removed', 'kept']),
  /** Total insured value: every subject of insurance's limit, in dollars; null when none is given. */
  tivOld: z.number().nullable(),
  tivNew: z.number().nullable(),
  /** (new − old) / old × 100, one decimal; null when either is missing or old is 0. */
  tivChangePercent: z.number().nullable(),
  construction: z.array(ValueChange),
});
export type BuildingChange = z.infer<typeof BuildingChange>;

/** A GL class code with its exposure in each submission (summed over the locations that carry it). */
export const ClassCodeChange = z.object({
  code: z.string(),
  status: z.enum(['added', 'dropped', 'kept']),
  exposureOld: z.number().nullable(),
  exposureNew: z.number().nullable(),
  exposureChangePercent: z.number().nullable(),
});
export type ClassCodeChange = z.infer<typeof ClassCodeChange>;

export const LossSummary = z.object({ occurrenceDate: z.string().nullable(), lineOfBusiness: z.string().nullable(), description: z.string().nullable(), incurred: z.number().nullable() });

/**
 * What changed since the previous submission of the same insured (found by clearance): the insured's data
 * and limits, premises and buildings, GL classes, losses, and whether the signature is older than last time.
 */
export const RenewalDiff = z.object({
  previousSubmissionId: z.string(),
  previousReceivedAt: z.iso.datetime(),
  /** Who sent the previous one (its producer); null when it names none. Absent in diffs stored before it was kept. */
  previousBroker: z.string().nullable().default(null),
  /** Each one's policy effective date (ISO): a later one now is a renewal, the same one a resubmission for that term. */
  previousEffectiveDate: z.string().nullable().default(null),
  effectiveDate: z.string().nullable().default(null),
  values: z.array(ValueChange),
  premises: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  buildings: z.array(BuildingChange),
  classCodes: z.array(ClassCodeChange),
  lossesAdded: z.array(LossSummary),
  /** Set when the new submission is signed on an earlier date than the previous one was: a recycled application. */
  olderSignature: z.object({ old: z.string(), new: z.string() }).nullable(),
});
export type RenewalDiff = z.infer<typeof RenewalDiff>;

/**
 * What the previous submission is to this one: the last term's (`renewal`: this one takes effect later), the
 * same term's (`resubmission`: the broker sent it again, corrected or completed), or not known (a date missing).
 */
export function renewalKind(d: RenewalDiff): 'renewal' | 'resubmission' | 'previous' {
  if (!d.previousEffectiveDate || !d.effectiveDate) return 'previous';
  // ISO dates compare as text.
  return d.effectiveDate > d.previousEffectiveDate ? 'renewal' : d.effectiveDate === d.previousEffectiveDate ? 'resubmission' : 'previous';
}
