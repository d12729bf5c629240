import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { FormTemplate, TemplateField } from '../schemas/form-template.js';
import { compareWithExpected } from '../bench/compare-with-expected.js';
import { realAgencyPrint } from '../bench/real-agency-print.js';
import { extractDocument } from '../src/read/extract/extract-document.js';
import { listLeaves } from '../src/model/list-leaves.js';
import { openPdf } from '../src/read/pdf/open-pdf.js';
import { ruledCell } from '../src/read/place/ruled-cell.js';
import { agencyLicense, agencyValueWriter } from '../scripts/sample-kit/agency-print.js';
import { ExpectedFile } from '../scripts/sample-kit/expected.js';
import { findTemplate } from '../src/read/templates/template-registry.js';
import { assignTextToFields } from '../src/read/text-layer/assign-text-to-fields.js';
import { readAddressBlock } from '../src/read/text-layer/read-address-block.js';
import { readPageText, type TextItem } from '../src/read/text-layer/read-page-text.js';
import { hasSharedForms } from './support/shared-forms.js';

const DIR = path.resolve(import.meta.dirname, '../samples/contractor-co-agency');

async function readSample(file: string) {
  const bytes = new Uint8Array(readFileSync(path.join(DIR, file)));
  const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.join(DIR, `${file}.expected.json`), 'utf8')));
  if (expected.kind !== 'pdf') throw new Error(`${file}: not a PDF expectation`);
  const { parts } = await extractDocument(bytes, file, {});
  const got = new Map(listLeaves(parts[0]).map(({ path: p, leaf }) => [p, leaf]));
  const want = new Map(expected.forms[0]!.fields.map((f) => [f.path, f]));
  return { bytes, got, want, form: expected.forms[0]! };
}

/** The drawn text of one page whose string (words joined) is `text`, as pdf.js gives it: several pieces for Courier's wide spaces. */
async function printedLine(bytes: Uint8Array, page: number, text: string): Promise<TextItem[]> {
  const doc = await openPdf(bytes, 'agency.pdf');
  const { items } = await readPageText(doc, page);
  await doc.destroy();
  const first = text.split(' ')[0]!;
  for (const start of items.filter((i) => i.str.trim() === first || text.startsWith(i.str.trim()))) {
    const line = items.filter((i) => Math.abs(i.y - start.y) < 0.5 && i.x >= start.x).sort((a, b) => a.x - b.x);
    const joined = line.map((i) => i.str.trim()).join(' ');
    if (joined.startsWith(text)) return line;
  }
  throw new Error(`"${text}" is not printed on page ${page}`);
}

describe('agency-system prints read by their ruled cells', () => {
  it('ACORD 125: the producer and named-insured blocks split into name, street, suite, city, state and ZIP', async () => {
    const { bytes, got, want } = await readSample('acord-125.agency.pdf');
    for (const party of ['producer', 'namedInsureds[0]']) {
      const name = party === 'producer' ? 'producer.fullName' : 'namedInsureds[0].fullName';
      const parts = ['mailingAddress.lineOne', 'mailingAddress.lineTwo', 'mailingAddress.cityName', 'mailingAddress.stateOrProvinceCode', 'mailingAddress.postalCode'].map((p) => `${party}.${p}`);
      for (const p of [name, ...parts]) {
        expect(want.get(p), `${p} is in the sample`).toBeDefined();
        expect(got.get(p)?.value, p).toBe(want.get(p)!.value);
        expect(got.get(p)?.raw, p).toBe(want.get(p)!.raw);
      }
      // Printed as one line "City, ST ZIP" under the suite, not in the city, state and ZIP boxes.
      const city = want.get(`${party}.mailingAddress.cityName`)!;
      const place = `${city.raw}, ${want.get(`${party}.mailingAddress.stateOrProvinceCode`)!.raw} ${want.get(`${party}.mailingAddress.postalCode`)!.raw}`;
      const [first] = await printedLine(bytes, city.page!, place);
      expect(first!.y, `${place} is printed above the city box`).toBeGreaterThan(city.rect![1] + city.rect![3] - 0.3 * first!.size);
    }
    expect(got.get('producer.mailingAddress.cityName')?.value).toBe('Denver');
    expect(got.get('producer.mailingAddress.postalCode')?.value).toBe('80205');
  });

  it('the licence number printed under the customer id is never read as it, nor as anything else', async () => {
    for (const file of ['acord-125.agency.pdf', 'acord-126.agency.pdf']) {
      const { bytes, got, want } = await readSample(file);
      const id = want.get('producer.customerIdentifier')!;
      const license = agencyLicense(id.raw);
      // The licence line is printed where the box reader takes it for the id: its baseline within the box's slack.
      const [printed] = await printedLine(bytes, id.page!, `License #: ${license}`);
      expect(printed!.y).toBeLessThan(id.rect![1]);
      expect(printed!.y).toBeGreaterThanOrEqual(id.rect![1] - 0.3 * printed!.size);
      expect(got.get('producer.customerIdentifier')?.value, file).toBe('C574955');
      expect([...got.values()].filter((l) => String(l.raw).includes(license)), file).toEqual([]);
    }
  });

  it('values printed high over their box, and values running on past it, belong to the box of their cell', async () => {
    const { bytes, got, want, form } = await readSample('acord-125.agency.pdf');
    const template = findTemplate('125', form.edition)!;
    let offset = 0;
    let overflowing = 0;
    for (const w of want.values()) {
      const field = template.fields.find((f) => f.name === w.field)!;
      if (field.kind !== 'text' || field.multiline || w.page !== 1) continue;
      const line = await printedLine(bytes, w.page, w.raw).catch(() => null);
      if (!line) continue; // part of an address block
      const [x, y, width, h] = w.rect!;
      const [, , , cellTop] = ruledCell(template.pages[0]!.rules!, [0, 0, 612, 792], w.rect!);
      const first = line[0]!;
      const last = line.at(-1)!;
      const high = first.y > y + h - 0.3 * first.size && first.y < cellTop;
      const over = last.x + last.width > x + width;
      if (high) offset++;
      if (over) overflowing++;
      if (high || over) expect(got.get(w.path)?.value, `${w.path} (printed ${high ? 'high' : ''}${over ? ' past its box' : ''})`).toEqual(w.value);
    }
    expect(offset).toBeGreaterThan(10);
    expect(overflowing).toBeGreaterThan(0);
    expect(got.get('carrier.fullName')?.value).toBe('Harborline Specialty Insurance Co');
    expect(got.get('policy.policyNumberIdentifier')?.value).toBe('K95381');
  });

  it('every value of both prints is read, under its own field, and nothing else', async () => {
    for (const file of ['acord-125.agency.pdf', 'acord-126.agency.pdf']) {
      const { got, want } = await readSample(file);
      expect([...got.keys()].sort(), file).toEqual([...want.keys()].sort());
      for (const [p, w] of want) expect(got.get(p)?.value, `${file} ${p}`).toEqual(w.value);
    }
  });
});

