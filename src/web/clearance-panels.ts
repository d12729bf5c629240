import { ClearanceOutcome, effectiveClearance, firstComplete, type ClearanceMatch, type ClearanceResult, type Standing } from '../../schemas/clearance.js';
import { renewalKind, type RenewalDiff } from '../../schemas/renewal-diff.js';
import { formatDollars } from '../assemble/packet/field-text.js';
import { html, type Html } from './html-page.js';
import { pathWords } from './path-words.js';
import { explainMatch } from '../validate/clearance/decide-clearance.js';
import { STATE_WORDS } from './state-words.js';

/**
 * What the review page shows of clearance: the stored result (with any override), the renewal diff, and
 * where this submission and each match stand now (the result keeps their state as it was when decided).
 */
export type ClearanceView = { result: ClearanceResult | null; renewal: RenewalDiff | null; standing: ReadonlyMap<string, Standing> };

const OUTCOME_WORDS: Record<ClearanceOutcome, string> = {
  clear: 'Clear: no earlier submission resembles this one',
  possible: 'Possible match: a similar name, or the same address',
  probable: 'Probable match: the same insured was submitted before',
  blocked: 'Blocked: another broker submitted the same insured first, and that submission is open',
};

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const day = (iso: string) => iso.slice(0, 10);

/** Which of the two submissions first had nothing blocking its quote ("first complete wins"). */
function completeFirst(own: string | null, theirs: string | null): string {
  const first = firstComplete(own, theirs);
  return first === 'neither' ? 'neither yet' : first === 'that' ? `that one (${day(theirs!)})` : `this one (${day(own!)})`;
}

function matchRow(m: ClearanceMatch, ownId: string, view: ClearanceView): Html {
  const now = view.standing.get(m.submissionId);
  const state = now?.state ?? m.state;
  const insured = m.insuredName ?? '(not read)';
  // Every role that reads this page may read any submission's review page.
  const name = now ? html`<a href="/submissions/${m.submissionId}/review">${insured}</a>` : html`${insured} <span class="muted">(removed)</span>`;
  return html`<tr class="match match-${m.outcome}" data-submission-id="${m.submissionId}"><td>${m.outcome}</td><td>${name}</td>
<td>${m.brokerName ?? '—'}${m.otherBroker ? html` <span class="other-broker">another broker</span>` : ''}</td><td class="nowrap">${utc(m.receivedAt)}</td>
<td>${STATE_WORDS[state]}</td><td class="complete-first">${completeFirst(view.standing.get(ownId)?.completeAt ?? null, now ? now.completeAt : m.completeAt)}</td><td>${explainMatch({ ...m, ...(now ?? {}) })}</td></tr>`;
}

/**
 * The Clearance panel: the outcome that stands (a person's override with its reason and audit link), each
 * earlier submission that resembles this one, and, for a reviewer while the submission is in review, the
 * override form (review.js posts it with the page's CSRF token).
 */
export function clearancePanel(submissionId: string, view: ClearanceView, canOverride: boolean): Html {
  const result = view.result;
  if (!result) return html`<section id="clearance" class="panel"><h2>Clearance</h2><p class="empty">Not cleared yet: clearance runs when the forms are read.</p></section>`;
  const outcome = effectiveClearance(result);
  const o = result.override;
  const form = canOverride
    ? html`<form id="clearance-override" class="clearance-override" autocomplete="off"><label>Outcome <select name="outcome">${ClearanceOutcome.options.map((x) => html`<option value="${x}"${x === outcome ? ' selected' : ''}>${x}</option>`)}</select></label>
<label class="reason">Reason <textarea name="reason" rows="2" placeholder="why (required): a broker-of-record letter, a different business …"></textarea></label>
<button type="submit">Override clearance</button><p class="clearance-error" role="alert" hidden></p></form>`
    : '';
  return html`<section id="clearance" class="panel clearance-${outcome}" data-outcome="${outcome}"><h2>Clearance: ${outcome}${o ? ' (overridden)' : ''}</h2>
<p class="clearance-outcome">${OUTCOME_WORDS[outcome]}.</p>
${o ? html`<p class="clearance-override-note">Overridden from ${result.outcome} to ${o.outcome} by ${o.by} on ${utc(o.at)} — ${o.reason}${o.auditEvent ? html` <a href="#event-${o.auditEvent}">audit</a>` : ''}</p>` : ''}
<p class="muted">Compared with the submissions received in the ${result.windowDays} days before this one, on ${utc(result.checkedAt)}.</p>
${result.matches.length
    ? html`<table class="clearance-matches"><thead><tr><th>Match</th><th>Insured</th><th>Broker</th><th>Received</th><th>State</th><th>Complete first</th><th>Why</th></tr></thead>
<tbody>${result.matches.map((m) => matchRow(m, submissionId, view))}</tbody></table>`
    : ''}
${form}</section>`;
}

