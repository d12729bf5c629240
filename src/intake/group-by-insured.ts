import { partyNameKey } from '../read/extract/party-name-key.js';

/**
 * Loose files dropped together, grouped into submissions by the insured each names: the same insured
 * (compared as `partyNameKey`: case, punctuation and "LLC"/"Inc." do not count) is one submission,
 * different insureds are separate ones. A file whose insured cannot be read (a loss run, a letter)
 * joins the others when they all name one insured, and is a submission of its own otherwise: we
 * cannot tell whose it is.
 */
export function groupByInsured<T>(files: readonly { item: T; insured: string | null }[]): T[][] {
  const byKey = new Map<string, T[]>();
  const unknown: T[] = [];
  for (const { item, insured } of files) {
    const key = insured ? partyNameKey(insured) : '';
    if (!key) unknown.push(item);
    else byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  const groups = [...byKey.values()];
  if (groups.length === 1) groups[0]!.push(...unknown);
  else groups.push(...unknown.map((item) => [item]));
  return groups;
}
