import { parseLocation } from 'parse-address';
import { nameSimilarity } from './name-similarity.js';

/** At or above, in one ZIP: the same street line (Vector's 0.85 after USPS abbreviations). */
const SAME_STREET = 0.85;

/**
 * An address reduced to what identifies the place: the street line in USPS abbreviations ("1200 N MAIN
 * ST"), the 5-digit ZIP, and apart from them the suite or unit number ("300"): two brokers write a tenant's
 * suite differently more often than two insureds share a building, but tenants of one building differ by it.
 */
export type AddressKey = { street: string; zip5: string | null; unit: string | null };

export type AddressParts = { lineOne?: string; cityName?: string; stateOrProvinceCode?: string; postalCode?: string };

const plain = (text: string) => text.toUpperCase().replace(/[.,#'’]/g, ' ').replace(/\s+/g, ' ').trim();

/** Null when the address has no street line. */
export function addressKey(parts: AddressParts): AddressKey | null {
  const line = parts.lineOne?.trim();
  if (!line) return null;
  const zip5 = /^\s*(\d{5})/.exec(parts.postalCode ?? '')?.[1] ?? null;
  // The parser reads a whole address best: the city, state and ZIP tell it where the street line ends.
  const whole = [line, parts.cityName, [parts.stateOrProvinceCode, parts.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const parsed = parseLocation(whole);
  const street = parsed?.number && parsed.street ? [parsed.number, parsed.prefix, parsed.street, parsed.type, parsed.suffix].filter(Boolean).join(' ') : null;
  const unit = street && parsed?.sec_unit_num ? plain(parsed.sec_unit_num) : null;
  return { street: plain(street ?? line), zip5: zip5 ?? parsed?.zip ?? null, unit };
}

/** A one-line address's key: its USPS-normalised street and ZIP (suite left out), or its text when it has no street line. */
export function placeKey(line: string): string {
  const key = addressKey({ lineOne: line });
  return key ? `${key.street}|${key.zip5 ?? ''}` : line.toUpperCase();
}

/** The same street line in the same ZIP, allowing a typo; without both ZIPs, the same street line exactly. */
export const sameStreet = (a: AddressKey, b: AddressKey): boolean => (a.zip5 && b.zip5 ? a.zip5 === b.zip5 && nameSimilarity(a.street, b.street) >= SAME_STREET : a.street === b.street);
