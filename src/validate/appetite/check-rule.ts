import type { AppetiteRule, CodeSystem } from '../../../schemas/appetite-rules.js';
import type { AppetiteHit } from '../../../schemas/check-report.js';
import type { Submission } from '../../../schemas/submission.js';
import { addressKey, sameStreet } from '../../read/normalize/address-key.js';
import { matchSovBuildings, sovAddressKey } from '../../read/sov/match-sov-buildings.js';
import { numberOf, textOf } from './leaf-value.js';
import { matchesClassCode } from './match-class-code.js';

/** What every rule is judged against: the submission, the date it is judged as of, and whether property is asked for. */
export type RuleContext = { submission: Submission; asOf: string; propertyRequested: boolean };

type Found<T> = { value: T; path: string };
type RuleOf<K extends AppetiteRule['kind']> = Extract<AppetiteRule, { kind: K }>;
type Building = NonNullable<NonNullable<Submission['property']>['locations']>[number];

const dollars = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

function fired(rule: AppetiteRule, message: string, path: string, value: string | number): AppetiteHit {
  return { rule: rule.id, decision: rule.decision, message: rule.note ? `${message}; ${rule.note}` : message, path, value: String(value) };
}

function missing(rule: AppetiteRule, message: string, path: string): AppetiteHit {
  return { rule: rule.id, decision: 'need-info', message, path };
}

/** The states the risk sits in: each premises' state, else the first named insured's mailing state. */
function riskStates(s: Submission): Found<string>[] {
  const premises = (s.premises ?? []).flatMap((p, i) => {
    const value = textOf(p.physicalAddress?.stateOrProvinceCode);
    return value ? [{ value, path: `premises[${i}].physicalAddress.stateOrProvinceCode` }] : [];
  });
  if (premises.length) return premises;
  const mailing = textOf(s.namedInsureds?.[0]?.mailingAddress?.stateOrProvinceCode);
  return mailing ? [{ value: mailing, path: 'namedInsureds[0].mailingAddress.stateOrProvinceCode' }] : [];
}

/** Each distinct class code of a system, digits only, at the first path that gives it. */
function classCodes(s: Submission, system: CodeSystem): Found<string>[] {
  const insureds = s.namedInsureds ?? [];
  const given =
    system === 'iso-gl'
      ? [
          ...(s.generalLiability?.hazards ?? []).map((h, i) => ({ raw: textOf(h.classCode), path: `generalLiability.hazards[${i}].classCode` })),
          ...insureds.map((n, i) => ({ raw: textOf(n.generalLiabilityCode), path: `namedInsureds[${i}].generalLiabilityCode` })),
        ]
      : insureds.map((n, i) => ({ raw: textOf(n.naicsCode), path: `namedInsureds[${i}].naicsCode` }));
  const found: Found<string>[] = [];
  for (const { raw, path } of given) {
    const value = raw?.replace(/\D/g, '');
    if (value && !found.some((f) => f.value === value)) found.push({ value, path });
  }
  return found;
}

/** A building's total insured value: the sum of its subject-of-insurance limits; undefined when none is given. */
function tivOf(building: Building): number | undefined {
  const limits = (building.subjectsOfInsurance ?? []).map((soi) => numberOf(soi.limitAmount)).filter((n): n is number => n !== undefined);
  return limits.length ? limits.reduce((a, b) => a + b, 0) : undefined;
}

/** The worst class a protection class code names: "5" → 5, a split class "4/9" → 9, "8B" → 8. */
function worstProtectionClass(code: string): number | undefined {
  const classes = [...code.matchAll(/\d+/g)].map((m) => +m[0]).filter((n) => n >= 1 && n <= 10);
  return classes.length ? Math.max(...classes) : undefined;
}

const statesRule = (rule: RuleOf<'states'>, ctx: RuleContext): AppetiteHit[] => {
  const states = riskStates(ctx.submission);
  if (!states.length) return [missing(rule, 'no state for any premises or the insured: needed to check the states written', 'premises[0].physicalAddress.stateOrProvinceCode')];
  return states.flatMap(({ value, path }) => {
    if (rule.out?.includes(value)) return [fired(rule, `${value} is a state the carrier does not write`, path, value)];
    if (rule.in && !rule.in.includes(value)) return [fired(rule, `${value} is not among the states written (${rule.in.join(', ')})`, path, value)];
    return [];
  });
};

