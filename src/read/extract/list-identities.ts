import type { AnyField } from '../../../schemas/field.js';
import { isLeaf } from '../../model/list-leaves.js';
import { editDistance } from './edit-distance.js';
import { partyNameKey } from './party-name-key.js';

type Entry = Record<string, unknown>;
/** One normalised part of an entry's identity (and whether OCR read it), or null where the entry does not give it. */
type Key = { text: string; ocr: boolean };
type KeyPart = (entry: Entry) => Key | null;

/**
 * How the entries of one list are told apart. Two entries are one thing when every part both give
 * agrees and at least one part is given by both; a `decisive` part given by both decides alone (one
 * tax id with two spellings of the name is one insured) unless OCR read it and it disagrees; without
 * every `required` part nothing matches. An `ocrTolerant` part read by OCR agrees despite a slip or two.
 */
export type ListIdentity = {
  parts: Record<string, KeyPart>;
  decisive?: readonly string[];
  required?: readonly string[];
  ocrTolerant?: readonly string[];
};

/**
 * The leaf at a dotted path inside an entry, where it has a normalised value. A raw text that did not
 * normalise (an OCR tax id with a letter in it) identifies nothing: it would keep one insured apart from itself.
 */
function leafAt(entry: Entry, path: string): AnyField | null {
  const leaf = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Entry)[key] : undefined), entry);
  return isLeaf(leaf) && leaf.value !== null ? leaf : null;
}

const normalized = (path: string, normalize: (text: string) => string): KeyPart => (entry) => {
  const leaf = leafAt(entry, path);
  const text = leaf && normalize(String(leaf.value).trim());
  return text ? { text, ocr: leaf.source.method === 'ocr' } : null;
};

/** One OCR slip per eight characters: "SUNP0RT CYCLE" is "SUNPORT CYCLE"; "LOT 1" is not "LOT 7". */
const nearlySame = (a: string, b: string) => editDistance(a, b) <= Math.floor(Math.min(a.length, b.length) / 8);

/** "01" = "1" = "Loc 1" = "Bldg #1": forms and XML number locations and buildings in their own ways. */
const producerNumber = (s: string) => s.toUpperCase().replace(/\b(LOCATION|LOC|BUILDING|BLDG|NO)\b|[^A-Z0-9]/g, '').replace(/^0+(?=.)/, '');

const STREET_WORDS: Record<string, string> = {
  STREET: 'ST', AVENUE: 'AVE', ROAD: 'RD', DRIVE: 'DR', BOULEVARD: 'BLVD', LANE: 'LN', COURT: 'CT', PLACE: 'PL', HIGHWAY: 'HWY',
  PARKWAY: 'PKWY', SUITE: 'STE', NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W',
};
/** The street part of an address (a one-line address up to its first comma), spelled one way. */
const street = (s: string) =>
  s.split(',')[0]!.toUpperCase().replace(/[.#]/g, '').split(/[^A-Z0-9]+/).filter(Boolean).map((w) => STREET_WORDS[w] ?? w).join(' ');

const digits = (s: string) => s.replace(/\D/g, '');
/** Dates and amounts are compared as normalised (ISO date, two-place decimal). */
const asIs = (s: string) => s;

/**
 * Lists whose entries are things, not rows, keyed by list path without indices. Lists not named here
 * are merged row by row (index i with index i): their rows belong to one record and have no key.
 */
export const LIST_IDENTITIES: Record<string, ListIdentity> = {
  namedInsureds: {
    parts: { taxId: normalized('taxIdentifier', digits), name: normalized('fullName', partyNameKey) },
    decisive: ['taxId'],
    ocrTolerant: ['name'],
  },
  premises: {
    parts: {
      location: normalized('locationProducerIdentifier', producerNumber),
      building: normalized('buildingProducerIdentifier', producerNumber),
      address: normalized('physicalAddress.lineOne', street),
    },
  },
  // Each 140 describes its own building(s): the second 140's "Loc 1 / Bldg 1" at another address is another building.
  'property.locations': {
    parts: {
      location: normalized('locationProducerIdentifier', producerNumber),
      building: normalized('buildingProducerIdentifier', producerNumber),
      address: normalized('physicalAddressLine', street),
    },
  },
  // One building's coverages: the XML and the 140 may list them in another order, the code names the row.
  'property.locations.subjectsOfInsurance': {
    parts: { code: normalized('subjectOfInsuranceCode', (s) => s.toUpperCase()) },
    required: ['code'],
  },
  // Several hazards share a location: the class code names the hazard, the location keeps two sites apart.
  'generalLiability.hazards': {
    parts: { classCode: normalized('classCode', digits), location: normalized('locationProducerIdentifier', producerNumber) },
    required: ['classCode'],
  },
  'lossHistory.losses': {
    parts: { date: normalized('occurrenceDate', asIs), paid: normalized('paidAmount', asIs), reserved: normalized('reservedAmount', asIs) },
    required: ['date'],
  },
};

/** Whether the entry says who or what it is at all (else it cannot be matched, only appended). */
export function hasIdentity(identity: ListIdentity, entry: Entry): boolean {
  const given = Object.entries(identity.parts).filter(([, part]) => part(entry) !== null).map(([name]) => name);
  return given.length > 0 && (identity.required ?? []).every((r) => given.includes(r));
}

/** Whether two entries of a list are one thing (see ListIdentity). */
export function sameEntity(identity: ListIdentity, a: Entry, b: Entry): boolean {
  const shared = Object.entries(identity.parts).flatMap(([name, part]) => {
    const ka = part(a);
    const kb = part(b);
    if (!ka || !kb) return [];
    const ocr = ka.ocr || kb.ocr;
    return [{ name, ocr, same: ka.text === kb.text || (ocr && !!identity.ocrTolerant?.includes(name) && nearlySame(ka.text, kb.text)) }];
  });
  const decisive = shared.find((s) => identity.decisive?.includes(s.name));
  if (decisive?.same) return true;
  if (decisive && !decisive.ocr) return false;
  // A decisive part OCR may have misread (one digit of a tax id) neither joins nor parts: the rest decide.
  const rest = shared.filter((s) => s !== decisive);
  const required = identity.required ?? [];
  return rest.length > 0 && required.every((r) => rest.some((s) => s.name === r)) && rest.every((s) => s.same);
}
