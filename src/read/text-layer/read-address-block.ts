import { parseLocation } from 'parse-address';
import type { AddressPart } from './address-groups.js';

export type AddressBlock = Partial<Record<AddressPart, string>>;

/** A street line: a house number and a street, or a post office box. */
function isStreet(line: string): boolean {
  const p = parseLocation(line);
  return Boolean((p?.number && p.street) || /^p\.?\s*o\.?\s*box$/i.test(p?.sec_unit_type ?? ''));
}

/**
 * Splits the lines of a name-and-address block, top to bottom, into its parts: the name (the lines
 * above the street line, when the cell holds a name), the street line, what lies between it and the
 * place (suite, building), and city, state and ZIP as the address parser reads the place line with
 * the street before it (it needs the street to tell where the city starts). The place line is the
 * lowest line that gives city, state and ZIP; lines below it (a licence number) are not the address.
 * Null when no street and place line are found.
 */
export function readAddressBlock(lines: readonly string[], withName: boolean): AddressBlock | null {
  const street = lines.findIndex((l, i) => (i > 0 || !withName) && isStreet(l));
  if (street < 0) return null;
  for (let at = lines.length - 1; at > street; at--) {
    const p = parseLocation(`${lines[street]}, ${lines[at]}`);
    if (!p?.city || !p.state || !p.zip) continue;
    const between = lines.slice(street + 1, at).join(' ');
    return {
      ...(withName && street > 0 ? { name: lines.slice(0, street).join(' ') } : {}),
      lineOne: lines[street]!,
      ...(between ? { lineTwo: between } : {}),
      city: p.city,
      state: p.state,
      zip: p.plus4 ? `${p.zip}-${p.plus4}` : p.zip,
    };
  }
  return null;
}
