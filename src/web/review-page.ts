import type { SubmissionEvent, SubmissionRecord } from '../../schemas/db-records.js';
import type { CheckReport } from '../../schemas/check-report.js';
import type { AnyField } from '../../schemas/field.js';
import { effectiveClearance } from '../../schemas/clearance.js';
import type { Flag, FlagSeverity } from '../../schemas/flag.js';
import { isLeaf, listLeaves } from '../model/list-leaves.js';
import { getAtPath } from '../model/model-path.js';
import { text } from '../assemble/packet/field-text.js';
import { maskForPrint } from '../model/mask-for-print.js';
import { auditList } from './audit-list.js';
import { clearancePanel, renewalPanel, type ClearanceView } from './clearance-panels.js';
import { confidenceClass, percent } from './confidence-class.js';
import { html, page, type Html, type PageUser } from './html-page.js';
import { pathWords } from './path-words.js';
import { STATE_WORDS } from './state-words.js';
import { TAX_ID_PATH } from '../review/page-boxes.js';
import { openBlocking } from '../validate/check/carry-resolutions.js';

const SEVERITY_ORDER: Record<FlagSeverity, number> = { blocking: 0, warning: 1, info: 2 };
const EMPTY_REPORT: CheckReport = { lines: [], checklist: [], flags: [], appetite: null, formsNotRead: [], readyToQuote: false };

/** The flags as the desk works through them: blocking first, then warnings, then notes; each kind in the check's order. */
export const flagsInReviewOrder = (flags: readonly Flag[]): Flag[] =>
  flags.map((flag, i) => ({ flag, i })).sort((a, b) => SEVERITY_ORDER[a.flag.severity] - SEVERITY_ORDER[b.flag.severity] || a.i - b.i).map((x) => x.flag);

/** What the edit box starts with: the value as stored (an ISO date, a number), the text read when it did not normalize; never a tax id. */
function editText(path: string, leaf: AnyField | undefined): string {
  if (!leaf || TAX_ID_PATH.test(path)) return '';
  return typeof leaf.value === 'string' || typeof leaf.value === 'number' ? String(leaf.value) : leaf.value === null ? leaf.raw : '';
}

/** The crop beside a flag: only for a flag pointing at a box on a page of one of the submission's files. */
function cropOf(record: SubmissionRecord, flag: Flag): Html | '' {
  const s = flag.source;
  if (!s?.document || !s.page || !s.rect || !record.documents.some((d) => d.sha256 === s.document)) return '';
  return html`<img class="crop" loading="lazy" src="/submissions/${record.id}/flags/${encodeURIComponent(flag.id)}/crop.png" alt="Where ${flag.path} is on page ${s.page} of ${s.fileName ?? 'the file'}">`;
}

function resolutionOf(flag: Flag): Html | '' {
  const r = flag.resolution;
  if (!r) return '';
  const words = { corrected: 'Corrected', confirmed: 'Confirmed', waived: 'Waived', 'ask-broker': 'Asked the broker' }[r.action];
  return html`<p class="resolution">${words} by ${r.by}${r.value ? html` to “${r.value}”` : ''}${r.note ? html` — ${r.note}` : ''}${r.auditEvent ? html` <a href="#event-${r.auditEvent}">audit</a>` : ''}</p>`;
}

function flagItem(record: SubmissionRecord, submission: unknown, flag: Flag, current: boolean): Html {
  const found = getAtPath(submission, flag.path);
  const leaf = isLeaf(found) ? found : undefined;
  const s = flag.source;
  const where = s ? [s.fileName, s.form && `ACORD ${s.form}`, s.page && `page ${s.page}`, s.label && `“${s.label}”`].filter(Boolean).join(' · ') : '';
  const classes = `flag ${flag.severity}${flag.resolution ? ' resolved' : ''}${current ? ' current' : ''}`;
  return html`<li class="${classes}" data-flag-id="${flag.id}" data-path="${flag.path}" data-edit-text="${editText(flag.path, leaf)}"${s?.document && s.page ? html` data-document="${s.document}" data-page="${s.page}"` : ''} tabindex="-1">
<div class="flag-text"><p class="flag-head"><span class="severity">${flag.severity}</span> <span class="code">${flag.code}</span> <span class="path" title="${flag.path}">${pathWords(flag.path)}</span></p>
<p class="reason">${flag.message}</p>
<p class="evidence"><span class="value">${flag.value ?? (leaf ? text(leaf) : '(missing)')}</span> <span class="confidence${leaf ? ` ${confidenceClass(leaf.confidence)}` : ''}">${leaf ? percent(leaf.confidence) : '—'}</span>${where ? html` <span class="where muted">${where}</span>` : ''}</p>
${resolutionOf(flag)}<p class="action-error" role="alert" hidden></p></div>
${cropOf(record, flag)}</li>`;
}