const classCodeRule = (rule: RuleOf<'class-codes'>, ctx: RuleContext): AppetiteHit[] => {
  const name = rule.system === 'iso-gl' ? 'ISO GL class code' : 'NAICS code';
  const codes = classCodes(ctx.submission, rule.system);
  if (!codes.length) {
    const path = rule.system === 'iso-gl' ? 'generalLiability.hazards[0].classCode' : 'namedInsureds[0].naicsCode';
    return [missing(rule, `no ${name} given: needed to check the classes written`, path)];
  }
  return codes.flatMap(({ value, path }) => {
    const excluded = rule.out?.find((p) => matchesClassCode(value, p));
    if (excluded) return [fired(rule, `${name} ${value} is excluded by "${excluded}"`, path, value)];
    if (rule.in && !rule.in.some((p) => matchesClassCode(value, p))) return [fired(rule, `${name} ${value} is not among the classes written`, path, value)];
    return [];
  });
};

/**
 * A building as the TIV rules judge it: a 140 building (with the schedule-of-values rows matched to it by
 * address) or a schedule row on no 140. Its TIV is the larger of the two sources; `location` groups the
 * buildings of one location (the 140's location number; a schedule row joins the 140 location at its street).
 */
type TivUnit = { path: string; name: string; tiv: number | undefined; location: string; where: string };

function tivUnits(ctx: RuleContext): TivUnit[] {
  const buildings = ctx.submission.property?.locations ?? [];
  const matches = matchSovBuildings(ctx.submission);
  const keys = buildings.map((b) => addressKey({ lineOne: textOf(b.physicalAddressLine) }));
  const locationOf = (i: number) => textOf(buildings[i]!.locationProducerIdentifier) ?? `#${i}`;
  const units = buildings.map((b, i): TivUnit => {
    const path = `property.locations[${i}]`;
    const own = tivOf(b);
    const sov = matches.filter((m) => m.location === i && m.building.tiv !== null).map((m) => ({ tiv: m.building.tiv!, at: `schedulesOfValues[${m.schedule}].buildings[${m.index}]` }));
    const top = sov.reduce<(typeof sov)[number] | undefined>((a, m) => (!a || m.tiv > a.tiv ? m : a), undefined);
    const fromSov = top !== undefined && (own === undefined || top.tiv > own);
    return { path, name: fromSov ? `building ${path} (schedule of values ${top.at})` : `building ${path}`, tiv: fromSov ? top.tiv : own, location: locationOf(i), where: `${path}.subjectsOfInsurance` };
  });
  for (const m of matches.filter((m) => m.location === null)) {
    const path = `schedulesOfValues[${m.schedule}].buildings[${m.index}]`;
    const key = sovAddressKey(m.building);
    const at = key ? keys.findIndex((k) => k && sameStreet(key, k)) : -1;
    const location = at >= 0 ? locationOf(at) : key ? `${key.street}|${key.zip5 ?? ''}` : path;
    const address = m.building.cells.address?.raw;
    units.push({ path, name: `schedule-of-values building ${path}${address ? ` (${address})` : ''}`, tiv: m.building.tiv ?? undefined, location, where: path });
  }
  return units;
}

/** The 140's buildings, or a need-info hit when property is asked for without any. Null when the rule does not apply. */
function buildingsFor(rule: AppetiteRule, ctx: RuleContext): { buildings: Building[] } | { hits: AppetiteHit[] } | null {
  if (!ctx.propertyRequested) return null;
  const buildings = ctx.submission.property?.locations ?? [];
  if (buildings.length) return { buildings };
  return { hits: [missing(rule, 'property is asked for but no building is described (no ACORD 140)', 'property.locations')] };
}

/** The buildings the TIV rules judge (the 140's and the schedules'), or a need-info hit when property is asked for without any. */
function tivUnitsFor(rule: AppetiteRule, ctx: RuleContext): { units: TivUnit[] } | { hits: AppetiteHit[] } | null {
  if (!ctx.propertyRequested) return null;
  const units = tivUnits(ctx);
  if (units.length) return { units };
  return { hits: [missing(rule, 'property is asked for but no building is described (no ACORD 140, no schedule of values)', 'property.locations')] };
}

const perBuilding = (rule: AppetiteRule, ctx: RuleContext, check: (b: Building, path: string) => AppetiteHit[]): AppetiteHit[] => {
  const found = buildingsFor(rule, ctx);
  if (!found) return [];
  if ('hits' in found) return found.hits;
  return found.buildings.flatMap((b, i) => check(b, `property.locations[${i}]`));
};

const maxTivPerBuilding = (rule: RuleOf<'max-tiv-per-building'>, ctx: RuleContext): AppetiteHit[] => {
  const found = tivUnitsFor(rule, ctx);
  if (!found) return [];
  if ('hits' in found) return found.hits;
  return found.units.flatMap((u) => {
    if (u.tiv === undefined) return [missing(rule, `${u.path}: no subject-of-insurance limit given: needed for its total insured value`, u.where)];
    return u.tiv > rule.amount ? [fired(rule, `${u.name}: total insured value ${dollars(u.tiv)} is over ${dollars(rule.amount)} per building`, u.where, u.tiv)] : [];
  });
};

