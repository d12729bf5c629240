import { createHash } from 'node:crypto';
import type { Submission } from '../../../schemas/submission.js';
import { partyNameKey } from '../../read/extract/party-name-key.js';
import { leafText } from '../../model/leaf-text.js';
import { addressKey, type AddressKey } from '../../read/normalize/address-key.js';

/** What clearance compares of a submission; nothing in it gives back a tax id. */
export type ClearanceKeys = {
  /** sha256 of the tax id's digits, or null when the forms give none. */
  taxIdHash: string | null;
  /** The first named insured's name without case, punctuation or entity suffixes ("ACME PLUMBING"). */
  nameKey: string;
  /** The key's words, by which earlier submissions are looked up before names are compared. */
  nameWords: string[];
  /** The producer's name key: which broker brought it. */
  brokerKey: string | null;
  /** The insured's mailing address and every premises address. */
  addresses: AddressKey[];
};

/**
 * A plain hash: nine digits are guessed from it in minutes, so it protects nothing by itself. It keeps the
 * tax id out of an indexed column and out of query logs; the whole id stays only inside submission_json.
 */
export const taxIdHash = (taxId: string): string | null => {
  const digits = taxId.replace(/\D/g, '');
  return digits.length === 9 ? createHash('sha256').update(`acord-prep tax id ${digits}`).digest('hex') : null;
};

export function clearanceKeys(submission: Submission): ClearanceKeys {
  const insured = submission.namedInsureds?.[0];
  const taxId = leafText(insured?.taxIdentifier);
  const nameKey = partyNameKey(leafText(insured?.fullName) ?? '');
  const broker = leafText(submission.producer?.fullName);
  const places = [insured?.mailingAddress, ...(submission.premises ?? []).map((p) => p.physicalAddress)];
  const addresses = places.flatMap((a) => {
    const key = a && addressKey({ lineOne: leafText(a.lineOne), cityName: leafText(a.cityName), stateOrProvinceCode: leafText(a.stateOrProvinceCode), postalCode: leafText(a.postalCode) });
    return key ? [key] : [];
  });
  return {
    taxIdHash: taxId ? taxIdHash(taxId) : null,
    nameKey,
    nameWords: [...new Set(nameKey.split(' ').filter((w) => w.length >= 2))],
    brokerKey: broker ? partyNameKey(broker) : null,
    addresses: addresses.filter((a, i) => addresses.findIndex((b) => b.street === a.street && b.zip5 === a.zip5) === i),
  };
}
