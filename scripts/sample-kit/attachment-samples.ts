import ExcelJS from 'exceljs';
import { lossRunPdf, type SampleLossRun } from './loss-run-pdf.js';
import { scanPdf } from './scan-pdf.js';
import type { Truth } from './truth.js';

/** What a sample with `attachments` carries besides its forms: in its fillable folder, and in its flattened one. */
export const ATTACHMENT_FILES = {
  fillable: { sov: 'schedule-of-values.xlsx', lossRun: 'loss-run-general-liability.pdf' },
  flat: { sov: 'schedule-of-values.csv', lossRun: 'loss-run-property.scan200.pdf' },
} as const;

/** One building of a sample's schedule of values, from its 140's truth. */
export type SovSampleRow = {
  loc: string;
  bldg: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  construction: string;
  year: number;
  stories: number;
  area: number;
  building: number | null;
  contents: number | null;
  equipment: number | null;
  income: number | null;
};

/**
 * The building whose value the schedule gives unlike its 140, on purpose: brokers update a schedule and
 * not the form (or the reverse), and the check must notice. Its index among the 140s, and what is added.
 */
export const SOV_DISAGREEMENT = { location: 2, buildingValueAdded: 150_000 } as const;

const SUBJECT: Record<string, 'building' | 'contents' | 'equipment' | 'income'> = { B: 'building', BPP: 'contents', MACEQ: 'equipment', BUSIN: 'income' };

/** The buildings of the 140s, as a schedule lists them; the one of SOV_DISAGREEMENT with another building value. */
export function sovRows(truth: Truth): SovSampleRow[] {
  const rows: SovSampleRow[] = [];
  for (let i = 0; truth[`property.locations[${i}].physicalAddressLine`] !== undefined; i++) {
    const at = (p: string) => truth[`property.locations[${i}].${p}`];
    const [street, city, stateZip] = String(at('physicalAddressLine')).split(', ');
    const [state, zip] = stateZip!.split(' ');
    const values: Pick<SovSampleRow, 'building' | 'contents' | 'equipment' | 'income'> = { building: null, contents: null, equipment: null, income: null };
    for (let s = 0; at(`subjectsOfInsurance[${s}].subjectOfInsuranceCode`) !== undefined; s++) {
      const field = SUBJECT[String(at(`subjectsOfInsurance[${s}].subjectOfInsuranceCode`))];
      if (field) values[field] = Number(at(`subjectsOfInsurance[${s}].limitAmount`));
    }
    if (i === SOV_DISAGREEMENT.location && values.building !== null) values.building += SOV_DISAGREEMENT.buildingValueAdded;
    rows.push({
      loc: String(at('locationProducerIdentifier')),
      bldg: String(at('buildingProducerIdentifier')),
      street: street!,
      city: city!,
      state: state!,
      zip: zip!,
      construction: String(at('construction.constructionCode')),
      year: Number(at('construction.builtYear')),
      stories: Number(at('construction.storeyCount')),
      area: Number(at('construction.buildingArea')),
      ...values,
    });
  }
  return rows;
}

const tiv = (r: SovSampleRow) => (r.building ?? 0) + (r.contents ?? 0) + (r.equipment ?? 0) + (r.income ?? 0);
const FLOOD_ZONES = ['X', 'AE', 'X500', 'X'];

/**
 * The schedule as a broker's workbook: a cover sheet, then on "SOV" a title and a date above the
 * header, the columns in the broker's order and words (TIV first, building number before location), a
 * flood-zone column no building field matches, numbers as numbers, a total row with a formula.
 */
export async function sovWorkbook(rows: readonly SovSampleRow[], insured: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.created = book.modified = new Date(Date.UTC(2025, 10, 15));
  book.addWorksheet('Cover').addRows([['Statement of Values'], [`Prepared for ${insured}`], ['Values as of 11/15/2025']]);
  const ws = book.addWorksheet('SOV');
  ws.addRows([[`${insured} — Schedule of Values`], ['As of 11/15/2025'], []]);
  ws.addRow(['Bldg #', 'Loc #', 'Total Insured Value (TIV)', 'Street Address', 'City', 'ST', 'Zip Code', 'Const. Type', 'Yr Built', '# of Stories', 'Sq. Ft.', 'Flood Zone', 'Building Value', 'Contents (BPP)', 'M&E', 'BI/EE']);
  rows.forEach((r, i) => ws.addRow([r.bldg, r.loc, tiv(r), r.street, r.city, r.state, r.zip, r.construction, r.year, r.stories, r.area, FLOOD_ZONES[i % FLOOD_ZONES.length], r.building, r.contents, r.equipment, r.income]));
  const first = 5;
  const last = first + rows.length - 1;
  ws.addRow(['', 'Totals', { formula: `SUM(C${first}:C${last})`, result: rows.reduce((t, r) => t + tiv(r), 0) }]);
  return withFixedZipDates(new Uint8Array(await book.xlsx.writeBuffer()));
}

/** 2025-11-15 00:00 as MS-DOS date and time. */
const DOS_DATE = ((2025 - 1980) << 9) | (11 << 5) | 15;

