import type { Rect } from '../../../schemas/field.js';
import type { Cell } from '../place/ruled-cell.js';

/** The parts of a name-and-address cell, in the order they are printed. */
export const ADDRESS_PARTS = ['name', 'lineOne', 'lineTwo', 'city', 'state', 'zip'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** A name-and-address cell: the box (field name) of each part it holds, and the ruled cell they share. */
export type AddressGroup = { cell: Cell; parts: Partial<Record<AddressPart, string>> };

const PART_OF: Record<string, AddressPart> = {
  fullName: 'name',
  lineOne: 'lineOne',
  lineTwo: 'lineTwo',
  cityName: 'city',
  stateOrProvinceCode: 'state',
  postalCode: 'zip',
};
const ADDRESS_PATH = /^(.*?)\.(?:(fullName)|(?:mailingAddress|physicalAddress)\.(lineOne|lineTwo|cityName|stateOrProvinceCode|postalCode))$/;

const inside = ([l, b, r, t]: Cell, [x, y, w, h]: Rect) => x + w / 2 > l && x + w / 2 < r && y + h / 2 > b && y + h / 2 < t;

/**
 * The cells of a page that hold a whole address (street, city, state and ZIP boxes, and the party's
 * name box when it shares the cell): where agency software prints one block of lines instead of a
 * value per box. A part belongs when its box's centre lies in the street box's cell; parts in cells
 * of their own (a table's columns) make no group.
 */
export function addressGroups(boxes: readonly { name: string; path?: string | null; rect: Rect }[], cellOf: (rect: Rect) => Cell): AddressGroup[] {
  const byParty = new Map<string, { part: AddressPart; name: string; rect: Rect }[]>();
  for (const b of boxes) {
    const m = b.path ? ADDRESS_PATH.exec(b.path) : null;
    if (!m) continue;
    const list = byParty.get(m[1]!) ?? [];
    list.push({ part: PART_OF[m[2] ?? m[3]!]!, name: b.name, rect: b.rect });
    byParty.set(m[1]!, list);
  }
  const groups: AddressGroup[] = [];
  for (const members of byParty.values()) {
    const street = members.find((m) => m.part === 'lineOne');
    if (!street) continue;
    // A short rule over part of the cell can make a box's own cell smaller: the street's cell decides.
    const cell = cellOf(street.rect);
    const inCell = members.filter((m) => inside(cell, m.rect));
    const parts: AddressGroup['parts'] = {};
    for (const m of inCell) parts[m.part] ??= m.name;
    if (parts.city && parts.state && parts.zip) groups.push({ cell, parts });
  }
  return groups;
}
