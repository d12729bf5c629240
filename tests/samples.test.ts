import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rect } from '../schemas/field.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { sameValue } from '../bench/compare-with-expected.js';
import { REVIEW_THRESHOLD } from '../src/config/review-threshold.js';
import { OcrPool } from '../src/read/ocr/ocr-pool.js';
import { applyTransform } from '../src/read/raster/page-transform.js';
import { ExpectedFile, type ExpectedField, type ScanInfo } from '../scripts/sample-kit/expected.js';

/** Every shipped sample input is read field by field and compared with its expected JSON. */
const SAMPLES = path.resolve(import.meta.dirname, '../samples');

/**
 * Right values each scan must reach, measured at 6e3a943: the 300 dpi contractor 125 misses 1 of its 191
 * values, the 200 dpi retail 125 4 of 153, the others none; every value missed is under the threshold
 * (asserted below). A floor of 95 % at 300 dpi and 93 % at 200 dpi was all these asserted before.
 */
const RIGHT_VALUES: Record<string, number> = {
  'contractor-co-scan300/acord-125.scan300.pdf': 190,
  'contractor-co-scan300/acord-126.scan300.pdf': 127,
  'office-ny-scan300/acord-140-1.scan300.pdf': 93,
  'office-ny-scan200/acord-140-1.scan200.pdf': 93,
  'retail-fl-scan200/acord-125.scan200.pdf': 149,
  'retail-fl-scan200/acord-126.scan200.pdf': 81,
};

/**
 * Right values a scan sends to review, measured: 4 at 300 dpi, 5 at 200 (1.0 % and 1.5 % of the right
 * values; the 200 dpi 126's "$2,000,000" went from 0.8 to 0.58 when scans began to be decoded to gray by
 * libjpeg-turbo, within 4 grey levels of Skia's pixels), since the document's own glyphs vouch for values tesseract's dictionary doubted
 * (17 and 6 before; 47 and 41 while a yes/no box was read with capitals alone).
 */
const SENT_TO_REVIEW: Record<string, number> = {
  'contractor-co-scan300/acord-125.scan300.pdf': 0,
  'contractor-co-scan300/acord-126.scan300.pdf': 1,
  'office-ny-scan300/acord-140-1.scan300.pdf': 3,
  'office-ny-scan200/acord-140-1.scan200.pdf': 3,
  'retail-fl-scan200/acord-125.scan200.pdf': 1,
  'retail-fl-scan200/acord-126.scan200.pdf': 1,
};

const round = (r: readonly number[] | null) => r && r.map((v) => Math.round(v * 10) / 10);

type Actual = Omit<ExpectedField, 'rect'> & { rect: number[] | null };

