/**
 * The review service level: a submission is due a number of business hours after it was received, the
 * clock running only inside the business day (e.g. 09:00–17:00) on business days, in the business's time
 * zone. Pure: the zone's offsets come from Intl, never from tables of our own.
 */
export type ServiceLevel = {
  /** Business hours from receipt to due. */
  hours: number;
  /** Minutes after local midnight the business day opens and closes (540, 1020 for 09:00–17:00). */
  opens: number;
  closes: number;
  /** Business days, 0 = Sunday … 6 = Saturday. */
  days: readonly number[];
  /** IANA zone name. */
  timeZone: string;
};

/** Where a submission stands against the service level at `now`. */
export type ServiceClock = {
  dueAt: Date;
  /** Business time left until due, in ms; negative when overdue (by that much business time). */
  remainingMs: number;
  overdue: boolean;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A service level whose days are all closed would never fall due: ten years of days is the search's end. */
const MAX_DAYS = 3660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `instant`, read as if it were UTC (ms): wall - instant is the zone's offset. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), new Date(instant).getUTCMilliseconds());
}

/**
 * The instant the zone's clocks show `wall` (a wall time written as UTC ms). Checked against the offset
 * at the first guess and again after it, so that a day the clocks change on gives the right hour; a wall
 * time skipped by a spring-forward gives the instant just after the gap.
 */
function instantOf(wall: number, timeZone: string): number {
  const first = wall - (wallClock(wall, timeZone) - wall);
  const second = wall - (wallClock(first, timeZone) - first);
  return Math.max(first, second);
}

/** The business day's opening hours, as instants, of each local calendar day from the one holding `from`. */
function* businessWindows(from: number, level: ServiceLevel): Generator<[number, number]> {
  const local = wallClock(from, level.timeZone);
  const midnight = local - (((local % DAY) + DAY) % DAY);
  for (let d = 0; d < MAX_DAYS; d++) {
    const day = midnight + d * DAY;
    if (!level.days.includes(new Date(day).getUTCDay())) continue;
    yield [instantOf(day + level.opens * MINUTE, level.timeZone), instantOf(day + level.closes * MINUTE, level.timeZone)];
  }
}

/** Business time between two instants (`from` ≤ `to`), in ms. */
function businessMsBetween(from: number, to: number, level: ServiceLevel): number {
  let total = 0;
  for (const [open, close] of businessWindows(from, level)) {
    if (open >= to) break;
    total += Math.max(0, Math.min(close, to) - Math.max(open, from));
  }
  return total;
}

/** When a submission received at `receivedAt` is due: `level.hours` of business time later. */
export function dueAt(receivedAt: Date, level: ServiceLevel): Date {
  let left = level.hours * 60 * MINUTE;
  const received = receivedAt.getTime();
  for (const [open, close] of businessWindows(received, level)) {
    const start = Math.max(open, received);
    if (close <= start) continue;
    if (close - start >= left) return new Date(start + left);
    left -= close - start;
  }
  throw new RangeError(`the service level has no business day in ${MAX_DAYS} days: set BUSINESS_DAYS`);
}

/** The due time, and the business time left (or overdue, negative) at `now`. */
export function serviceClock(receivedAt: Date, now: Date, level: ServiceLevel): ServiceClock {
  const due = dueAt(receivedAt, level);
  const t = now.getTime();
  const remainingMs = t <= due.getTime() ? businessMsBetween(t, due.getTime(), level) : -businessMsBetween(due.getTime(), t, level);
  return { dueAt: due, remainingMs, overdue: t > due.getTime() };
}
