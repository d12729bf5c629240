import type { LineOfBusiness } from '../../../schemas/check-report.js';
import { effectiveClearance } from '../../../schemas/clearance.js';
import { describeMatch } from '../../validate/check/check-clearance.js';
import { maskTaxId } from '../../model/mask-tax-id.js';
import { CLEARANCE_COLOR, overrideText } from './clearance-pages.js';
import { addressLine, formatReceived, joined, phone, text } from './field-text.js';
import { lossRunLine } from './loss-run-pages.js';
import { insuredName, openFlags, type PacketContext } from './packet-context.js';
import { AMBER, GREEN, INK, MUTED, RED, type PageFlow } from './page-flow.js';
import { renewalLine } from './renewal-pages.js';
import { tivTotalLine } from './sov-pages.js';

const LINE_NAMES: Record<LineOfBusiness, string> = { 'general-liability': 'General liability', property: 'Property', package: 'Package' };
const APPETITE: Record<'in' | 'refer' | 'out' | 'need-info', string> = {
  in: 'In appetite',
  refer: 'Refer to underwriting',
  out: 'Out of appetite',
  'need-info': 'More information needed to decide',
};

/** "Harbor Lights LLC DBA The Lighthouse" → name and DBA; a name without one is all name. */
function splitDba(name: string): { name: string; dba: string } {
  const m = /^(.*?)\s*,?\s+(?:DBA|D\/B\/A|d\/b\/a|dba|doing business as)\s+(.+)$/i.exec(name);
  return m ? { name: m[1]!, dba: m[2]! } : { name, dba: '' };
}


/** The first page: who, what, when, from whom, and whether it can be quoted. */
export function drawCover(flow: PageFlow, ctx: PacketContext): void {
  const { submission: s, report, outcome } = ctx;
  const insured = s.namedInsureds?.[0];
  const readable = Boolean(insured || s.policy || s.producer || s.premises?.length || s.generalLiability || s.property);
  flow.newPage();
  flow.text('UNDERWRITING SUBMISSION PACKET', { size: 10, font: flow.fonts.bold, color: MUTED });
  flow.space(10);
  const { name, dba } = splitDba(insuredName(s));
  flow.text(name, { size: 22, font: flow.fonts.bold, lineGap: 5 });
  if (dba) flow.text(`DBA ${dba}`, { size: 13, color: MUTED });
  flow.space(14);

  const status = report.readyToQuote ? null : openFlags(report).filter((f) => f.severity === 'blocking' && f.when === 'quote').length;
  const toBind = openFlags(report).filter((f) => f.severity === 'blocking' && f.when === 'bind').length;
  const verdict = status === null ? 'Ready to quote' : status ? `Not ready to quote: ${status} item${status === 1 ? '' : 's'} blocking` : 'Not ready to quote';
  flow.text(verdict, {
    size: 14,
    font: flow.fonts.bold,
    color: status === null ? GREEN : RED,
  });
  if (toBind) flow.text(`${toBind} item${toBind === 1 ? '' : 's'} needed before binding`, { size: 10.5, color: AMBER });
  if (report.appetite) {
    const a = report.appetite;
    flow.space(4);
    flow.text(`Appetite (${a.carrier}, rules ${a.version}): ${APPETITE[a.decision]}`, { size: 11, font: flow.fonts.bold, color: a.decision === 'in' ? GREEN : a.decision === 'out' ? RED : AMBER });
    for (const hit of a.hits) flow.text(`- ${hit.message}`, { size: 9.5, indent: 12 });
  }
  if (ctx.clearance) {
    const c = ctx.clearance;
    const outcome = effectiveClearance(c);
    const match = c.matches[0];
    flow.space(4);
    flow.text(`Clearance: ${outcome}${match ? ` (${c.matches.length} earlier submission${c.matches.length === 1 ? '' : 's'} alike)` : ''}`, { size: 11, font: flow.fonts.bold, color: CLEARANCE_COLOR[outcome] });
    const override = overrideText(c, ctx.mask);
    if (override) flow.text(`- ${override}`, { size: 9.5, indent: 12 });
    if (match) flow.text(`- Strongest match (${match.outcome}, ${match.reasons.join(', ')}): ${ctx.mask(describeMatch(match, ctx.clearanceStanding, report.readyToQuote))}`, { size: 9.5, indent: 12 });
  }
  if (ctx.renewal) {
    flow.space(4);
    flow.text(renewalLine(ctx.renewal), { size: 11, font: flow.fonts.bold, color: ctx.renewal.olderSignature ? RED : INK });
    if (ctx.renewal.olderSignature) flow.text('- Signed before the previous application: see "Changes since the last submission"', { size: 9.5, indent: 12, color: RED });
  }
  flow.space(12);

  if (!readable) {
    flow.text('Nothing could be read from the files of this submission. The originals are attached at the end of this packet; read them there.', { size: 11, color: RED });
    flow.space(10);
  }
  const others = (s.namedInsureds ?? []).slice(1).map((n) => text(n.fullName)).filter(Boolean);
  const producer = s.producer;
  const contact = producer?.contactPerson;
  const policy = s.policy;
  const requested = Object.entries(policy?.linesOfBusiness ?? {})
    .filter(([, l]) => l?.requested?.value)
    .map(([k]) => k.replace(/([A-Z])/g, ' $1').toLowerCase());
  flow.fields(
    [
      ['FEIN', insured?.taxIdentifier ? maskTaxId(String(insured.taxIdentifier.value ?? insured.taxIdentifier.raw)) : 'not given'],
      ['Other named insureds', others.join('; ')],
      ['Mailing address', addressLine(insured?.mailingAddress)],
      ['Lines checked', report.lines.map((l) => LINE_NAMES[l]).join(', ') || 'none'],
      ['Lines requested (ACORD 125)', requested.join(', ')],
      ['Effective date', joined([text(policy?.effectiveDate), policy?.expirationDate ? `to ${text(policy.expirationDate)}` : ''], ' ')],
      ['Producer', text(producer?.fullName)],
      ['Producer contact', joined([text(contact?.fullName), phone(contact?.phoneNumber), text(contact?.emailAddress)])],
      ['Received', formatReceived(ctx.received)],
      ['Schedule of values', s.schedulesOfValues?.length ? tivTotalLine(s) : ''],
      ['Loss runs', s.lossRuns?.length ? lossRunLine(s.lossRuns) : ''],
      ['Files', outcome ? `${outcome.files.length} (${outcome.files.filter((f) => f.status === 'failed').length} could not be read)` : `${s.documents.length}`],
    ].filter(([, v]) => v) as [string, string][],
    160,
    10.5,
  );
  const failed = outcome?.files.filter((f) => f.status === 'failed') ?? [];
  if (failed.length || report.formsNotRead.length) {
    flow.space(8);
    flow.heading('Not read', 2);
    // Error messages often start with the file's name already.
    for (const f of failed) flow.text(`- ${f.fileName}: ${(f.error?.message ?? 'could not be read').replace(`${f.fileName}: `, '')}`, { indent: 8, color: INK });
    for (const f of report.formsNotRead) flow.text(`- ${f.fileName}: ACORD ${f.form}${f.edition ? ` (${f.edition})` : ''} on page${f.pages.length > 1 ? 's' : ''} ${f.pages.join(', ')} is not a form acord-prep reads`, { indent: 8 });
  }
}