/**
 * The zip with every entry dated DOS_DATE, in its local header and its directory entry: the zip
 * library dates entries "now", and a sample must come out byte for byte the same on every run.
 */
function withFixedZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error('the workbook zip does not end with its directory record');
  let at = view.getUint32(end + 16, true);
  for (let n = view.getUint16(end + 10, true); n > 0; n--) {
    const local = view.getUint32(at + 42, true);
    for (const [timeAt, dateAt] of [[at + 12, at + 14], [local + 10, local + 12]] as const) {
      view.setUint16(timeAt, 0, true);
      view.setUint16(dateAt, DOS_DATE, true);
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}

const csvText = (v: string | number) => (typeof v === 'string' && /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
const csvDollars = (v: number | null) => (v === null ? '' : `"$${v.toLocaleString('en-US')}"`);

/** The schedule as an agency system exports it: CSV, other column words and order, dollars as "$1,234", a notes column, a totals line. */
export function sovCsv(rows: readonly SovSampleRow[]): Uint8Array {
  const header = ['Location', 'Bldg No.', 'Address', 'Town', 'State', 'Postal Code', 'Construction', 'Year Built', 'Stories', 'Sq Ft', 'Building Limit', 'BPP Limit', 'Machinery', 'Business Income', 'Total Value', 'Notes'];
  const lines = rows.map((r) =>
    [
      ...[r.loc, r.bldg, r.street, r.city, r.state, r.zip, r.construction, r.year, r.stories, r.area].map(csvText),
      ...[r.building, r.contents, r.equipment, r.income, tiv(r)].map(csvDollars),
      csvText(r.building === null ? 'Tenant, no building coverage' : ''),
    ].join(','),
  );
  const total = ['Totals', ...Array<string>(13).fill(''), csvDollars(rows.reduce((t, r) => t + tiv(r), 0)), ''].join(',');
  return new TextEncoder().encode(`${[header.join(','), ...lines, total].join('\r\n')}\r\n`);
}

/** The prior terms of a policy starting on `effective` (ISO), newest last, as MM/DD/YYYY pairs. */
function priorTerms(effective: string, count: number): { from: string; to: string }[] {
  const [y, m, d] = effective.split('-');
  const us = (year: number) => `${m}/${d}/${year}`;
  return Array.from({ length: count }, (_, i) => ({ from: us(+y! - count + i), to: us(+y! - count + i + 1) }));
}

/** Two carriers' loss runs for the insured's prior terms: a GL run with claims, a property run. */
export function sampleLossRuns(insured: string, effective: string): { gl: SampleLossRun; property: SampleLossRun } {
  const [a, b, c] = priorTerms(effective, 3);
  const year = (t: { from: string }) => t.from.slice(6);
  return {
    gl: {
      carrier: 'Harborline Mutual Insurance Company',
      insured,
      valuedAsOf: `11/01/${year(c!)}`,
      policies: [
        { number: 'HGL-2204417', ...a!, claims: [{ number: `GL-${year(a!)}-0042`, lossDate: `03/14/${year(a!)}`, status: 'Closed', paid: 12000, reserve: 0, description: 'Visitor slipped on shop floor' }] },
        { number: 'HGL-2304417', ...b!, claims: [] },
        {
          number: 'HGL-2404417',
          ...c!,
          claims: [
            { number: `GL-${year(c!)}-0007`, lossDate: `05/02/${year(c!)}`, status: 'Open', paid: 2500, reserve: 40000, description: 'Product defect injury to customer employee' },
            { number: `GL-${year(c!)}-0113`, lossDate: `09/30/${year(c!)}`, status: 'Closed', paid: 800, reserve: 0, description: 'Damage to vendor truck' },
          ],
        },
      ],
    },
    property: {
      carrier: 'Great Plains Casualty Group',
      insured,
      valuedAsOf: `11/03/${year(c!)}`,
      policies: [
        { number: 'GPP-771203', ...b!, claims: [{ number: `PR-${year(b!)}-311`, lossDate: `07/19/${year(b!)}`, status: 'Closed', paid: 18250, reserve: 0, description: 'Hail damage to roof' }] },
        { number: 'GPP-771204', ...c!, claims: [{ number: `PR-${year(c!)}-054`, lossDate: `02/06/${year(c!)}`, status: 'Open', paid: 4100, reserve: 9500, description: 'Frozen sprinkler pipe burst' }] },
      ],
    },
  };
}

/** The GL run printed (a table with a text layer); the property run on paper, scanned at 200 dpi (labelled blocks, image only). */
export async function lossRunFiles(runs: ReturnType<typeof sampleLossRuns>, seed: string): Promise<{ printed: Uint8Array; scanned: Uint8Array }> {
  const printed = await lossRunPdf(runs.gl, 'table');
  const { bytes: scanned } = await scanPdf(await lossRunPdf(runs.property, 'labelled'), { dpi: 200, seed, keep: [], title: `Loss run - ${runs.property.carrier} (scanned)` });
  return { printed, scanned };
}