function actualFields(part: unknown): Actual[] {
  return listLeaves(part)
    .map(({ path: p, leaf }) => ({ path: p, value: leaf.value as ExpectedField['value'], raw: leaf.raw, page: leaf.source.page, rect: round(leaf.source.rect), method: leaf.source.method, field: leaf.source.field ?? '' }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Where a template rect lies on a scanned page, in the page's points: through the recorded scan transform. */
function scannedRect(rect: Rect, scan: ScanInfo, pageIndex: number): Rect {
  const t = scan.pages[pageIndex]!.transform;
  const [x, y, w, h] = rect;
  const k = 72 / scan.dpi;
  const heightPx = (792 * scan.dpi) / 72;
  const pts = [applyTransform(t, x, y), applyTransform(t, x + w, y), applyTransform(t, x, y + h), applyTransform(t, x + w, y + h)].map(([px, py]) => [px * k, (heightPx - py) * k] as const);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
}

const cases = readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.expected.json'))
  .sort();

const pool = new OcrPool();
afterAll(() => pool.close());

describe('shipped samples read back as expected', () => {
  it('there are samples of every input kind', () => {
    const methods = new Set(cases.map((c) => ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLES, c), 'utf8'))).kind));
    expect(methods).toEqual(new Set(['pdf', 'acord-xml']));
    for (const variant of ['-flat/', '-scan300/', '-scan200/']) expect(cases.some((c) => c.includes(variant))).toBe(true);
  });

  for (const rel of cases) {
    it(rel.replace('.expected.json', ''), async () => {
      const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLES, rel), 'utf8')));
      const input = path.join(SAMPLES, rel.replace(/\.expected\.json$/, ''));
      const { document, parts, warnings } = await extractDocument(new Uint8Array(readFileSync(input)), expected.file, { ocr: () => pool });
      expect(warnings).toEqual([]);
      const forms = expected.kind === 'pdf' ? expected.forms : [{ fields: expected.fields, pages: [] as number[] }];
      const scan = expected.kind === 'pdf' ? expected.scan : undefined;
      if (expected.kind === 'pdf') {
        expect(document.forms.map((f) => [f.form, f.edition, f.pages])).toEqual(expected.forms.map((f) => [f.form, f.edition, f.pages]));
      }
      expect(parts).toHaveLength(forms.length);
      for (const [i, form] of forms.entries()) {
        const want = form.fields.map((f) => ({ ...f, rect: round(f.rect) }));
        const got = actualFields(parts[i]);
        if (!scan) {
          expect(got).toEqual(want.sort((a, b) => a.path.localeCompare(b.path)));
          continue;
        }
        // A scan is read by OCR: most values exactly, each where the scan put its box.
        const byPath = new Map(got.map((g) => [g.path, g]));
        let exact = 0;
        for (const w of form.fields) {
          const g = byPath.get(w.path);
          if (!g || JSON.stringify(g.value) !== JSON.stringify(w.value)) continue;
          exact++;
          expect(g).toMatchObject({ method: 'ocr', page: w.page, field: w.field });
          const at = scannedRect(w.rect!, scan, w.page! - 1);
          for (const [k, v] of g.rect!.entries()) expect(Math.abs(v - at[k]!)).toBeLessThan(2);
        }
        const scanName = rel.replace('.expected.json', '');
        expect(exact).toBeGreaterThanOrEqual(RIGHT_VALUES[scanName]!);
        const leaves = new Map(listLeaves(parts[i]).map(({ path: p, leaf }) => [p, leaf]));
        const unsure = form.fields.filter((w) => {
          const leaf = leaves.get(w.path);
          return leaf !== undefined && sameValue(leaf.value, w.value) && leaf.confidence < REVIEW_THRESHOLD;
        });
        expect(unsure.length).toBeLessThanOrEqual(SENT_TO_REVIEW[scanName]!);
        // Confidence must mean something: a value at or above the threshold is never shown to a person,
        // so it must be right, and nothing the form does not hold may be read at it (the speck after "Co"
        // on the 200 dpi 125, read as a period, sits closer to the "o" than print sets one: under review).
        const expectedValue = new Map(form.fields.map((f) => [f.path, f.value]));
        const sureButWrong = listLeaves(parts[i])
          .filter(({ path: p, leaf }) => leaf.confidence >= REVIEW_THRESHOLD && !(expectedValue.has(p) && sameValue(leaf.value, expectedValue.get(p))))
          .map(({ path: p }) => p);
        expect(sureButWrong).toEqual([]);
      }
    }, 180_000); // a 4-page scan with its second reads takes ~30 s alone, over 60 s beside a busy suite
  }
});

/** A claim as the tests compare it: policy, number, loss date, status, paid, reserve, incurred, description. */
const claimRow = (c: { policyNumber: string | null; claimNumber: string | null; lossDate: string | null; status: string | null; paid: number | null; reserve: number | null; incurred: number | null; description: string | null }) =>
  [c.policyNumber, c.claimNumber, c.lossDate, c.status, c.paid, c.reserve, c.incurred, c.description];

