import { html, page, type PageUser } from './html-page.js';
import { COLUMN_TITLES, QUEUE_COLUMNS, type QueueEntry } from './queue-entries.js';

/** The due cell's classes: `overdue` past the service level, `due-soon` in its last quarter (the Alert badge). */
export const dueClass = (entry: QueueEntry): string => `due${entry.due?.overdue ? ' overdue' : entry.due?.soon ? ' due-soon' : ''}`;

/** The clearance cell's classes: its outcome's (blocked in red, probable in amber). */
const clearanceClass = (entry: QueueEntry): string => `clearance${entry.clearance ? ` clearance-${entry.clearance.outcome}` : ''}`;

/**
 * The review queue: one row per submission, the oldest due first. /assets/queue.js sorts and filters
 * it, and refreshes it from GET /api/queue; without the script it is still the whole queue.
 */
export function queuePage(entries: readonly QueueEntry[], user: PageUser): string {
  const head = QUEUE_COLUMNS.map((c) => html`<th data-sort="${c}" tabindex="0" aria-sort="${c === 'due' ? 'ascending' : 'none'}">${COLUMN_TITLES[c]}</th>`);
  const rows = entries.map(
    (e) => html`<tr data-submission-id="${e.id}" data-state="${e.state}">${QUEUE_COLUMNS.map((c) =>
      c === 'insured'
        ? html`<td class="insured"><a class="review-link" href="/submissions/${e.id}/review">${e.cells.insured}</a></td>`
        : c === 'clearance' && e.clearanceNote
          ? html`<td class="${clearanceClass(e)}" title="${e.clearanceNote}">${e.cells[c]}</td>`
          : html`<td class="${c === 'due' ? dueClass(e) : c === 'clearance' ? clearanceClass(e) : c}">${e.cells[c]}</td>`,
    )}</tr>`,
  );
  return page(
    'Review queue',
    html`<div class="toolbar"><label>Filter <input id="queue-filter" type="search" placeholder="insured, broker, status or clearance" autocomplete="off"></label>
<span id="queue-updated" class="muted" aria-live="polite"></span></div>
<table id="queue"><thead><tr>${head}</tr></thead>
<tbody>${rows}</tbody></table>
${entries.length ? '' : html`<p class="empty">No submission yet: files dropped in the inbox appear here.</p>`}`,
    user,
    ['queue.js'],
  );
}
