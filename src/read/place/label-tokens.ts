/**
 * The abbreviations ACORD prints and home-made field names use, to one word each, so "YR BUILT",
 * "Yr Built" and `Construction_BuiltYear` share their words.
 */
const SAME_WORD: Readonly<Record<string, string>> = {
  yr: 'year',
  yrs: 'year',
  bldg: 'building',
  bldgs: 'building',
  basmt: 'basement',
  basmts: 'basement',
  ded: 'deductible',
  coin: 'coinsurance',
  coins: 'coinsurance',
  amt: 'amount',
  desc: 'description',
  descr: 'description',
  prot: 'protection',
  cl: 'class',
  sprnk: 'sprinkler',
  sprink: 'sprinkler',
  stat: 'station',
  ft: 'feet',
  mi: 'mile',
  info: 'information',
  addl: 'additional',
  agency: 'producer',
  agent: 'producer',
  carrier: 'insurer',
  applicant: 'insured',
  no: 'number',
  nbr: 'number',
  num: 'number',
  '#': 'number',
  '%': 'percent',
  pct: 'percent',
  maint: 'maintenance',
  refrig: 'refrigerator',
  storey: 'story',
  zip: 'postal',
  fein: 'taxid',
  loc: 'location',
  occ: 'occupancy',
  explain: 'explanation',
  eff: 'effective',
  exp: 'expiration',
};

/** Words that name nothing on a form: glue, field-tool defaults, and row counters. */
const EMPTY_WORDS = new Set(
  'a an and are as at be by for has have if in is it of on or the this to with enter text line field box check y n yn'.split(' '),
);

function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The words of a printed label or a field name, lower-cased and with ACORD's abbreviations spelled
 * out: camelCase and underscores split, apostrophes dropped ("BASM'TS"), numbers and one-letter
 * suffixes left out (they count rows, not meaning). "#" and "%" are words.
 */
export function labelTokens(text: string): string[] {
  const words = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/([#%])/g, ' $1 ')
    .split(/[^a-z#%]+/)
    .filter((w) => w.length > 1 || w === '#' || w === '%');
  const out = new Set<string>();
  for (const w of words) {
    const word = SAME_WORD[w] ?? SAME_WORD[stem(w)] ?? stem(w);
    if (!EMPTY_WORDS.has(word)) out.add(word);
  }
  return [...out];
}