const maxTivPerLocation = (rule: RuleOf<'max-tiv-per-location'>, ctx: RuleContext): AppetiteHit[] => {
  const found = tivUnitsFor(rule, ctx);
  if (!found) return [];
  if ('hits' in found) return found.hits;
  // Buildings of one location share its location number; a building without one is a location of its own.
  const locations = new Map<string, TivUnit[]>();
  for (const u of found.units) locations.set(u.location, [...(locations.get(u.location) ?? []), u]);
  return [...locations].flatMap(([key, units]) => {
    const total = units.reduce((a, u) => a + (u.tiv ?? 0), 0);
    const path = units[0]!.path;
    const where = key.startsWith('#') || key === path ? path : `location ${key.includes('|') ? `at ${key.split('|')[0]}` : key} (${units.map((u) => u.path).join(', ')})`;
    if (total > rule.amount) return [fired(rule, `${where}: total insured value ${dollars(total)} is over ${dollars(rule.amount)} per location`, path, total)];
    return units.filter((u) => u.tiv === undefined).map((u) => missing(rule, `${u.path}: no subject-of-insurance limit given: needed for the total insured value of ${where}`, u.where));
  });
};

const maxTotalTiv = (rule: RuleOf<'max-total-tiv'>, ctx: RuleContext): AppetiteHit[] => {
  const found = tivUnitsFor(rule, ctx);
  if (!found) return [];
  if ('hits' in found) return found.hits;
  const total = found.units.reduce((a, u) => a + (u.tiv ?? 0), 0);
  const sources = ctx.submission.schedulesOfValues?.length ? 'the 140s and the schedules of values' : 'the 140s';
  if (total > rule.amount) return [fired(rule, `${found.units.length} buildings (${sources}): total insured value ${dollars(total)} is over ${dollars(rule.amount)} in all`, 'property.locations', total)];
  return found.units.filter((u) => u.tiv === undefined).map((u) => missing(rule, `${u.path}: no subject-of-insurance limit given: needed for the total insured value`, u.where));
};

const maxStoriesUnsprinklered = (rule: RuleOf<'max-stories-unsprinklered'>, ctx: RuleContext) =>
  perBuilding(rule, ctx, (b, path) => {
    const stories = numberOf(b.construction?.storeyCount);
    if (stories === undefined) return [missing(rule, `${path}: number of storeys not given`, `${path}.construction.storeyCount`)];
    if (stories <= rule.stories) return [];
    // Over the limit the building must be fully sprinklered; only then does its sprinkler share matter.
    const sprinklered = numberOf(b.fireProtection?.sprinklerPercent);
    if (sprinklered === undefined) {
      return [missing(rule, `${path}: ${stories} storeys, over ${rule.stories} unless fully sprinklered, and the sprinklered share is not given`, `${path}.fireProtection.sprinklerPercent`)];
    }
    if (sprinklered >= 100) return [];
    return [fired(rule, `${path}: ${stories} storeys, ${sprinklered} % sprinklered: over ${rule.stories} storeys when not fully sprinklered`, `${path}.construction.storeyCount`, stories)];
  });

const maxBuildingAge = (rule: RuleOf<'max-building-age'>, ctx: RuleContext) =>
  perBuilding(rule, ctx, (b, path) => {
    const built = numberOf(b.construction?.builtYear);
    if (built === undefined) return [missing(rule, `${path}: year built not given`, `${path}.construction.builtYear`)];
    const age = +ctx.asOf.slice(0, 4) - built;
    return age > rule.years ? [fired(rule, `${path}: built ${built}, ${age} years old on ${ctx.asOf}: over ${rule.years} years`, `${path}.construction.builtYear`, built)] : [];
  });

const worstProtection = (rule: RuleOf<'worst-protection-class'>, ctx: RuleContext) =>
  perBuilding(rule, ctx, (b, path) => {
    const code = textOf(b.fireProtection?.protectionClassCode);
    const at = `${path}.fireProtection.protectionClassCode`;
    const pc = code ? worstProtectionClass(code) : undefined;
    if (pc === undefined) return [missing(rule, code ? `${path}: protection class "${code}" names no class 1–10` : `${path}: protection class not given`, at)];
    return pc > rule.protectionClass ? [fired(rule, `${path}: protection class ${code} is worse than ${rule.protectionClass}`, at, code!)] : [];
  });

/** A loss as the loss rules count it: a loss-run claim, or a 125 loss outside every period a loss run covers. */
type Loss = { path: string; amountPath: string; date: string | undefined; incurred: number | undefined };