describe('shipped schedules of values and loss runs read back', () => {
  const read = (rel: string) => extractDocument(new Uint8Array(readFileSync(path.join(SAMPLES, rel))), path.basename(rel), { ocr: () => pool });

  it('manufacturing-oh/schedule-of-values.xlsx: the SOV sheet, cell by cell; location 3 disagrees with its 140 on purpose', async () => {
    const { document, schedulesOfValues, warnings } = await read('manufacturing-oh/schedule-of-values.xlsx');
    expect(document).toMatchObject({ kind: 'schedule-of-values', pageCount: 0, forms: [] });
    expect(warnings).toEqual([expect.stringMatching(/^schedule-of-values\.xlsx: sheet "Cover" not read/)]);
    const [sov] = schedulesOfValues!;
    expect(sov).toMatchObject({ sheet: 'SOV', headerRow: 4, totalTiv: 16_355_000, skippedRows: [{ row: 9, reason: 'a total row' }] });
    expect(sov!.buildings.map((b) => [b.row, b.cells.address?.value, b.cells.buildingValue?.value ?? null, b.tiv])).toEqual([
      [5, '9255 Industrial Blvd', '4810000.00', 6_195_000],
      [6, '6732 Industrial Blvd', null, 925_000],
      [7, '3562 Oak Ave', '2780000.00', 3_480_000],
      [8, '7889 Lincoln Ave', '4040000.00', 5_755_000],
    ]);
    expect(sov!.buildings[2]!.cells.buildingValue!.source).toEqual({ file: 'schedule-of-values.xlsx', sheet: 'SOV', row: 7, column: 13 });
    expect(sov!.buildings[0]!.cells.construction).toMatchObject({ value: 'Masonry Non-Combustible', source: { row: 5, column: 8 } });
    expect(sov!.buildings[3]!.cells.city?.value).toBe('Westerville');
    expect(sov!.buildings[1]!.other['Flood Zone']?.value).toBe('AE');
    const form = ExpectedFile.parse(JSON.parse(readFileSync(path.join(SAMPLES, 'manufacturing-oh/acord-140-3.pdf.expected.json'), 'utf8')));
    const fields = form.kind === 'pdf' ? form.forms[0]!.fields : [];
    expect(fields.find((f) => f.path === 'property.locations[0].subjectsOfInsurance[0].limitAmount')?.value).toBe('2630000.00');
  });

  it('manufacturing-oh-flat/schedule-of-values.csv: other headers and "$" amounts, the notes kept', async () => {
    const { schedulesOfValues, warnings } = await read('manufacturing-oh-flat/schedule-of-values.csv');
    expect(warnings).toEqual([]);
    const [sov] = schedulesOfValues!;
    expect(sov).toMatchObject({ sheet: 'schedule-of-values.csv', headerRow: 1, totalTiv: 16_355_000, skippedRows: [{ row: 6, reason: 'a total row' }] });
    const second = sov!.buildings[1]!;
    expect(second.cells.contentsValue).toEqual({ value: '175000.00', raw: '$175,000', source: { file: 'schedule-of-values.csv', sheet: 'schedule-of-values.csv', row: 3, column: 12 } });
    expect(second.other['Notes']?.value).toBe('Tenant, no building coverage');
    expect(sov!.buildings[2]!.cells.buildingValue?.value).toBe('2780000.00');
    expect(sov!.buildings[0]!.cells.yearBuilt?.value).toBe(2011);
  });

  it('manufacturing-oh/loss-run-general-liability.pdf (printed) and manufacturing-oh-flat/loss-run-property.scan200.pdf (scanned): every claim', async () => {
    const printed = await read('manufacturing-oh/loss-run-general-liability.pdf');
    expect(printed.document).toMatchObject({ kind: 'loss-run', pageCount: 1, forms: [] });
    expect(printed.lossRun).toMatchObject({ carrier: 'Harborline Mutual Insurance Company', valuationDate: '2025-11-01' });
    expect(printed.lossRun!.periods.map((p) => p.policyNumber)).toEqual(['HGL-2204417', 'HGL-2304417', 'HGL-2404417']);
    expect(printed.lossRun!.claims.map(claimRow)).toEqual([
      ['HGL-2204417', 'GL-2023-0042', '2023-03-14', 'closed', 12000, 0, 12000, 'Visitor slipped on shop floor'],
      ['HGL-2404417', 'GL-2025-0007', '2025-05-02', 'open', 2500, 40000, 42500, 'Product defect injury to customer employee'],
      ['HGL-2404417', 'GL-2025-0113', '2025-09-30', 'closed', 800, 0, 800, 'Damage to vendor truck'],
    ]);
    const scanned = await read('manufacturing-oh-flat/loss-run-property.scan200.pdf');
    expect(scanned.lossRun).toMatchObject({ carrier: 'Great Plains Casualty Group', valuationDate: '2025-11-03' });
    expect(scanned.lossRun!.periods).toEqual([
      { policyNumber: 'GPP-771203', from: '2024-01-01', to: '2025-01-01' },
      { policyNumber: 'GPP-771204', from: '2025-01-01', to: '2026-01-01' },
    ]);
    expect(scanned.lossRun!.claims.map(claimRow)).toEqual([
      ['GPP-771203', 'PR-2024-311', '2024-07-19', 'closed', 18250, 0, 18250, 'Hail damage to roof'],
      ['GPP-771204', 'PR-2025-054', '2025-02-06', 'open', 4100, 9500, 13600, 'Frozen sprinkler pipe burst'],
    ]);
  }, 60_000);
});
