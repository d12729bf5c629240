import { StandardFonts, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Rect } from '../../schemas/field.js';
import type { FormTemplate } from '../../schemas/form-template.js';
import { ruledCell, type Cell } from '../../src/read/place/ruled-cell.js';
import { addressGroups, type AddressGroup } from '../../src/read/text-layer/address-groups.js';
import type { ValueWriter } from './acroform-fields.js';
import { flatValueWriter } from './flat-values.js';
import { boxOf, wrapLines, type FormValue } from './form-values.js';

/** Agency systems print in their own font, a size larger than the form's 8 pt boxes. */
const SIZE = 9;
/** The smallest size a value is shrunk to so that it stays inside its ruled cell. */
const MIN_SIZE = 6;
/** Lines of a name-and-address block, baseline to baseline: tighter than the form's 12 pt rows. */
const LEADING = 10;
/** Values start this far into their box (the form's fill pads 2). */
const INDENT = 3;
/** A cell with this much room above its box gets its value printed high, over the box's top edge. */
const ROOM_ABOVE = 10;
/** The licence line: small print just under the customer id's box, over the rule into the next cell. */
const LICENSE_SIZE = 7;
const LICENSE_DROP = 1.5;

const CUSTOMER_ID = 'producer.customerIdentifier';

/** The producer licence number the agency prints beside its customer id (made up from that id). */
export const agencyLicense = (customerId: string | undefined) => `0G${(customerId ?? '').replace(/\D/g, '').slice(-5).padStart(5, '0')}`;

type PageLayout = { groups: AddressGroup[]; cellOf: (rect: Rect) => Cell; widgets: Rect[] };

/**
 * Writes values the way an agency management system prints an ACORD form from its own data (src/samples'
 * "agency print"): Courier a size larger than the form's, each value a few points right of where the
 * form's fill puts it and, where its ruled cell has room above the box, high over the box's top edge;
 * a value too wide for its box runs on to its cell's edge (shrunk only to stay in the cell); a
 * party's name, street, suite and "City, ST ZIP" as one block of lines from the top of its
 * name-and-address cell, not one line per box; and "License #: …" printed just under the agency
 * customer id's box, over the rule into the next cell. Multi-line text that fits its box is left as
 * the form's fill lays it out.
 */
export async function agencyValueWriter(doc: PDFDocument, template: FormTemplate, values: readonly FormValue[]): Promise<ValueWriter> {
  const courier = await doc.embedFont(StandardFonts.Courier);
  const wrapped = flatValueWriter(await doc.embedFont(StandardFonts.Helvetica));
  const raw = new Map(values.map((v) => [v.field.name, v.raw]));
  const layouts = template.pages.map((page, i): PageLayout => {
    const cellOf = (rect: Rect) => ruledCell(page.rules ?? { h: [], v: [] }, [0, 0, page.width, page.height], rect);
    const boxes = template.fields.flatMap((f) => f.widgets.filter((w) => w.page === i + 1).map((w) => ({ name: f.name, path: f.path, rect: w.rect })));
    return { groups: addressGroups(boxes, cellOf), cellOf, widgets: boxes.map((b) => b.rect) };
  });
  const printed = new WeakMap<PDFPage, Set<AddressGroup>>();

  return (page, field, rect, value) => {
    const widget = field.widgets.find((w) => w.rect === rect)!;
    const layout = layouts[widget.page - 1]!;
    if (field.path === CUSTOMER_ID && widget === field.widgets[0]) {
      page.drawText(`License #: ${agencyLicense(value)}`, { x: rect[0] + rect[2] / 2, y: rect[1] - LICENSE_DROP, size: LICENSE_SIZE, font: courier });
    }
    const group = layout.groups.find((g) => Object.values(g.parts).includes(field.name));
    if (group) {
      const done = printed.get(page) ?? new Set();
      printed.set(page, done);
      if (!done.has(group)) drawAddressBlock(page, courier, template, group, raw);
      done.add(group);
      return;
    }
    if (value === undefined) return;
    if (field.kind === 'checkbox' || (field.multiline && wrapLines(value, boxOf(field)))) wrapped(page, field, rect, value);
    else drawValue(page, courier, rect, value, layout);
  };
}

/** One value on its box's line: high in a roomy cell, and running on over the box's right edge to the cell's when long. */
function drawValue(page: PDFPage, font: PDFFont, rect: Rect, value: string, layout: PageLayout) {
  const [x, y, w, h] = rect;
  const [, , right, top] = layout.cellOf(rect);
  // Never into the next box on the line: that would be one value printed into another.
  const next = layout.widgets.filter(([ox, oy, , oh]) => ox >= x + w - 1 && oy < y + h && oy + oh > y).map(([ox]) => ox);
  const room = Math.min(right, ...next) - (x + INDENT) - 1;
  let size = SIZE;
  while (size > MIN_SIZE && font.widthOfTextAtSize(value, size) > room) size -= 0.5;
  const cap = font.heightAtSize(size, { descender: false });
  const baseline = top - (y + h) >= ROOM_ABOVE ? y + h - 0.3 * size + 1.5 : y + (h - cap) / 2 + 1;
  page.drawText(value, { x: x + INDENT, y: baseline, size, font });
}

/** Name, street, suite and "City, ST ZIP" as lines from the top of the name box down, whatever boxes they cross. */
function drawAddressBlock(page: PDFPage, font: PDFFont, template: FormTemplate, group: AddressGroup, raw: ReadonlyMap<string, string>) {
  const get = (part: keyof AddressGroup['parts']) => (group.parts[part] ? raw.get(group.parts[part]!) : undefined);
  const place = [get('city'), [get('state'), get('zip')].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const lines = [get('name'), get('lineOne'), get('lineTwo'), place].filter((l): l is string => Boolean(l));
  if (!lines.length) return;
  const first = template.fields.find((f) => f.name === (group.parts.name ?? group.parts.lineOne))!.widgets[0]!.rect;
  const [left] = group.cell;
  lines.forEach((line, i) => page.drawText(line, { x: left + 2 + INDENT, y: first[1] + first[3] - SIZE + 1 - i * LEADING, size: SIZE, font }));
}