const money = (n: number | null) => (n === null ? '—' : formatDollars(n));
const count = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'));
const change = (pct: number | null) => (pct === null || pct === 0 ? '' : ` (${pct > 0 ? '+' : ''}${pct}%)`);

/**
 * "Changes since the last submission": the renewal diff stored when the submission was finished, with a
 * link to the previous submission's review page. Nothing when no previous submission of the insured was found.
 */

/** Which submission the changes are counted from, linked, and what it is to this one. */
function comparedWith(diff: RenewalDiff): Html {
  const link = html`<a href="/submissions/${diff.previousSubmissionId}/review">the submission received ${utc(diff.previousReceivedAt)}</a>${diff.previousBroker ? ` from ${diff.previousBroker}` : ''}`;
  const kind = renewalKind(diff);
  if (kind === 'renewal') return html`Renewal: compared with the last term's (effective ${diff.previousEffectiveDate}), ${link}.`;
  if (kind === 'resubmission') return html`Resubmission for the same term (effective ${diff.effectiveDate}): compared with ${link}.`;
  return html`Compared with ${link}.`;
}

export function renewalPanel(diff: RenewalDiff | null): Html | '' {
  if (!diff) return '';
  const nothing = !diff.values.length && !diff.premises.added.length && !diff.premises.removed.length && !diff.buildings.length && !diff.classCodes.length && !diff.lossesAdded.length && !diff.olderSignature;
  const parts: Html[] = [];
  if (diff.olderSignature) parts.push(html`<p class="older-signature error">Signed ${diff.olderSignature.new}, before last time's signature (${diff.olderSignature.old}): last year's application sent again?</p>`);
  if (diff.values.length)
    parts.push(html`<h3>Insured and limits</h3><table class="renewal-values"><thead><tr><th>Field</th><th>Last time</th><th>Now</th></tr></thead>
<tbody>${diff.values.map((v) => html`<tr><th scope="row" title="${v.path}">${pathWords(v.path)}</th><td class="old">${v.old ?? '—'}</td><td class="new">${v.new ?? '—'}</td></tr>`)}</tbody></table>`);
  if (diff.premises.added.length || diff.premises.removed.length)
    parts.push(html`<h3>Premises</h3><ul class="renewal-premises">${diff.premises.added.map((a) => html`<li class="added">Added: ${a}</li>`)}${diff.premises.removed.map((a) => html`<li class="removed">Removed: ${a}</li>`)}</ul>`);
  if (diff.buildings.length)
    parts.push(html`<h3>Buildings</h3><table class="renewal-buildings"><thead><tr><th>Address</th><th>Building</th><th>Change</th><th>TIV</th><th>Construction</th></tr></thead>
<tbody>${diff.buildings.map(
      (b) => html`<tr class="${b.status}"><td>${b.address}</td><td>${b.building ?? '—'}</td><td>${b.status}</td><td class="nowrap">${money(b.tivOld)} → ${money(b.tivNew)}${change(b.tivChangePercent)}</td>
<td>${b.construction.map((c) => html`<span class="construction">${pathWords(c.path.replace(/^construction\./, ''))}: ${c.old ?? '—'} → ${c.new ?? '—'}</span> `)}</td></tr>`,
    )}</tbody></table>`);
  if (diff.classCodes.length)
    parts.push(html`<h3>GL class codes</h3><table class="renewal-classes"><thead><tr><th>Code</th><th>Change</th><th>Exposure</th></tr></thead>
<tbody>${diff.classCodes.map((c) => html`<tr class="${c.status}"><td>${c.code}</td><td>${c.status}</td><td class="nowrap">${count(c.exposureOld)} → ${count(c.exposureNew)}${change(c.exposureChangePercent)}</td></tr>`)}</tbody></table>`);
  if (diff.lossesAdded.length)
    parts.push(html`<h3>Losses added</h3><table class="renewal-losses"><thead><tr><th>Date</th><th>Line</th><th>What happened</th><th>Incurred</th></tr></thead>
<tbody>${diff.lossesAdded.map((l) => html`<tr><td class="nowrap">${l.occurrenceDate ?? '—'}</td><td>${l.lineOfBusiness ?? '—'}</td><td>${l.description ?? '—'}</td><td>${money(l.incurred)}</td></tr>`)}</tbody></table>`);
  return html`<section id="renewal" class="panel"><h2>Changes since the last submission</h2>
<p class="muted">${comparedWith(diff)}</p>
${nothing ? html`<p class="empty">Nothing changed.</p>` : parts}</section>`;
}
