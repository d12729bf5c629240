import type { SubmissionEvent, SubmissionSummary } from '../../schemas/db-records.js';
import { auditList } from './audit-list.js';
import { html, page, type PageUser } from './html-page.js';

/** One submission's audit trail on its own page, for the underwriter. */
export function auditPage(summary: SubmissionSummary, events: readonly SubmissionEvent[], user: PageUser): string {
  return page(`Audit trail: ${summary.insuredName ?? summary.source}`, html`<section id="audit">${auditList(events)}</section>`, user);
}
