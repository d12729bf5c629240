import { z } from 'zod';
import { FlagSeverity } from './flag.js';

/** A model path with `[*]` for every row of a list or every key of a group (`policy.linesOfBusiness[*].premiumAmount`). */
const PathPattern = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\[(\*|\d+)\])?(\.[A-Za-z][A-Za-z0-9]*(\[(\*|\d+)\])?)*$/);
const RuleId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** `schemas/value-rules/formats.json`: what a value must look like. A value that does not is `invalid`. */
export const FormatRules = z.array(
  z
    .object({
      id: RuleId,
      paths: z.array(PathPattern).min(1),
      /** What the value is, for the message ("a FEIN"). */
      what: z.string(),
      /** A regular expression the whole value must match … */
      pattern: z.string().optional(),
      /** … or a list of codes it must be one of: `state-codes` (US states, territories, Canadian provinces). */
      knownList: z.enum(['state-codes']).optional(),
      severity: FlagSeverity,
    })
    .refine((r) => (r.pattern === undefined) !== (r.knownList === undefined), 'give either pattern or knownList'),
);
export type FormatRules = z.infer<typeof FormatRules>;

/** `schemas/value-rules/cross-form.json`: where the forms of one submission disagree (the merge lists it in `conflicts`). */
export const CrossFormRules = z.object({
  id: RuleId,
  /** Values that must agree across the 125, 126 and 140: a disagreement blocks quoting. */
  mustAgree: z.array(PathPattern),
  /** Any other disagreement is shown with this severity. */
  otherSeverity: FlagSeverity,
});
export type CrossFormRules = z.infer<typeof CrossFormRules>;

/** `schemas/value-rules/totals.json`: a total printed on a form equals the sum of its parts. */
export const TotalRules = z.array(
  z.object({
    id: RuleId,
    total: z.string(),
    parts: z.array(PathPattern).min(1),
    what: z.string(),
    /** Dollars the sum may differ by (rounding per row). */
    tolerance: z.number().min(0),
    severity: FlagSeverity,
  }),
);
export type TotalRules = z.infer<typeof TotalRules>;

/** `schemas/value-rules/class-code-premium-basis.json`: the ISO GL class code's group sets the premium basis. */
export const ClassCodeBasisRules = z.object({
  id: RuleId,
  /** Each premium basis and the codes that write it (126 letters and ACORD XML PremiumBasisCd), upper case. */
  bases: z.record(z.string(), z.array(z.string()).min(1)),
  /** Most specific range first: the first range holding the class code decides. */
  ranges: z.array(z.object({ from: z.number().int(), to: z.number().int(), group: z.string(), bases: z.array(z.string()).min(1) })),
  severity: FlagSeverity,
});
export type ClassCodeBasisRules = z.infer<typeof ClassCodeBasisRules>;

/** `schemas/value-rules/locations.json`: every location a 126 or 140 names is one of the 125's premises. */
export const LocationRules = z.object({
  id: RuleId,
  premises: z.object({ location: PathPattern, building: PathPattern }),
  rows: z.array(z.object({ location: PathPattern, building: PathPattern.optional(), what: z.string() })),
  severity: FlagSeverity,
});
export type LocationRules = z.infer<typeof LocationRules>;

/** `schemas/value-rules/policy-period.json`: policy dates against today, and how many years of losses are asked. */
export const PolicyPeriodRules = z.object({
  maxDaysAhead: z.number().int().min(1),
  pastSeverity: FlagSeverity,
  tooFarSeverity: FlagSeverity,
  lossHistoryYears: z.number().int().min(1),
  /** Loss runs count as currently valued when valued at most this many days before the effective date. */
  lossRunMaxAgeDays: z.number().int().min(1),
});
export type PolicyPeriodRules = z.infer<typeof PolicyPeriodRules>;
