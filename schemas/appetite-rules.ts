import { z } from 'zod';
import { LineOfBusiness } from './check-report.js';

const isoDate = z.iso.date('a date as YYYY-MM-DD');
const state = z.string().regex(/^[A-Z]{2}$/, 'a two-letter state code (TX)');

/** What a rule decides when it fires. A rule whose value is absent yields `need-info` instead. */
export const RuleDecision = z.enum(['refer', 'out']);
export type RuleDecision = z.infer<typeof RuleDecision>;

/** Full length of a code in each system: ISO GL class codes have 5 digits, NAICS codes 6. */
export const CODE_LENGTH = { 'iso-gl': 5, naics: 6 } as const;
export const CodeSystem = z.enum(['iso-gl', 'naics']);
export type CodeSystem = z.infer<typeof CodeSystem>;

/**
 * A class code pattern: the whole code ("16910"), fewer digits for every code they begin
 * ("169", NAICS "7225"), or an inclusive range of whole codes ("91580-91589").
 */
const CodePattern = z.string().regex(/^\d{1,6}(-\d{5,6})?$/, 'a code ("16910"), a prefix ("169") or a range ("91580-91589")');

const base = { id: z.string().min(1), decision: RuleDecision, note: z.string().optional() };
const money = z.number().positive();

/** Fires for a risk state outside `in` (the states written) or inside `out` (the states excluded). */
const StatesRule = z.strictObject({ ...base, kind: z.literal('states'), in: z.array(state).min(1).optional(), out: z.array(state).min(1).optional() });

/** Fires for a class code outside `in` or matching `out`; GL codes from the 126's hazards and the 125, NAICS from the 125. */
const ClassCodesRule =
  z.strictObject({ ...base, kind: z.literal('class-codes'), system: CodeSystem, in: z.array(CodePattern).min(1).optional(), out: z.array(CodePattern).min(1).optional() })
  .superRefine((rule, ctx) => {
    const length = CODE_LENGTH[rule.system];
    for (const key of ['in', 'out'] as const) {
      for (const [i, pattern] of (rule[key] ?? []).entries()) {
        const [from, to] = pattern.split('-');
        const bad = to !== undefined ? from!.length !== length || to.length !== length || +from! > +to : from!.length > length;
        if (bad) ctx.addIssue({ code: 'custom', path: [key, i], message: `"${pattern}" is not a ${rule.system} code, prefix or range (codes have ${length} digits)` });
      }
    }
  });

/*
 * The TIV rules see the 140's buildings and the schedules of values' rows: a row matched to a 140 building
 * by its address is that building, judged by the larger of its two values; a row on no 140 is a building
 * of its own, at the location of the 140 buildings at its street address, else a location of its own.
 */
/** Total insured value (the 140's subject-of-insurance limits) of all buildings of one location. */
const MaxTivPerLocationRule = z.strictObject({ ...base, kind: z.literal('max-tiv-per-location'), amount: money });
/** Total insured value of one building (one 140 location row). */
const MaxTivPerBuildingRule = z.strictObject({ ...base, kind: z.literal('max-tiv-per-building'), amount: money });
/** Total insured value of the whole submission: every building of the 140s and the schedules of values. */
const MaxTotalTivRule = z.strictObject({ ...base, kind: z.literal('max-total-tiv'), amount: money });
/** Storeys allowed for a building that is not fully (100 %) sprinklered. */
const MaxStoriesUnsprinkleredRule = z.strictObject({ ...base, kind: z.literal('max-stories-unsprinklered'), stories: z.number().int().min(1) });
/** Building age in years at the policy's effective date. */
const MaxBuildingAgeRule = z.strictObject({ ...base, kind: z.literal('max-building-age'), years: z.number().int().min(0) });
/** The worst ISO public protection class allowed (1 best … 10 unprotected). */
const WorstProtectionClassRule = z.strictObject({ ...base, kind: z.literal('worst-protection-class'), protectionClass: z.number().int().min(1).max(10) });
/*
 * The loss rules count the carriers' loss runs and the 125's loss history without counting a loss twice:
 * within a policy period a loss run covers, its claims replace the 125's losses; the 125's losses outside
 * every such period count as listed (an undated one counts only when no loss run is sent).
 */
/** Losses allowed in the five years before the policy's effective date. */
const MaxLossesFiveYearsRule = z.strictObject({ ...base, kind: z.literal('max-losses-5y'), count: z.number().int().min(0) });
/** The largest single loss allowed, incurred (paid plus reserved). */
const MaxSingleLossRule = z.strictObject({ ...base, kind: z.literal('max-single-loss'), amount: money });

export const AppetiteRule = z.discriminatedUnion('kind', [
  StatesRule,
  ClassCodesRule,
  MaxTivPerLocationRule,
  MaxTivPerBuildingRule,
  MaxTotalTivRule,
  MaxStoriesUnsprinkleredRule,
  MaxBuildingAgeRule,
  WorstProtectionClassRule,
  MaxLossesFiveYearsRule,
  MaxSingleLossRule,
]);
export type AppetiteRule = z.infer<typeof AppetiteRule>;

/**
 * One carrier's appetite as data: which lines it writes, for policies effective in which window,
 * and the rules a submission is checked against. A new version is a new file: rules in force are
 * chosen by the policy's effective date, never edited in place.
 */
export const AppetiteRules = z
  .object({
    carrier: z.string().min(1),
    version: z.string().min(1),
    /** Policies effective from `from` to `to` (inclusive); no `to`: until a later version. */
    effective: z.object({ from: isoDate, to: isoDate.optional() }).strict(),
    lines: z.array(LineOfBusiness).min(1),
    rules: z.array(AppetiteRule),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.effective.to && file.effective.to < file.effective.from) ctx.addIssue({ code: 'custom', path: ['effective', 'to'], message: 'ends before it starts' });
    const seen = new Set<string>();
    for (const [i, rule] of file.rules.entries()) {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `"${rule.id}" is used by an earlier rule` });
      seen.add(rule.id);
      if ((rule.kind === 'states' || rule.kind === 'class-codes') && !rule.in && !rule.out) {
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: 'needs "in", "out" or both' });
      }
    }
  });
export type AppetiteRules = z.infer<typeof AppetiteRules>;
