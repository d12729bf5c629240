import { effectiveClearance, matchStanding, type ClearanceOutcome, type ClearanceResult, type ClearanceStanding } from '../../../schemas/clearance.js';
import { explainMatch } from '../../validate/clearance/decide-clearance.js';
import { drawTable } from './draw-table.js';
import { formatReceived } from './field-text.js';
import { AMBER, GREEN, MUTED, RED, type PageFlow } from './page-flow.js';

export const CLEARANCE_WORDS: Record<ClearanceOutcome, string> = {
  clear: 'Clear: no earlier submission resembles this one',
  possible: 'Possible match: a similar name, or the same address under another name',
  probable: 'Probable match: the same tax id, or a similar name at the same address',
  blocked: 'Blocked: another broker brought this insured and that submission is still open',
};
export const CLEARANCE_COLOR = { clear: GREEN, possible: AMBER, probable: AMBER, blocked: RED } as const;

/** The override, when one stands, in a sentence: who set which outcome when, and why. */
export const overrideText = (c: ClearanceResult, mask: (t: string) => string): string | null =>
  c.override ? `Overridden to ${c.override.outcome} by ${c.override.by} on ${formatReceived(new Date(c.override.at))} (computed: ${c.outcome}): ${mask(c.override.reason)}` : null;

/**
 * The clearance section: the outcome that stands, the override, and every earlier submission that resembles
 * this one, with its state and first-complete time as they stand (`standing`; null: as the match recorded them).
 */
export function drawClearance(flow: PageFlow, clearance: ClearanceResult, standing: ClearanceStanding | null, mask: (t: string) => string): void {
  flow.newPage();
  flow.heading('Clearance');
  const outcome = effectiveClearance(clearance);
  flow.text(CLEARANCE_WORDS[outcome], { size: 11.5, font: flow.fonts.bold, color: CLEARANCE_COLOR[outcome] });
  const override = overrideText(clearance, mask);
  if (override) flow.text(override, { size: 10 });
  flow.text(`Checked ${formatReceived(new Date(clearance.checkedAt))} against the submissions received in the ${clearance.windowDays} days before.`, { color: MUTED });
  flow.space(6);
  if (!clearance.matches.length) {
    flow.text('No earlier submission matched.');
    return;
  }
  flow.heading(`Matches (${clearance.matches.length}), strongest first`, 2);
  drawTable(
    flow,
    [
      { header: 'Outcome', weight: 9 },
      { header: 'Matched on', weight: 10 },
      { header: 'Insured', weight: 15 },
      { header: 'Broker', weight: 15 },
      { header: 'Received', weight: 11 },
      { header: 'State', weight: 12 },
      { header: 'Complete', weight: 11 },
      { header: 'Why', weight: 27 },
    ],
    clearance.matches.map((m) => [m, matchStanding(m, standing)] as const).map(([m, now]) => [
      m.outcome,
      `${m.reasons.join(', ')}${m.reasons.includes('name') ? ` (${Math.round(m.nameSimilarity * 100)} %)` : ''}`,
      mask(m.insuredName ?? 'not read'),
      `${m.brokerName ?? 'unknown'}${m.otherBroker ? ' (another broker)' : ''}`,
      formatReceived(new Date(m.receivedAt)),
      now.state.replaceAll('-', ' '),
      now.completeAt ? formatReceived(new Date(now.completeAt)) : 'not yet',
      `${mask(explainMatch({ ...m, ...now }))} (submission ${m.submissionId})`,
    ]),
  );
}