describe('stacked boxes in one ruled cell', () => {
  it('each value printed high over its box is read into its own box, not the one above', async () => {
    // The 126's deductible amounts: three boxes one under the other in one ruled cell, the agency's
    // values printed high, so each one's baseline lies in the slack under the box above.
    const rules = { h: [[516, 32.4, 230.4] as [number, number, number], [588, 32.4, 230.4] as [number, number, number]], v: [[32.4, 516, 588] as [number, number, number], [230.4, 516, 588] as [number, number, number]] };
    const box = (name: string, y: number): TemplateField => ({ name, kind: 'text', path: `deductibles.${name}`, valueType: 'money', widgets: [{ page: 1, rect: [119, y, 50, 12] }], maxLength: 0, multiline: false, fontSize: null, tooltip: '' });
    const fields = [box('first', 564), box('second', 552), box('third', 540)];
    const template: FormTemplate = { form: '126', edition: '2016/09', footer: '', titles: [], derivedFrom: [], pages: [{ width: 612, height: 792, rules }], fields };
    const raws = ['16,000', '18,000', '21,000'];
    const doc = await PDFDocument.create();
    const page = doc.addPage([612, 792]);
    const write = await agencyValueWriter(doc, template, fields.map((field, i) => ({ field, path: field.path!, value: raws[i]!, raw: raws[i]! })));
    fields.forEach((f, i) => write(page, f, f.widgets[0]!.rect, raws[i]));
    const pdf = await openPdf(await doc.save(), 'stacked.pdf');
    const text = await readPageText(pdf, 1);
    await pdf.destroy();
    const printed = text.items.find((i) => i.str === '18,000')!;
    expect(printed.y, 'the second value is printed in the slack under the first box').toBeLessThan(564);
    expect(printed.y).toBeGreaterThan(564 - 0.3 * printed.size);
    const boxes = fields.map((f) => ({ name: f.name, rect: f.widgets[0]!.rect, path: f.path, kind: 'text' as const }));
    const read = assignTextToFields(text, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }, boxes, [], { rules, view: [0, 0, 612, 792] });
    expect(Object.fromEntries(read.map((r) => [r.name, r.raw]))).toEqual({ first: '16,000', second: '18,000', third: '21,000' });
  });
});

describe('name-and-address blocks split by the address parser', () => {
  it('reads name, street, suite, city, state and ZIP+4, and leaves lines under the place line out', () => {
    expect(readAddressBlock(['Riverbend Insurance Brokers LLC', '8303 Market St', 'Suite 194', 'Denver, CO 80205-1234', 'License #: 0G74955'], true)).toEqual({
      name: 'Riverbend Insurance Brokers LLC',
      lineOne: '8303 Market St',
      lineTwo: 'Suite 194',
      city: 'Denver',
      state: 'CO',
      zip: '80205-1234',
    });
  });

  it('keeps a name over two lines, a city of several words without a comma, and a PO box', () => {
    expect(readAddressBlock(['Timberline Remodeling LLC', 'DBA Timberline Homes', 'PO Box 412', 'Colorado Springs CO 80903'], true)).toEqual({
      name: 'Timberline Remodeling LLC DBA Timberline Homes',
      lineOne: 'PO Box 412',
      city: 'Colorado Springs',
      state: 'CO',
      zip: '80903',
    });
  });

  it('gives nothing for a block without a street or a place line', () => {
    expect(readAddressBlock(['Timberline Remodeling LLC', 'Denver, CO 80205'], true)).toBeNull();
    expect(readAddressBlock(['Timberline Remodeling LLC', '5947 Warehouse Rd'], true)).toBeNull();
  });
});

/** Values of each real form's agency print read right, as measured: all of them. */
const REAL_FLOOR: Record<'125' | '126' | '140', number> = { '125': 547, '126': 254, '140': 355 };

describe.skipIf(!hasSharedForms)('agency prints of the real blank forms', () => {
  for (const form of ['125', '126', '140'] as const) {
    it(`ACORD ${form}: every mapped box printed by an agency system, read by cell, nothing invented`, async () => {
      const { bytes, expected } = await realAgencyPrint(form);
      const { parts } = await extractDocument(bytes, `real-${form}-agency.pdf`, {});
      const accuracy = compareWithExpected(parts[0], expected);
      expect(accuracy.spurious).toBe(0);
      expect(accuracy.exact).toBeGreaterThanOrEqual(REAL_FLOOR[form]);
      expect(accuracy.fields).toBe(expected.length);
    }, 60_000);
  }
});
