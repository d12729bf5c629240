import type { CheckReport } from '../../../schemas/check-report.js';
import type { Flag, FlagCode } from '../../../schemas/flag.js';

/** What only the broker can fix: a value not given, not legible, or wrong. Low confidence is ours to review; appetite is the underwriter's call. */
const BROKER_CODES: readonly FlagCode[] = ['missing', 'unreadable', 'invalid'];

export type RequestItem = {
  flag: Flag;
  /** The checklist item's label ("Loss runs, 5 years") when the flag is a checklist item's; else undefined. */
  checklistLabel?: string;
  /** True when a reviewer marked the flag "ask the broker" (whatever its code or severity). */
  askedByReviewer?: boolean;
};

/** Form, then page, then top to bottom (PDF y grows upwards), then left to right; the unplaced after, in report order. */
function byPlaceOnForm(a: RequestItem, b: RequestItem): number {
  const sa = a.flag.source;
  const sb = b.flag.source;
  const key = (s: Flag['source']) => [s?.form ?? '999', s?.page ?? Number.MAX_SAFE_INTEGER, -(s?.rect?.[1] ?? 0), s?.rect?.[0] ?? 0] as const;
  const [fa, pa, ya, xa] = key(sa);
  const [fb, pb, yb, xb] = key(sb);
  return fa.localeCompare(fb) || pa - pb || ya - yb || xa - xb;
}

const askedOf = (f: Flag) => f.resolution?.action === 'ask-broker';

/**
 * The items a broker is asked for: each open (unresolved) blocking or checklist flag that is missing,
 * unreadable or invalid, and each flag a reviewer marked "ask the broker", split by when it is needed, in the order the
 * broker meets them on the forms.
 */
export function requestItems(report: CheckReport): { quote: RequestItem[]; bind: RequestItem[] } {
  const labels = new Map(report.checklist.flatMap((item) => item.flags.map((id) => [id, item.label] as const)));
  // What a checklist item asks for is the broker's to send even when it only warns (loss runs, needed to bind).
  const items = new Set(report.checklist.map((item) => item.id));
  const open = report.flags
    .filter((f) => askedOf(f) || (!f.resolution && (f.severity === 'blocking' || items.has(f.rule)) && BROKER_CODES.includes(f.code)))
    .map((flag): RequestItem => ({ flag, checklistLabel: labels.get(flag.id), ...(askedOf(flag) ? { askedByReviewer: true } : {}) }))
    .sort(byPlaceOnForm);
  return { quote: open.filter((i) => i.flag.when === 'quote'), bind: open.filter((i) => i.flag.when === 'bind') };
}
