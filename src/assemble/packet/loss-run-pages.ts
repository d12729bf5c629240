import path from 'node:path';
import type { LossRun } from '../../../schemas/loss-run.js';
import { drawTable } from './draw-table.js';
import { formatDate, formatDollars, joined } from './field-text.js';
import { claimIncurred, lossYears } from './loss-run-summary.js';
import type { PageFlow } from './page-flow.js';

const money = (n: number | null) => (n === null ? '' : formatDollars(n));
const period = (from: string, to: string) => (from ? `${formatDate(from)} - ${formatDate(to)}` : 'no date');

/** The loss runs on one line for the cover: claims, years, incurred, largest, open reserves, valuation. */
export function lossRunLine(runs: readonly LossRun[]): string {
  const years = lossYears(runs);
  const claims = years.reduce((n, y) => n + y.count, 0);
  const sum = (f: (y: (typeof years)[number]) => number) => years.reduce((t, y) => t + f(y), 0);
  const valued = runs.map((r) => r.valuationDate).filter((d): d is string => Boolean(d)).sort();
  return `${claims} claim${claims === 1 ? '' : 's'} in ${years.length} policy year${years.length === 1 ? '' : 's'}, ${formatDollars(sum((y) => y.incurred))} incurred, largest ${formatDollars(Math.max(0, ...years.map((y) => y.largest)))}, ${formatDollars(sum((y) => y.openReserves))} open reserves; valued as of ${valued.length ? formatDate(valued[0]) : 'not stated'}`;
}

/** The loss runs: each run's carrier and valuation date, the losses by policy year, then every claim (a tax id in a description masked). */
export function drawLossRuns(flow: PageFlow, runs: readonly LossRun[], mask: (t: string) => string): void {
  flow.newPage();
  flow.heading('Loss runs');
  flow.fields(
    runs.map((r) => [r.file, `${r.carrier ?? 'carrier not named'}; valued as of ${r.valuationDate ? formatDate(r.valuationDate) : 'not stated'}; ${r.periods.length} policy period${r.periods.length === 1 ? '' : 's'}, ${r.claims.length} claim${r.claims.length === 1 ? '' : 's'}`] as const),
    170,
  );
  flow.heading('By policy year', 2);
  const years = lossYears(runs);
  const total = years.reduce((t, y) => ({ count: t.count + y.count, incurred: t.incurred + y.incurred, largest: Math.max(t.largest, y.largest), open: t.open + y.openReserves }), { count: 0, incurred: 0, largest: 0, open: 0 });
  drawTable(
    flow,
    [
      { header: 'Policy year', weight: 22 },
      { header: 'Carrier', weight: 26 },
      { header: 'Claims', weight: 9, align: 'right' },
      { header: 'Incurred', weight: 14, align: 'right' },
      { header: 'Largest', weight: 14, align: 'right' },
      { header: 'Open reserves', weight: 15, align: 'right' },
    ],
    [
      ...years.map((y) => [period(y.from, y.to), y.carriers.join(', '), String(y.count), formatDollars(y.incurred), formatDollars(y.largest), formatDollars(y.openReserves)]),
      ['All years', '', String(total.count), formatDollars(total.incurred), formatDollars(total.largest), formatDollars(total.open)],
    ],
  );
  const claims = runs.flatMap((r) => r.claims.map((c) => ({ run: r, c })));
  if (!claims.length) return;
  flow.heading('Claims', 2);
  drawTable(
    flow,
    [
      { header: 'Policy period', weight: 14 },
      { header: 'Claim', weight: 10 },
      { header: 'Loss date', weight: 9 },
      { header: 'Status', weight: 8 },
      { header: 'Paid', weight: 10, align: 'right' },
      { header: 'Reserve', weight: 10, align: 'right' },
      { header: 'Incurred', weight: 10, align: 'right' },
      { header: 'Description', weight: 20 },
      { header: 'Where', weight: 9 },
    ],
    claims
      .sort((a, b) => (a.c.lossDate ?? '').localeCompare(b.c.lossDate ?? ''))
      .map(({ run, c }) => [
        c.policyPeriod ? period(c.policyPeriod.from, c.policyPeriod.to) : '',
        joined([c.claimNumber ?? '', c.policyNumber ? `policy ${c.policyNumber}` : ''], '\n'),
        formatDate(c.lossDate),
        c.status ?? '',
        money(c.paid),
        money(c.reserve),
        formatDollars(claimIncurred(c)),
        mask(c.description ?? ''),
        // The file's name only: a path as typed on the command line would wrap over many lines in this narrow column.
        `${path.basename(run.file)} p. ${c.source.page}`,
      ]),
    7,
  );
}
