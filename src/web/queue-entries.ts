import type { QueueRow, SubmissionState } from '../../schemas/db-records.js';
import { serviceClock, type ServiceLevel } from '../review/service-level.js';
import { STATE_WORDS } from './state-words.js';

/** The queue's columns, in the table's order; `th[data-sort]` names them. */
export const QUEUE_COLUMNS = ['status', 'insured', 'fein', 'lines', 'broker', 'received', 'due', 'flags', 'appetite', 'clearance'] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

export const COLUMN_TITLES: Record<QueueColumn, string> = {
  status: 'Status',
  insured: 'Insured',
  fein: 'FEIN',
  lines: 'Lines',
  broker: 'Broker',
  received: 'Received',
  due: 'Due',
  flags: 'Open flags',
  appetite: 'Appetite',
  clearance: 'Clearance',
};

/** Sorted worst last: ascending puts the clear ones first, a click more the blocked ones. */
const CLEARANCE_RANK = { clear: 1, possible: 2, probable: 3, blocked: 4 } as const;

/** "blocked · Harbor Point Brokerage", "clear (overridden)", "—" before clearance ran. */
function clearanceText(clearance: QueueRow['clearance']): string {
  if (!clearance) return '—';
  return `${clearance.outcome}${clearance.overridden ? ' (overridden)' : ''}${clearance.otherBroker ? ` · ${clearance.otherBroker}` : ''}`;
}

const FIRST_WORDS = { this: 'this one', that: 'that one', neither: 'neither yet' } as const;

/** The clearance cell's title: when the strongest match came, and which of the two was complete first. */
function clearanceNote(clearance: QueueRow['clearance'], when: (iso: string) => string): string | null {
  const top = clearance?.strongest;
  return top ? `Strongest match received ${when(top.receivedAt)}; complete first: ${FIRST_WORDS[top.firstComplete]}` : null;
}

/** The clock stops once the review is done (or there is nothing to review). */
const CLOCK_STOPPED: ReadonlySet<SubmissionState> = new Set(['ready-for-underwriter', 'taken', 'duplicate']);
/** "Due soon" (the Alert badge) when this share of the service level or less is left. */
const ALERT_SHARE = 0.25;

/**
 * One line of the queue as the page and GET /api/queue give it: the row, where it stands against the
 * service level, each cell's text (made here once, for the page and its script alike), the clearance cell's
 * title and a sort key per column. A tax id appears as its last four digits only.
 */
export type QueueEntry = QueueRow & {
  due: { at: string; remainingMs: number; overdue: boolean; soon: boolean } | null;
  cells: Record<QueueColumn, string>;
  clearanceNote: string | null;
  sort: Record<QueueColumn, string | number>;
};

const LINE_WORDS = { 'general-liability': 'GL', property: 'Property', package: 'Package' } as const;

/** "1 h 05 min", "35 min". */
export function businessDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/** "Tue 1 Dec 14:15" on the business's clock. */
export const businessTime = (timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso: string) => f.format(new Date(iso)).replace(',', '');
};

/** The queue's entries at `now`, the oldest due first (stopped clocks last, oldest received first). */
export function queueEntries(rows: readonly QueueRow[], level: ServiceLevel, now: Date): QueueEntry[] {
  const when = businessTime(level.timeZone);
  const alertMs = level.hours * 3_600_000 * ALERT_SHARE;
  const entries = rows.map((row): QueueEntry => {
    const clock = CLOCK_STOPPED.has(row.state) ? null : serviceClock(new Date(row.receivedAt), now, level);
    const due = clock && { at: clock.dueAt.toISOString(), remainingMs: clock.remainingMs, overdue: clock.overdue, soon: !clock.overdue && clock.remainingMs <= alertMs };
    const { blocking, warning, info } = row.openFlags;
    const flagText = [blocking && `${blocking} blocking`, warning && `${warning} warning${warning === 1 ? '' : 's'}`, info && `${info} info`].filter(Boolean).join(' · ');
    return {
      ...row,
      due,
      clearanceNote: clearanceNote(row.clearance, when),
      cells: {
        status: STATE_WORDS[row.state],
        insured: row.insuredName ?? `(not read yet) ${row.source}`,
        fein: row.feinLast4 ? `**-***${row.feinLast4}` : '—',
        lines: row.lines.map((l) => LINE_WORDS[l]).join(', ') || '—',
        broker: row.brokerName ?? '—',
        received: when(row.receivedAt),
        due: !due ? 'done' : due.overdue ? `overdue ${businessDuration(due.remainingMs)}` : `${when(due.at)} (${businessDuration(due.remainingMs)} left)`,
        flags: flagText || 'none',
        appetite: row.appetite ?? '—',
        clearance: clearanceText(row.clearance),
      },
      sort: {
        status: STATE_WORDS[row.state],
        insured: (row.insuredName ?? '').toLowerCase(),
        fein: row.feinLast4 ?? '',
        lines: row.lines.join(','),
        broker: (row.brokerName ?? '').toLowerCase(),
        received: row.receivedAt,
        // A stopped clock sorts after every running one.
        due: due ? due.at : `~${row.receivedAt}`,
        flags: blocking * 1_000_000 + warning * 1000 + info,
        appetite: row.appetite ?? '',
        clearance: row.clearance ? CLEARANCE_RANK[row.clearance.outcome] : 0,
      },
    };
  });
  return entries.sort((a, b) => (a.sort.due < b.sort.due ? -1 : a.sort.due > b.sort.due ? 1 : a.id < b.id ? -1 : 1));
}
