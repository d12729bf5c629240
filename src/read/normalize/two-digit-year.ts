/**
 * Dates and years of things that have already happened: built, updated, founded, born, a loss. A
 * two-digit year there is the latest such year not after this one ("98" built → 1998, "24" → 2024).
 */
const PAST = /(built|wiring|roofing|plumbing|heating|other|policy)Year$|businessStartDate|established|birth|occurrenceDate|claimDate|resolutionDate|installationDate/i;

/** Every other date (policy terms, signatures, retroactive dates) lies within this many years of today. */
const WINDOW_YEARS = 20;

/**
 * The four-digit year a two-digit year stands for in the box at model path `path`, or null where no
 * century puts it where such a date can be: a policy date written "60" is neither 1960 nor 2060.
 */
export function resolveTwoDigitYear(yy: number, path: string | undefined): number | null {
  const now = new Date().getUTCFullYear();
  const sameCentury = now - (now % 100) + yy;
  if (path !== undefined && PAST.test(path)) return sameCentury <= now ? sameCentury : sameCentury - 100;
  const nearest = [sameCentury - 100, sameCentury, sameCentury + 100].reduce((a, b) => (Math.abs(b - now) < Math.abs(a - now) ? b : a));
  return Math.abs(nearest - now) <= WINDOW_YEARS ? nearest : null;
}
