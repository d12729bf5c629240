import type { SubmissionEvent } from '../../schemas/db-records.js';
import { html, type Html } from './html-page.js';

const str = (value: unknown): string => (value === undefined || value === null || value === '' ? '(empty)' : typeof value === 'string' ? value : JSON.stringify(value));

/** What happened, in words: old → new for a change, the reason when one was given. Tax ids were masked when stored. */
function whatHappened(event: SubmissionEvent): string {
  const d = event.detail;
  const reason = typeof d.reason === 'string' && d.reason ? ` — ${d.reason}` : typeof d.note === 'string' && d.note ? ` — ${d.note}` : '';
  switch (event.kind) {
    case 'received':
      return `Received from ${str(d.source)}`;
    case 'document-added':
      return `File ${str(d.fileName)} stored`;
    case 'state-changed':
      return `State ${str(d.from)} → ${str(d.to)}${typeof d.code === 'string' ? ` (${d.code})` : ''}`;
    case 'extraction-saved':
      return `Forms read: ${str(d.status)}`;
    case 'check-saved':
      return `Checked: ${str(d.flags)} flags, ${str(d.open)} open`;
    case 'flag-resolved':
      return `Flag on ${str(d.path)}: ${str(d.action)}${reason}`;
    case 'value-edited':
      return `${str(d.path)}: ${str(d.old)} → ${str(d.new)}${reason}`;
    case 'tax-id-revealed':
      return `Tax id at ${str(d.path)} shown in full`;
    case 'clearance-overridden':
      return `Clearance ${str(d.old)} → ${str(d.new)}${reason}`;
    case 'clearance-recomputed':
      return `Clearance decided again: ${str(d.old)} → ${str(d.new)} (an earlier submission was read after this one)`;
  }
}

/** The audit trail, oldest first: who, when (UTC), old → new, why. */
export function auditList(events: readonly SubmissionEvent[]): Html {
  const items = events.map(
    (e) => html`<li class="audit-entry" id="event-${e.id}" data-kind="${e.kind}"><time datetime="${e.at}">${e.at.slice(0, 10)} ${e.at.slice(11, 19)} UTC</time> <span class="actor">${e.actor}</span> <span class="what">${whatHappened(e)}</span></li>`,
  );
  return html`<ol>${items}</ol>`;
}
