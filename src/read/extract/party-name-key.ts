/** Legal-form words that say nothing about who the party is: "Acme LLC" and "ACME, Inc." are one name. */
const ENTITY_SUFFIXES = new Set(['LLC', 'PLLC', 'LLP', 'LP', 'INC', 'INCORPORATED', 'CORP', 'CORPORATION', 'CO', 'COMPANY', 'LTD', 'LIMITED']);

/**
 * A party's name reduced to what identifies it, for comparing names written by different forms:
 * case, punctuation and trailing entity suffixes do not count ("ACME L.L.C." = "Acme, LLC" = "Acme").
 */
export function partyNameKey(name: string): string {
  const words = name
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[.,'’]/g, '')
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  while (words.length > 1 && ENTITY_SUFFIXES.has(words.at(-1)!)) words.pop();
  if (words.length > 1 && words[0] === 'THE') words.shift();
  return words.join(' ');
}
