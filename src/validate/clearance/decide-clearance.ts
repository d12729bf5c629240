import type { ClearanceMatch, ClearanceOutcome, ClearanceResult, MatchReason } from '../../../schemas/clearance.js';
import type { SubmissionState } from '../../../schemas/db-records.js';
import { sameStreet, type AddressKey } from '../../read/normalize/address-key.js';
import type { ClearanceKeys } from './clearance-keys.js';
import { nameSimilarity } from '../../read/normalize/name-similarity.js';

/** At or above: the same name written another way (InsightUW's duplicate-insured rule uses 92 %). */
export const SAME_NAME = 0.92;
/** At or above: a similar name, the same insured when the address agrees too (Vector's 0.75). */
export const SIMILAR_NAME = 0.75;

/** Closed submissions hold no claim on the risk. */
const CLOSED: ReadonlySet<SubmissionState> = new Set(['failed', 'quarantined', 'duplicate']);

const RANK: Record<ClearanceOutcome, number> = { clear: 0, possible: 1, probable: 2, blocked: 3 };

/** An earlier submission, as the clearance index gives it back. */
export type ClearanceCandidate = {
  submissionId: string;
  insuredName: string | null;
  brokerName: string | null;
  receivedAt: string;
  state: SubmissionState;
  completeAt: string | null;
  keys: ClearanceKeys;
};

/** Without a similar name, one building is one insured only when the suite agrees too. */
const samePlace = (a: AddressKey, b: AddressKey) => sameStreet(a, b) && a.unit === b.unit;
const day = (iso: string) => iso.slice(0, 10);

/**
 * The match in one sentence: what matched, who sent it, where it stands. Shown with the match's state and
 * completion as they stand now (`matchStanding`), not as they were when it was cleared.
 */
export function explainMatch(m: Omit<ClearanceMatch, 'explanation'>): string {
  const what = m.reasons.includes('tax-id') ? 'the same tax id' : m.reasons.includes('address') ? (m.reasons.includes('name') ? 'a similar name at the same address' : 'the same address') : 'a similar name';
  const who = m.brokerName ? `from ${m.brokerName}${m.otherBroker ? ' (another broker)' : ''}` : 'from an unnamed broker';
  const status = CLOSED.has(m.state) ? `closed (${m.state})` : m.completeAt ? `open, complete since ${day(m.completeAt)}` : 'open, not complete yet';
  return `${m.outcome === 'blocked' ? 'Blocked: ' : ''}${what} as "${m.insuredName ?? 'an unnamed insured'}", received ${day(m.receivedAt)} ${who}: ${status}.`;
}

function match(keys: ClearanceKeys, c: ClearanceCandidate): ClearanceMatch | null {
  const sameTaxId = keys.taxIdHash !== null && keys.taxIdHash === c.keys.taxIdHash;
  // Two different tax ids are two legal entities, however alike their names.
  const otherTaxId = keys.taxIdHash !== null && c.keys.taxIdHash !== null && !sameTaxId;
  const similarity = nameSimilarity(keys.nameKey, c.keys.nameKey);
  const address = keys.addresses.some((a) => c.keys.addresses.some((b) => sameStreet(a, b)));
  const place = keys.addresses.some((a) => c.keys.addresses.some((b) => samePlace(a, b)));
  const reasons: MatchReason[] = [...(sameTaxId ? (['tax-id'] as const) : []), ...(similarity >= SIMILAR_NAME ? (['name'] as const) : []), ...(address ? (['address'] as const) : [])];
  const probable = sameTaxId || (!otherTaxId && similarity >= SIMILAR_NAME && address);
  const possible = similarity >= SAME_NAME || (place && !otherTaxId);
  if (!probable && !possible) return null;
  // An agency's name comes from its own system, the same way each time: another spelling is another broker.
  const otherBroker = keys.brokerKey !== null && c.keys.brokerKey !== null && keys.brokerKey !== c.keys.brokerKey;
  const outcome: ClearanceMatch['outcome'] = probable ? (otherBroker && !CLOSED.has(c.state) ? 'blocked' : 'probable') : 'possible';
  const found = { submissionId: c.submissionId, outcome, reasons, nameSimilarity: Math.round(similarity * 1000) / 1000, insuredName: c.insuredName, brokerName: c.brokerName, otherBroker, receivedAt: c.receivedAt, state: c.state, completeAt: c.completeAt };
  return { ...found, explanation: explainMatch(found) };
}

/**
 * Clearance of a new submission against earlier ones (received within `windowDays`, the caller's query):
 * each earlier submission that resembles it, strongest first, and the worst outcome among them.
 */
export function decideClearance(keys: ClearanceKeys, candidates: readonly ClearanceCandidate[], options: { checkedAt: Date; windowDays: number }): ClearanceResult {
  const matches = candidates
    .map((c) => match(keys, c))
    .filter((m): m is ClearanceMatch => m !== null)
    .sort((a, b) => RANK[b.outcome] - RANK[a.outcome] || b.nameSimilarity - a.nameSimilarity || a.receivedAt.localeCompare(b.receivedAt));
  return { outcome: matches[0]?.outcome ?? 'clear', checkedAt: options.checkedAt.toISOString(), windowDays: options.windowDays, matches };
}
