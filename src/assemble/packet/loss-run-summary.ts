import type { LossRun, LossRunClaim } from '../../../schemas/loss-run.js';

/** One policy year of the loss runs: its claims' count, incurred total, largest claim and reserves still open. */
export type LossYear = { from: string; to: string; carriers: string[]; count: number; incurred: number; largest: number; openReserves: number };

/** A claim's incurred: as printed, else paid plus reserve. */
export const claimIncurred = (c: LossRunClaim): number => c.incurred ?? (c.paid ?? 0) + (c.reserve ?? 0);

/**
 * The loss runs by policy year, oldest first: every period a run lists (a year without claims is a year
 * of no losses, and shows as one), each claim under its own period, else under the period holding its
 * loss date, else under a year of its own (its loss date's, or "undated").
 */
export function lossYears(runs: readonly LossRun[]): LossYear[] {
  const years = new Map<string, LossYear>();
  const yearOf = (from: string, to: string) => {
    const key = `${from}|${to}`;
    let year = years.get(key);
    if (!year) years.set(key, (year = { from, to, carriers: [], count: 0, incurred: 0, largest: 0, openReserves: 0 }));
    return year;
  };
  for (const run of runs) {
    const periods = [...run.periods, ...run.claims.flatMap((c) => (c.policyPeriod ? [c.policyPeriod] : []))];
    const carrier = run.carrier ?? run.file;
    for (const p of run.periods) yearOf(p.from, p.to);
    for (const claim of run.claims) {
      const date = claim.lossDate;
      const period = claim.policyPeriod ?? (date ? periods.find((p) => date >= p.from && date < p.to) : undefined);
      const year = period ? yearOf(period.from, period.to) : date ? yearOf(`${date.slice(0, 4)}-01-01`, `${Number(date.slice(0, 4)) + 1}-01-01`) : yearOf('', '');
      const incurred = claimIncurred(claim);
      year.count += 1;
      year.incurred += incurred;
      year.largest = Math.max(year.largest, incurred);
      if (claim.status !== 'closed') year.openReserves += claim.reserve ?? 0;
    }
    for (const p of periods) {
      const year = yearOf(p.from, p.to);
      if (!year.carriers.includes(carrier)) year.carriers.push(carrier);
    }
  }
  return [...years.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
