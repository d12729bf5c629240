import { renewalKind, type RenewalDiff } from '../../../schemas/renewal-diff.js';
import { drawTable } from './draw-table.js';
import { formatDate, formatDollars, formatReceived } from './field-text.js';
import { MUTED, RED, type PageFlow } from './page-flow.js';

/** How many things changed: each value, premises, building, class code and loss, and an older signature. */
export const renewalChangeCount = (d: RenewalDiff): number =>
  d.values.length + d.premises.added.length + d.premises.removed.length + d.buildings.length + d.classCodes.length + d.lossesAdded.length + (d.olderSignature ? 1 : 0);

/** What the previous submission is, when and from whom it came, and how many things changed: for the cover. */
export const renewalLine = (d: RenewalDiff): string => {
  const n = renewalChangeCount(d);
  const sent = `received ${formatReceived(new Date(d.previousReceivedAt))}${d.previousBroker ? ` from ${d.previousBroker}` : ''}`;
  const kind = renewalKind(d);
  const what =
    kind === 'renewal'
      ? `Renewal of the term effective ${formatDate(d.previousEffectiveDate!)} (${sent})`
      : kind === 'resubmission'
        ? `Resubmission for the same term, effective ${formatDate(d.effectiveDate!)} (the previous one ${sent})`
        : `Compared with the previous submission (${sent})`;
  return `${what}: ${n} change${n === 1 ? '' : 's'}`;
};

const percent = (p: number | null) => (p === null ? '' : ` (${p > 0 ? '+' : ''}${p.toFixed(1)} %)`);
const money = (n: number | null) => (n === null ? '-' : formatDollars(n));
/** A value as text; an amount (normalized to cents) in dollars. */
const shown = (v: string | null) => (v === null ? '(none)' : /^-?\d+\.\d{2}$/.test(v) ? formatDollars(Number(v)) : v);

/** The changes since the same insured's previous submission, section by section; a section without change is left out. */
export function drawRenewal(flow: PageFlow, diff: RenewalDiff, mask: (t: string) => string): void {
  flow.newPage();
  flow.heading('Changes since the last submission');
  flow.text(renewalLine(diff), { size: 11, font: flow.fonts.bold });
  flow.space(4);
  if (diff.olderSignature) {
    flow.text(`The application is signed ${formatDate(diff.olderSignature.new)}, before the previous one (${formatDate(diff.olderSignature.old)}): a recycled application; ask for a newly signed one.`, { size: 10.5, color: RED });
    flow.space(4);
  }
  if (!renewalChangeCount(diff)) flow.text('Nothing changed.', { color: MUTED });
  if (diff.values.length) {
    flow.heading('Insured, policy and limits', 2);
    drawTable(
      flow,
      [
        { header: 'Value', weight: 36 },
        { header: 'Before', weight: 32 },
        { header: 'Now', weight: 32 },
      ],
      diff.values.map((v) => [v.path, mask(shown(v.old)), mask(shown(v.new))]),
    );
  }
  if (diff.premises.added.length || diff.premises.removed.length) {
    flow.heading('Premises', 2);
    drawTable(
      flow,
      [
        { header: 'Change', weight: 15 },
        { header: 'Address', weight: 85 },
      ],
      [...diff.premises.added.map((a) => ['added', a]), ...diff.premises.removed.map((a) => ['removed', a])],
    );
  }
  if (diff.buildings.length) {
    flow.heading('Buildings (ACORD 140)', 2);
    drawTable(
      flow,
      [
        { header: 'Address', weight: 27 },
        { header: 'Bldg', weight: 5 },
        { header: 'Change', weight: 9 },
        { header: 'TIV before', weight: 13, align: 'right' },
        { header: 'TIV now', weight: 20, align: 'right' },
        { header: 'Construction', weight: 26 },
      ],
      diff.buildings.map((b) => [
        b.address,
        b.building ?? '',
        b.status,
        money(b.tivOld),
        `${money(b.tivNew)}${percent(b.tivChangePercent)}`,
        b.construction.map((c) => `${c.path.replace(/^construction\./, '')}: ${shown(c.old)} → ${shown(c.new)}`).join('\n'),
      ]),
    );
  }
  if (diff.classCodes.length) {
    flow.heading('GL class codes (ACORD 126)', 2);
    drawTable(
      flow,
      [
        { header: 'Class code', weight: 20 },
        { header: 'Change', weight: 20 },
        { header: 'Exposure before', weight: 25, align: 'right' },
        { header: 'Exposure now', weight: 35, align: 'right' },
      ],
      diff.classCodes.map((c) => [c.code, c.status, c.exposureOld === null ? '-' : c.exposureOld.toLocaleString('en-US'), `${c.exposureNew === null ? '-' : c.exposureNew.toLocaleString('en-US')}${percent(c.exposureChangePercent)}`]),
    );
  }
  if (diff.lossesAdded.length) {
    flow.heading('Losses added', 2);
    drawTable(
      flow,
      [
        { header: 'Date', weight: 14 },
        { header: 'Line', weight: 16 },
        { header: 'Description', weight: 52 },
        { header: 'Incurred', weight: 18, align: 'right' },
      ],
      diff.lossesAdded.map((l) => [formatDate(l.occurrenceDate), l.lineOfBusiness ?? '', mask(l.description ?? ''), money(l.incurred)]),
    );
  }
}
