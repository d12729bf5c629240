import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SovSchedule } from '../schemas/sov.js';
import { readSov } from '../src/read/sov/read-sov.js';

/** Three buildings as a broker's schedule gives them; each layout below writes them its own way. */
const BUILDINGS = [
  { loc: '1', bldg: '1', street: '9255 Industrial Blvd', city: 'Columbus', state: 'OH', zip: '43201', occupancy: 'Machine shop', construction: 'Masonry Non-Combustible', year: 2011, stories: 2, area: 34100, sprinklered: 'Y', ppc: '3', building: 4810000, contents: 615000, bi: 560000 },
  { loc: '2', bldg: '1', street: '6732 Industrial Blvd', city: 'Columbus', state: 'OH', zip: '43215', occupancy: 'Warehouse', construction: 'Non-Combustible', year: 1985, stories: 1, area: 42900, sprinklered: 'N', ppc: '4', building: 175000, contents: 520000, bi: 230000 },
  { loc: '3', bldg: '2', street: '3562 Oak Ave', city: 'Columbus', state: 'OH', zip: '43229', occupancy: 'Office', construction: 'Joisted Masonry', year: 1972, stories: 1, area: 16600, sprinklered: 'Y', ppc: '3', building: 2630000, contents: 250000, bi: 130000 },
];

async function xlsx(fill: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('schedules of values', () => {
  it('reads a workbook with a title above the header, shuffled and renamed columns, extra columns and a total row', async () => {
    const bytes = await xlsx((book) => {
      book.addWorksheet('Cover').addRows([['Statement of Values'], ['Prepared for Harbor Manufacturing LLC']]);
      const ws = book.addWorksheet('SOV 2026');
      ws.addRows([['Harbor Manufacturing LLC — Schedule of Values'], ['As of 11/15/2026'], []]);
      ws.addRow(['Bldg #', 'Loc #', 'Total Insured Value (TIV)', 'Flood Zone', 'Building Value', 'Contents (BPP)', 'BI/EE', 'Street Address', 'City', 'ST', 'Zip Code', 'Occupancy', 'Const. Type', 'Yr Built', '# of Stories', 'Sq. Ft.', 'Sprinklered (Y/N)', 'ISO PPC']);
      for (const b of BUILDINGS) ws.addRow([b.bldg, b.loc, b.building + b.contents + b.bi, 'X', b.building, b.contents, b.bi, b.street, b.city, b.state, b.zip, b.occupancy, b.construction, b.year, b.stories, b.area, b.sprinklered, b.ppc]);
      ws.addRow(['', 'Totals', { formula: 'SUM(C5:C7)', result: 10_370_000 }]);
    });
    const [schedule, ...others] = await readSov(bytes, 'harbor-sov.xlsx');
    expect(others).toEqual([]);
    SovSchedule.parse(schedule);
    expect(schedule).toMatchObject({ file: 'harbor-sov.xlsx', sheet: 'SOV 2026', headerRow: 4, totalTiv: 9_920_000, skippedRows: [{ row: 8, reason: 'a total row' }] });
    expect(schedule!.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(['Flood Zone']);
    expect(schedule!.buildings).toHaveLength(3);
    const first = schedule!.buildings[0]!;
    expect(Object.fromEntries(Object.entries(first.cells).map(([field, cell]) => [field, cell!.value]))).toEqual({
      buildingNumber: '1',
      locationNumber: '1',
      tiv: '5985000.00',
      buildingValue: '4810000.00',
      contentsValue: '615000.00',
      businessIncomeValue: '560000.00',
      address: '9255 Industrial Blvd',
      city: 'Columbus',
      state: 'OH',
      zip: '43201',
      occupancy: 'Machine shop',
      construction: 'Masonry Non-Combustible',
      yearBuilt: 2011,
      stories: 2,
      area: 34100,
      sprinklered: true,
      protectionClass: '3',
    });
    expect(first.cells.address!.source).toEqual({ file: 'harbor-sov.xlsx', sheet: 'SOV 2026', row: 5, column: 8 });
    expect(first.other).toEqual({ 'Flood Zone': { value: 'X', raw: 'X', source: { file: 'harbor-sov.xlsx', sheet: 'SOV 2026', row: 5, column: 4 } } });
    expect(schedule!.buildings.map((b) => b.tiv)).toEqual([5_985_000, 925_000, 3_010_000]);
    expect(schedule!.buildings[1]!.cells.sprinklered!.value).toBe(false);
  });

  it('reads a CSV export with other header names, money written with symbols and a two-digit year', async () => {
    const lines = [
      'Location,Building,Property Address,Town,State,Postal Code,Use,Construction,Year,Floors,Square Feet,% Sprinklered,Protection Class,Building Limit,Personal Property,Business Income,Notes',
      ...BUILDINGS.map((b) => [b.loc, `"$${b.building.toLocaleString('en-US')}"`, b.street, b.city, b.state, b.zip, b.occupancy, b.construction, String(b.year).slice(-2), b.stories, b.area, b.sprinklered === 'Y' ? '100%' : '0%', b.ppc, '', `"$${b.contents.toLocaleString('en-US')}"`, b.bi, 'ok'].join(',')),
    ];
    const [schedule] = await readSov(new TextEncoder().encode(lines.join('\r\n')), 'inbox/sov.csv');
    expect(schedule!.columns.map((c) => c.field)).toEqual(['locationNumber', 'buildingValue', 'address', 'city', 'state', 'zip', 'occupancy', 'construction', 'yearBuilt', 'stories', 'area', 'sprinklered', 'protectionClass', null, 'contentsValue', 'businessIncomeValue', null]);
    const values = schedule!.buildings.map((b) => [b.cells.buildingValue!.value, b.cells.yearBuilt!.value, b.cells.sprinklered!.value, b.tiv]);
    expect(values).toEqual([
      ['4810000.00', 2011, true, 5_985_000],
      ['175000.00', 1985, false, 925_000],
      ['2630000.00', 1972, true, 3_010_000],
    ]);
    expect(schedule!.sheet).toBe('sov.csv');
  });

  it('refuses a damaged or password-protected workbook with a sentence, and finds no schedule in a sheet without one', async () => {
    await expect(readSov(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'broken.xlsx')).rejects.toThrow(/broken\.xlsx: is not an \.xlsx workbook that can be opened/);
    await expect(readSov(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'locked.xlsx')).rejects.toMatchObject({ code: 'spreadsheet-encrypted' });
    const notes = await xlsx((book) => book.addWorksheet('Notes').addRows([['Call me about the roof'], ['Thanks']]));
    expect(await readSov(notes, 'notes.xlsx')).toEqual([]);
  });
});
