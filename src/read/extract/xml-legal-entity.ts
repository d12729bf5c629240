/**
 * LegalEntityCd values as senders write them (ACORD codes and the words quoting platforms use
 * instead, e.g. "LLC") → the 125's legal-entity checkbox. Keys are upper-cased with everything but
 * letters removed.
 */
const INDICATOR_BY_CODE: Record<string, string> = {
  CP: 'corporationIndicator',
  CORP: 'corporationIndicator',
  CORPORATION: 'corporationIndicator',
  INC: 'corporationIndicator',
  LL: 'limitedLiabilityCorporationIndicator',
  LLC: 'limitedLiabilityCorporationIndicator',
  LIMITEDLIABILITYCOMPANY: 'limitedLiabilityCorporationIndicator',
  LIMITEDLIABILITYCORPORATION: 'limitedLiabilityCorporationIndicator',
  IN: 'individualIndicator',
  INDIVIDUAL: 'individualIndicator',
  SP: 'individualIndicator',
  SOLEPROPRIETOR: 'individualIndicator',
  SOLEPROPRIETORSHIP: 'individualIndicator',
  PT: 'partnershipIndicator',
  PARTNERSHIP: 'partnershipIndicator',
  GP: 'partnershipIndicator',
  LP: 'partnershipIndicator',
  LLP: 'partnershipIndicator',
  JV: 'jointVentureIndicator',
  JOINTVENTURE: 'jointVentureIndicator',
  NP: 'notForProfitIndicator',
  NFP: 'notForProfitIndicator',
  NONPROFIT: 'notForProfitIndicator',
  NOTFORPROFIT: 'notForProfitIndicator',
  SC: 'subchapterSCorporationIndicator',
  SCORP: 'subchapterSCorporationIndicator',
  SCORPORATION: 'subchapterSCorporationIndicator',
  SUBCHAPTERSCORPORATION: 'subchapterSCorporationIndicator',
  TR: 'trustIndicator',
  TRUST: 'trustIndicator',
};

/** The legalEntity key to check for a LegalEntityCd, or null when it is none of the 125's boxes ("other"). */
export function legalEntityIndicator(code: string): string | null {
  return INDICATOR_BY_CODE[code.toUpperCase().replace(/[^A-Z]/g, '')] ?? null;
}