function valueRow(leafPath: string, leaf: AnyField, readOnly: boolean): Html {
  const s = leaf.source;
  const from = s.method === 'reviewer' ? html`reviewer${s.auditEvent ? html` (<a href="#event-${s.auditEvent}">audit</a>)` : ''}` : html`${s.method}${s.page ? ` p.${s.page}` : ''}`;
  const taxId = TAX_ID_PATH.test(leafPath);
  return html`<tr data-path="${leafPath}" data-edit-text="${editText(leafPath, leaf)}"><th scope="row" title="${leafPath}">${pathWords(leafPath)}</th>
<td class="${taxId ? 'tax-id' : 'value'}">${text(leaf)}</td><td class="confidence ${confidenceClass(leaf.confidence)}">${percent(leaf.confidence)}</td><td class="source">${from}</td>
<td>${taxId ? html`<button type="button" class="reveal-tax-id" data-path="${leafPath}">Reveal</button> ` : ''}${readOnly ? '' : html`<button type="button" class="edit-value">Edit</button>`}</td></tr>`;
}

const KEYS: [string, string][] = [
  ['j / ↓', 'next flag'],
  ['k / ↑', 'previous flag'],
  ['a', 'accept the value as read'],
  ['e', 'edit the value (Enter saves, Escape cancels)'],
  ['b', 'ask the broker'],
  ['w', 'waive (not needed for this submission)'],
  ['p', 'whole page with every box'],
  ['?', 'this help'],
];

/**
 * The review page of one submission: its flags (blocking first) with reason, value, confidence and crop;
 * its clearance (with the override form) and what changed since the insured's last submission; every
 * value, editable; the audit trail. Tax ids are masked (a reveal is a logged request). /assets/review.js
 * drives it from the keyboard; `readOnly` (an underwriter) shows the same without the editing.
 */
export function reviewPage(record: SubmissionRecord, events: readonly SubmissionEvent[], user: PageUser, readOnly: boolean, clearance: ClearanceView): string {
  const masked = record.submission ? maskForPrint(record.submission, record.report ?? EMPTY_REPORT) : null;
  const flags = flagsInReviewOrder(masked?.report.flags ?? []);
  const blockingLeft = openBlocking(flags).length;
  const open = flags.filter((f) => !f.resolution).length;
  const firstOpen = flags.find((f) => !f.resolution);
  const canSend = !readOnly && record.state === 'packet-ready' && blockingLeft === 0;
  const canOverride = !readOnly && (record.state === 'packet-ready' || record.state === 'ready-for-underwriter');
  const standing = clearance.result ? effectiveClearance(clearance.result) : null;
  const leaves = masked ? listLeaves(masked.submission) : [];
  const title = record.insuredName ?? `Submission from ${record.source}`;
  const body = html`<div id="review" data-submission-id="${record.id}" data-state="${record.state}"${readOnly ? html` data-read-only=""` : ''}>
<p class="summary"><span id="review-status" class="status-pill state-${record.state}" aria-live="polite">${STATE_WORDS[record.state]}</span>
<span class="muted">${open} open flag${open === 1 ? '' : 's'}, ${blockingLeft} blocking · ${record.brokerName ?? 'broker unknown'} · received ${record.receivedAt.slice(0, 16).replace('T', ' ')} UTC${masked?.report.appetite ? ` · appetite: ${masked.report.appetite.decision}` : ''}</span>
${standing ? html`<a href="#clearance" id="clearance-pill" class="status-pill clearance-${standing}">clearance: ${standing}${clearance.result?.override ? ' (overridden)' : ''}</a>` : ''}
<span id="review-actions">${canSend ? html`<button type="button" id="send-to-underwriter">Send to underwriter</button>` : ''}</span>
<button type="button" id="show-keys" aria-controls="key-help">Keys (?)</button></p>
<p id="review-message" class="error" role="alert" hidden></p>
<aside id="key-help" hidden><h2>Keys</h2><dl>${KEYS.map(([k, what]) => html`<dt><kbd>${k}</kbd></dt><dd>${what}</dd>`)}</dl></aside>
<div class="review-grid">
<section id="flags-section" aria-label="Flags"><h2>Flags</h2>
${flags.length ? '' : html`<p class="empty">${masked ? 'No flag: nothing needs a look.' : 'The forms are not read yet.'}</p>`}
<ol id="flags">${flags.map((f) => flagItem(record, masked?.submission, f, f === firstOpen))}</ol></section>
<section id="page-view" hidden aria-label="Whole page"></section>
</div>
${clearancePanel(record.id, clearance, canOverride)}
${renewalPanel(clearance.renewal)}
<form id="edit-form" hidden autocomplete="off"><p class="edit-path"></p>
<label>Value <input id="edit-value" name="text"></label>
<label>Reason <input id="edit-reason" name="reason" placeholder="why (optional)"></label>
<button type="submit">Save</button> <button type="button" class="cancel">Cancel</button>
<p class="edit-error" role="alert" hidden></p></form>
<section id="values"><h2>Values</h2>
${leaves.length ? html`<table><thead><tr><th>Field</th><th>Value</th><th>Confidence</th><th>From</th><th></th></tr></thead>
<tbody>${leaves.map(({ path, leaf }) => valueRow(path, leaf, readOnly))}</tbody></table>` : html`<p class="empty">No value read yet.</p>`}</section>
<section id="audit"><h2>Audit trail</h2>${auditList(events)}</section>
</div>`;
  return page(title, body, user, ['review.js']);
}