/**
 * The losses the rules count, or a need-info hit when there is no loss history at all (no loss run, no
 * losses listed, "no prior losses" not ticked). Within a period a loss run covers, its claims replace the
 * 125's list: the same loss is on both, and the carrier's run is the record. An undated 125 loss cannot be
 * placed, so it counts only when no loss run is sent.
 */
function lossesFor(rule: AppetiteRule, ctx: RuleContext): { losses: Loss[] } | { hits: AppetiteHit[] } {
  const history = ctx.submission.lossHistory;
  const runs = ctx.submission.lossRuns ?? [];
  const listed = history?.losses ?? [];
  if (!runs.length && !listed.length && history?.noPriorLossesIndicator?.value !== true) {
    return { hits: [missing(rule, 'no losses listed, "no prior losses" not ticked and no loss run sent: the loss history is needed', 'lossHistory.losses')] };
  }
  const periods = runs.flatMap((r) => [...r.periods, ...r.claims.flatMap((c) => (c.policyPeriod ? [c.policyPeriod] : []))]);
  const inRun = (date: string | undefined) => (date ? periods.some((p) => date >= p.from && date < p.to) : runs.length > 0);
  const claims = runs.flatMap((r, i) =>
    r.claims.map((c, j): Loss => {
      const incurred = c.incurred ?? (c.paid === null && c.reserve === null ? undefined : (c.paid ?? 0) + (c.reserve ?? 0));
      return { path: `lossRuns[${i}].claims[${j}]`, amountPath: `lossRuns[${i}].claims[${j}].incurred`, date: c.lossDate ?? c.policyPeriod?.from, incurred };
    }),
  );
  const own = listed.flatMap((l, i): Loss[] => {
    const date = textOf(l.occurrenceDate);
    if (inRun(date)) return [];
    const paid = numberOf(l.paidAmount);
    const reserved = numberOf(l.reservedAmount);
    const incurred = paid === undefined && reserved === undefined ? undefined : (paid ?? 0) + (reserved ?? 0);
    return [{ path: `lossHistory.losses[${i}]`, amountPath: `lossHistory.losses[${i}].paidAmount`, date, incurred }];
  });
  return { losses: [...own, ...claims] };
}

const maxLossesFiveYears = (rule: RuleOf<'max-losses-5y'>, ctx: RuleContext): AppetiteHit[] => {
  const found = lossesFor(rule, ctx);
  if ('hits' in found) return found.hits;
  const since = `${+ctx.asOf.slice(0, 4) - 5}${ctx.asOf.slice(4)}`;
  // A loss without a date cannot be placed outside the five years, so it counts.
  const counted = found.losses.filter((l) => !l.date || l.date >= since);
  if (counted.length <= rule.count) return [];
  const fromRuns = counted.filter((l) => l.path.startsWith('lossRuns')).length;
  const sources = fromRuns ? ` (${fromRuns} from the loss runs, ${counted.length - fromRuns} from the 125)` : '';
  const path = fromRuns === counted.length ? 'lossRuns' : 'lossHistory.losses';
  return [fired(rule, `${counted.length} losses since ${since}${sources}: more than ${rule.count} in five years`, path, counted.length)];
};

const maxSingleLoss = (rule: RuleOf<'max-single-loss'>, ctx: RuleContext): AppetiteHit[] => {
  const found = lossesFor(rule, ctx);
  if ('hits' in found) return found.hits;
  return found.losses.flatMap((l) => {
    if (l.incurred === undefined) return [missing(rule, `${l.path}: neither paid nor reserved amount given`, l.amountPath)];
    return l.incurred > rule.amount ? [fired(rule, `${l.path}: ${dollars(l.incurred)} incurred (paid and reserved) is over ${dollars(rule.amount)} for one loss`, l.amountPath, l.incurred)] : [];
  });
};

/** The hits of one rule on a submission: none when it does not fire. */
export function checkRule(rule: AppetiteRule, ctx: RuleContext): AppetiteHit[] {
  switch (rule.kind) {
    case 'states':
      return statesRule(rule, ctx);
    case 'class-codes':
      return classCodeRule(rule, ctx);
    case 'max-tiv-per-location':
      return maxTivPerLocation(rule, ctx);
    case 'max-tiv-per-building':
      return maxTivPerBuilding(rule, ctx);
    case 'max-total-tiv':
      return maxTotalTiv(rule, ctx);
    case 'max-stories-unsprinklered':
      return maxStoriesUnsprinklered(rule, ctx);
    case 'max-building-age':
      return maxBuildingAge(rule, ctx);
    case 'worst-protection-class':
      return worstProtection(rule, ctx);
    case 'max-losses-5y':
      return maxLossesFiveYears(rule, ctx);
    case 'max-single-loss':
      return maxSingleLoss(rule, ctx);
  }
}
