import type { ChecklistItemStatus, CheckReport } from '../../../schemas/check-report.js';
import type { Need } from '../../../schemas/flag.js';
import { drawTable } from './draw-table.js';
import type { PageFlow } from './page-flow.js';

const STATUS_ORDER = { missing: 0, flagged: 1, met: 2 } as const;
const STATUS_TEXT = { missing: 'MISSING', flagged: 'FLAGGED', met: 'met' } as const;
const NEED_TITLE: Record<Need, string> = { quote: 'Needed to quote', bind: 'Needed to bind (subjectivities)' };

/** The checklist, split into what a quote needs and what binding needs; open items first in each. */
export function drawChecklist(flow: PageFlow, report: CheckReport): void {
  flow.newPage();
  flow.heading('Checklist');
  if (!report.checklist.length) flow.text('No checklist applies: no line of business could be told from the submission.');
  const messages = new Map(report.flags.map((f) => [f.id, f.message]));
  for (const when of ['quote', 'bind'] as const) {
    const items = report.checklist.filter((i) => i.when === when).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
    if (!items.length) continue;
    const tally = (['missing', 'flagged', 'met'] as const).map((s) => `${items.filter((i) => i.status === s).length} ${s}`).join(', ');
    flow.heading(`${NEED_TITLE[when]}: ${tally}`, 2);
    drawTable(
      flow,
      [
        { header: 'Status', weight: 11 },
        { header: 'Item', weight: 30 },
        { header: 'Why it is needed', weight: 30 },
        { header: 'What is wrong', weight: 39 },
      ],
      items.map((i: ChecklistItemStatus) => [STATUS_TEXT[i.status], i.label, i.why, whatIsWrong(i.flags.map((id) => messages.get(id) ?? id))]),
    );
  }
}

/** The flags' messages, each once: twenty unanswered questions say so once, with their count. */
function whatIsWrong(messages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].map(([m, n]) => (n > 1 ? `${m} (${n} times)` : m)).join('\n');
}
