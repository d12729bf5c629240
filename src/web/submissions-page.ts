import type { SubmissionSummary } from '../../schemas/db-records.js';
import { html, page, type PageUser } from './html-page.js';

/** "2026-12-01 09:14 UTC": one zone for everyone reading the list. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The home page: the newest submissions, one line each; a FEIN shows only its last four digits. */
export function submissionsPage(submissions: readonly SubmissionSummary[], user: PageUser): string {
  const rows = submissions.map(
    (s) => html`<tr><td>${s.insuredName ?? '(not read yet)'}</td><td class="state">${s.state}</td><td>${when(s.receivedAt)}</td><td>${s.feinLast4 ? `**-***${s.feinLast4}` : '—'}</td><td>${s.effectiveDate ?? '—'}</td><td>${s.brokerName ?? '—'}</td><td>${s.source}</td></tr>`,
  );
  const body = submissions.length
    ? html`<table><thead><tr><th>Insured</th><th>State</th><th>Received</th><th>FEIN</th><th>Effective</th><th>Broker</th><th>Source</th></tr></thead>
<tbody>${rows}</tbody></table>`
    : html`<p class="empty">No submission yet: files dropped in the inbox appear here.</p>`;
  return page('Submissions', body, user);
}
