import type { SovField } from '../../../schemas/sov.js';

/**
 * The headers brokers and agency systems give each building field, as `headerWords` reduces them. A header
 * equal to one is that field; a header containing one as whole words is that field when nothing fits better.
 */
const SYNONYMS: Record<SovField, readonly string[]> = {
  locationNumber: ['loc', 'loc number', 'location', 'location number', 'prem number', 'premises number', 'site number'],
  buildingNumber: ['bldg number', 'building number', 'bldg', 'bldg id', 'building id', 'structure number'],
  address: ['address', 'street address', 'street', 'address 1', 'address line 1', 'location address', 'property address', 'physical address', 'premises address'],
  city: ['city', 'town', 'municipality'],
  state: ['state', 'st', 'province'],
  zip: ['zip', 'zip code', 'zipcode', 'postal code', 'postcode'],
  occupancy: ['occupancy', 'occupancy description', 'building use', 'use', 'occupancy type', 'description', 'operations'],
  construction: ['construction', 'construction type', 'const type', 'const', 'iso construction', 'construction class', 'construction code'],
  yearBuilt: ['year built', 'yr built', 'year of construction', 'built', 'year'],
  stories: ['stories', 'number stories', 'number of stories', 'storeys', 'floors', 'number of floors'],
  area: ['square feet', 'sq ft', 'sqft', 'square footage', 'area', 'building area', 'total area', 'total sq ft', 'sf'],
  sprinklered: ['sprinklered', 'sprinkler', 'sprinklers', 'percent sprinklered', 'sprinklered y n', 'sprinkler system'],
  protectionClass: ['protection class', 'ppc', 'iso ppc', 'fire protection class', 'prot class', 'pc'],
  buildingValue: ['building value', 'building', 'building limit', 'bldg value', 'building replacement cost', 'building rc', 'real property', 'bldg limit'],
  contentsValue: ['contents', 'contents value', 'bpp', 'business personal property', 'personal property', 'contents limit', 'bpp limit'],
  businessIncomeValue: ['business income', 'bi', 'bi ee', 'business income extra expense', 'business income and extra expense', 'time element', 'rents', 'rental income', 'bi limit'],
  equipmentValue: ['machinery and equipment', 'm and e', 'machinery', 'equipment', 'mach equip', 'equipment value', 'machinery value'],
  tiv: ['tiv', 'total insured value', 'total insurable value', 'total value', 'total tiv', 'total'],
};

/** A header as compared: lower case, "#" and "no." as "number", "&" as "and", punctuation as spaces. */
export function headerWords(header: string): string {
  return header
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/\bno\./g, ' number ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9%]+/g, ' ')
    .replace(/%/g, ' percent ')
    .replace(/\s+/g, ' ')
    .trim();
}

const NORMALISED = Object.entries(SYNONYMS).map(([field, names]) => ({ field: field as SovField, names: names.map(headerWords) }));

/** How well a header names a field: 1 for a synonym as it is, less for a synonym inside a longer header, 0 for none. */
function score(header: string, names: readonly string[]): number {
  let best = 0;
  for (const name of names) {
    if (header === name) return 1;
    if (` ${header} `.includes(` ${name} `)) best = Math.max(best, (0.9 * name.length) / header.length);
  }
  return best;
}

/**
 * The field each header stands for: the best-scored header–field pairs are taken first, each field and each
 * header once; a header that names no field maps to null (its cells are kept as "other").
 */
export function matchSovColumns(headers: readonly string[]): (SovField | null)[] {
  const pairs = headers.flatMap((h, column) => {
    const words = headerWords(h);
    return words ? NORMALISED.map(({ field, names }) => ({ column, field, score: score(words, names) })).filter((p) => p.score > 0) : [];
  });
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const fields: (SovField | null)[] = headers.map(() => null);
  const taken = new Set<SovField>();
  for (const p of pairs) {
    if (fields[p.column] !== null || taken.has(p.field)) continue;
    fields[p.column] = p.field;
    taken.add(p.field);
  }
  return fields;
}
