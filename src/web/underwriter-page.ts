import { effectiveClearance, type ClearanceResult } from '../../schemas/clearance.js';
import type { SubmissionSummary } from '../../schemas/db-records.js';
import { html, page, type PageUser } from './html-page.js';
import { STATE_WORDS } from './state-words.js';

/**
 * The underwriter's shelf: reviewed submissions, ready ones first, taken ones greyed, with the clearance
 * outcome that stands (its matches on the review page). Each offers its
 * packet in the browser, the packet, JSON and XML to download, its audit trail, and "Take".
 */
export function underwriterPage(submissions: readonly SubmissionSummary[], clearances: ReadonlyMap<string, ClearanceResult>, user: PageUser): string {
  const rows = submissions.map((s) => {
    const files = `/submissions/${s.id}/files`;
    const cleared = clearances.get(s.id);
    const outcome = cleared ? effectiveClearance(cleared) : null;
    return html`<tr data-submission-id="${s.id}" class="${s.state === 'taken' ? 'taken' : 'ready'}">
<td>${s.insuredName ?? s.source}</td><td class="fein">${s.feinLast4 ? `**-***${s.feinLast4}` : '—'}</td><td>${s.brokerName ?? '—'}</td><td class="effective">${s.effectiveDate ?? '—'}</td><td class="state">${STATE_WORDS[s.state]}</td>
<td class="clearance${outcome ? ` clearance-${outcome}` : ''}">${outcome ? `${outcome}${cleared!.override ? ' (overridden)' : ''}` : '—'}</td>
<td class="links"><a class="open-packet" href="${files}/packet.pdf" target="_blank" rel="noopener">Open packet</a>
<a class="download-pdf" href="${files}/packet.pdf" download>PDF</a> <a class="download-json" href="${files}/submission.json" download>JSON</a> <a class="download-xml" href="${files}/submission.xml" download>XML</a>
<a class="audit-link" href="/submissions/${s.id}/audit">Audit trail</a> <a class="review-link" href="/submissions/${s.id}/review">Review</a></td>
<td>${s.state === 'ready-for-underwriter' ? html`<form method="post" action="/submissions/${s.id}/taken"><input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit" class="mark-taken">Take</button></form>` : ''}</td></tr>`;
  });
  return page(
    'Ready for underwriter',
    submissions.length
      ? html`<table id="ready"><thead><tr><th>Insured</th><th>FEIN</th><th>Broker</th><th>Effective</th><th>State</th><th>Clearance</th><th>Files</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<table id="ready"><tbody></tbody></table><p class="empty">Nothing reviewed yet: submissions appear here once their review is done.</p>`,
    user,
  );
}
