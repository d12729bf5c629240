import type { SovBuilding, SovField } from '../../../schemas/sov.js';
import type { Submission } from '../../../schemas/submission.js';
import { matchSovBuildings } from '../../read/sov/match-sov-buildings.js';
import { drawTable } from './draw-table.js';
import { amount, dollars, formatDollars, joined, text } from './field-text.js';
import { MUTED, RED, type PageFlow } from './page-flow.js';

/** The schedules' total insured value and the 140s' (every subject-of-insurance limit); null for the 140s when they give none. */
export function tivTotals(s: Submission): { sov: number; buildings: number; forms: number | null } {
  const limits = (s.property?.locations ?? []).flatMap((l) => (l.subjectsOfInsurance ?? []).map((x) => amount(x.limitAmount)).filter((n): n is number => n !== null));
  const schedules = s.schedulesOfValues ?? [];
  return { sov: schedules.reduce((t, x) => t + x.totalTiv, 0), buildings: schedules.reduce((n, x) => n + x.buildings.length, 0), forms: limits.length ? limits.reduce((a, b) => a + b, 0) : null };
}

/** "$16,205,000 over 4 buildings; the 140s: $16,205,000": the schedule's total against the 140s'. */
export function tivTotalLine(s: Submission): string {
  const { sov, buildings, forms } = tivTotals(s);
  const apart = forms ? ` (${sov === forms ? 'the same' : `${sov > forms ? '+' : ''}${(((sov - forms) / forms) * 100).toFixed(1)} %`})` : '';
  return `${formatDollars(sov)} total insured value over ${buildings} building${buildings === 1 ? '' : 's'}; the ACORD 140s: ${forms === null ? 'no values given' : formatDollars(forms)}${apart}`;
}

const cell = (b: SovBuilding, f: SovField) => b.cells[f]?.raw.trim() ?? '';
const money = (b: SovBuilding, f: SovField) => (b.cells[f] ? dollars(b.cells[f]) : '');

/**
 * Every row of every schedule of values with its sheet and row, its building facts and values, and the
 * 140 building it was matched to by address; then the total against the 140s'. The spreadsheet itself
 * cannot be bound into a PDF: these pages are its content in the packet.
 */
export function drawSchedulesOfValues(flow: PageFlow, s: Submission): void {
  const schedules = s.schedulesOfValues ?? [];
  const locations = s.property?.locations ?? [];
  const matches = matchSovBuildings(s);
  flow.newPage();
  flow.heading('Schedule of values');
  flow.text(tivTotalLine(s), { size: 10.5, font: flow.fonts.bold });
  flow.space(4);
  schedules.forEach((schedule, n) => {
    flow.heading(`${schedule.file}, sheet "${schedule.sheet}" (headers on row ${schedule.headerRow})`, 2);
    drawTable(
      flow,
      [
        { header: 'Row', weight: 5 },
        { header: 'Loc / Bldg', weight: 6 },
        { header: 'Address', weight: 20 },
        { header: 'Occupancy, construction, year, stories, area', weight: 19 },
        { header: 'Building', weight: 11, align: 'right' },
        { header: 'Contents', weight: 10, align: 'right' },
        { header: 'BI / M&E', weight: 10, align: 'right' },
        { header: 'TIV', weight: 11, align: 'right' },
        { header: 'ACORD 140', weight: 10 },
      ],
      schedule.buildings.map((b, i) => {
        const at = matches.find((m) => m.schedule === n && m.index === i)?.location ?? null;
        const loc = at === null ? undefined : locations[at];
        return [
          String(b.row),
          joined([cell(b, 'locationNumber'), cell(b, 'buildingNumber')], ' / '),
          joined([cell(b, 'address'), cell(b, 'city'), joined([cell(b, 'state'), cell(b, 'zip')], ' ')]),
          joined([cell(b, 'occupancy'), cell(b, 'construction'), cell(b, 'yearBuilt'), cell(b, 'stories') && `${cell(b, 'stories')} st.`, cell(b, 'area') && `${cell(b, 'area')} sq ft`]),
          money(b, 'buildingValue'),
          money(b, 'contentsValue'),
          joined([money(b, 'businessIncomeValue'), money(b, 'equipmentValue')], '\n'),
          b.tiv === null ? '' : formatDollars(b.tiv),
          loc ? `Loc ${text(loc.locationProducerIdentifier) || '?'} / Bldg ${text(loc.buildingProducerIdentifier) || '?'}` : 'on no 140',
        ];
      }),
      7,
    );
    flow.text(`Sheet total: ${formatDollars(schedule.totalTiv)} over ${schedule.buildings.length} rows.`, { font: flow.fonts.bold });
    const others = schedule.columns.filter((c) => !c.field);
    if (others.length) flow.text(`Columns kept but not printed here (see the original at the end of the packet): ${others.map((c) => c.header || `column ${c.column}`).join(', ')}.`, { color: MUTED });
    if (schedule.skippedRows.length) flow.text(`Rows not read as buildings: ${schedule.skippedRows.map((r) => `${r.row} (${r.reason})`).join(', ')}.`, { color: MUTED });
    if (matches.some((m) => m.schedule === n && m.location === null)) flow.text('A row "on no 140" is a building the ACORD 140s do not describe: see the flags.', { color: RED });
  });
}
