import { describe, expect, it } from 'vitest';
import type { PageTransform } from '../src/read/raster/page-transform.js';
import { assignTextToFields, type FieldBox } from '../src/read/text-layer/assign-text-to-fields.js';
import type { PageText, TextItem } from '../src/read/text-layer/read-page-text.js';

/** A row of boxes laid out like an ACORD address line, a remarks box and check boxes (template points). */
const BOXES: FieldBox[] = [
  { name: 'Name', kind: 'text', rect: [20, 700, 100, 12] },
  { name: 'Code', kind: 'text', rect: [124, 700, 60, 12] },
  { name: 'State', kind: 'text', rect: [190, 700, 18, 12] },
  { name: 'Zip', kind: 'text', rect: [208, 700, 46, 12] },
  { name: 'Remarks', kind: 'text', rect: [20, 600, 300, 36] },
  { name: 'Amount', kind: 'text', rect: [300, 700, 60, 12] },
  { name: 'CheckX', kind: 'checkbox', rect: [20, 580, 14, 12] },
  { name: 'CheckTick', kind: 'checkbox', rect: [40, 580, 14, 12] },
  { name: 'CheckDrawn', kind: 'checkbox', rect: [60, 580, 14, 12] },
  { name: 'CheckBlank', kind: 'checkbox', rect: [80, 580, 14, 12] },
];

const item = (str: string, x: number, y: number, width: number, size = 8): TextItem => ({ str, x, y, width, size });

/** What a flattened page shows, in template points. */
const ITEMS: TextItem[] = [
  // The form's own label, printed just above the Name box: never a value.
  item('NAME (First Named Insured)', 20, 712.6, 80, 5.9),
  // A long name a producer wrote word by word: it runs past its box over the blank Code box.
  item('VERY LONG NAME', 22, 703.1, 95),
  item('HOLDINGS INC', 119.2, 703.1, 50),
  // Narrow neighbours: state centred in its box, zip left aligned right after it.
  item('CA', 193.4, 703.1, 11.1),
  item('89501', 210, 703.1, 22.2),
  // The blank form's "$" inside the Amount box, run together with the value by the producer.
  item('$ 1,000', 302, 703.1, 26),
  // Three lines in the remarks box, the second one in two pieces.
  item('FIRST LINE', 22, 626.5, 40),
  item('SECOND', 22, 616.9, 30),
  item('PART', 54.2, 616.9, 20),
  item('THIRD LINE', 22, 607.3, 40),
  // Check boxes: an X typed in Helvetica, a ZapfDingbats tick, an empty box glyph (unchecked).
  item('X', 24.7, 583, 5.3),
  item('✔', 43.2, 583, 7.6),
  item('☐', 83, 583, 8),
];
const MARKS: PageText['marks'] = [[62, 582, 10, 8]];
const PRINTED: [string, number, number][] = [['$', 302, 703.1]];

const EXPECTED = {
  Name: 'VERY LONG NAME HOLDINGS INC',
  State: 'CA',
  Zip: '89501',
  Amount: '1,000',
  Remarks: 'FIRST LINE\nSECOND PART\nTHIRD LINE',
  CheckX: '1',
  CheckTick: '1',
  CheckDrawn: '1',
};

function page(t: PageTransform, items: TextItem[], marks: PageText['marks'] = []): PageText {
  return {
    page: 1,
    view: [0, 0, 612, 792],
    items: items.map((i) => ({ ...i, x: t.a * i.x + t.e, y: t.d * i.y + t.f, width: i.width * t.a, size: i.size * t.d })),
    marks: marks.map(([x, y, w, h]) => [t.a * x + t.e, t.d * y + t.f, w * t.a, h * t.d]),
  };
}

const read = (t: PageTransform, items = ITEMS, marks = MARKS, printed = PRINTED) =>
  Object.fromEntries(assignTextToFields(page(t, items, marks), t, BOXES, printed).map((r) => [r.name, r.raw]));

const IDENTITY: PageTransform = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

describe('assigning a flattened page’s text to template boxes', () => {
  it('reads overflowing, narrow, multi-line and checked boxes, and skips labels and blank boxes', () => {
    expect(read(IDENTITY)).toEqual(EXPECTED);
  });

  it('reads the same through a 97 % scale and shift (the transform maps template to page)', () => {
    expect(read({ a: 0.97, b: 0, c: 0, d: 0.97, e: 12.2, f: 9.5 })).toEqual(EXPECTED);
  });

  it('gives text wider than its box to the box it is centred in or right aligned in, as a guess', () => {
    const items = [
      // Centred on the Code box (centre 154), it starts inside the blank Name box.
      item('CENTRED VALUE CO', 109, 703.1, 90),
      // Right aligned in the Amount box (right edge 360), it starts left of every box.
      item('1,250,000,000,000.00', 278, 703.1, 80),
    ];
    const readings = assignTextToFields(page(IDENTITY, items), IDENTITY, BOXES, []);
    expect(readings.map(({ name, raw, guessed }) => ({ name, raw, guessed }))).toEqual([
      { name: 'Code', raw: 'CENTRED VALUE CO', guessed: true },
      { name: 'Amount', raw: '1,250,000,000,000.00', guessed: true },
    ]);
  });

  it('keeps two values apart when the first runs over the second', () => {
    const readings = read(IDENTITY, [item('OVERFLOWING NAME GOES ON', 22, 703.1, 110), item('C12', 126, 703.1, 14.7)], [], []);
    expect(readings).toEqual({ Name: 'OVERFLOWING NAME GOES ON', Code: 'C12' });
  });

  it('splits what pdfjs joined across neighbouring boxes ("N.Y." and the ZIP beside it come as one item)', () => {
    expect(read(IDENTITY, [item('N.Y. 12308', 192, 703.1, 40.24)], [], [])).toEqual({ State: 'N.Y.', Zip: '12308' });
  });

  it('reads nothing from a blank page', () => {
    expect(read(IDENTITY, [item('NAME (First Named Insured)', 20, 712.6, 80, 5.9)], [], [])).toEqual({});
  });
});
