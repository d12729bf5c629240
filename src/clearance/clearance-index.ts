import { ClearanceResult } from '../../schemas/clearance.js';
import { SubmissionState } from '../../schemas/db-records.js';
import type { Submission } from '../../schemas/submission.js';
import type { Db } from '../db/db.js';
import { clearanceKeys, type ClearanceKeys } from './clearance-keys.js';
import { decideClearance, type ClearanceCandidate } from './decide-clearance.js';

/** A term this common (a "SERVICES", a city centre's ZIP) finds candidates no better than chance: not used. */
const COMMON_TERM = 500;
/** At most this many candidates are compared, those sharing most terms first: a bound on the work. */
const MAX_CANDIDATES = 300;
/** Ids per `in (…)` list, well under either database's limit on parameters. */
const ID_CHUNK = 500;

/**
 * The terms a submission is found by: each word of its name key ("W:ACME"), each pair of neighbouring words
 * ("P:ACME PLUMBING": rare even where both words are common), each ZIP ("Z:62704").
 */
export function clearanceTerms(keys: ClearanceKeys): string[] {
  const words = keys.nameKey.split(' ').filter(Boolean);
  const pairs = words.slice(1).map((w, i) => `P:${words[i]} ${w}`);
  return [...new Set([...keys.nameWords.map((w) => `W:${w}`), ...pairs, ...keys.addresses.flatMap((a) => (a.zip5 ? [`Z:${a.zip5}`] : []))])];
}

/**
 * Clearance's memory of every submission's keys, in the service's database: `clear` records a submission's
 * keys and compares it with those received in the window before it.
 */
export class ClearanceIndex {
  constructor(private readonly db: Db) {}

  /** Records the submission's keys, finds the earlier ones that resemble it and stores the result. */
  async clear(submissionId: string, submission: Submission, options: { now: Date; windowDays: number }): Promise<ClearanceResult> {
    const keys = clearanceKeys(submission);
    await this.record(submissionId, keys);
    const since = new Date(options.now.getTime() - options.windowDays * 86_400_000).toISOString();
    const result = decideClearance(keys, await this.candidates(submissionId, keys, since), { checkedAt: options.now, windowDays: options.windowDays });
    await this.db.kysely.updateTable('clearance_keys').set({ result_json: JSON.stringify(ClearanceResult.parse(result)) }).where('submission_id', '=', submissionId).execute();
    return result;
  }

  /** The first time a submission has nothing blocking its quote: "first complete wins" needs the time. */
  async markComplete(submissionId: string, at: Date): Promise<void> {
    await this.db.kysely.updateTable('clearance_keys').set({ complete_at: at.toISOString() }).where('submission_id', '=', submissionId).where('complete_at', 'is', null).execute();
  }

  /** The last clearance of a submission; null before its first. */
  async result(submissionId: string): Promise<ClearanceResult | null> {
    const row = await this.db.kysely.selectFrom('clearance_keys').select('result_json').where('submission_id', '=', submissionId).executeTakeFirst();
    return row?.result_json ? ClearanceResult.parse(JSON.parse(row.result_json)) : null;
  }

  private async record(submissionId: string, keys: ClearanceKeys): Promise<void> {
    const terms = clearanceTerms(keys);
    await this.db.kysely.transaction().execute(async (trx) => {
      const values = { tax_id_hash: keys.taxIdHash, name_key: keys.nameKey, keys_json: JSON.stringify(keys) };
      await trx
        .insertInto('clearance_keys')
        .values({ submission_id: submissionId, ...values, complete_at: null, result_json: null })
        .onConflict((oc) => oc.column('submission_id').doUpdateSet(values))
        .execute();
      await trx.deleteFrom('clearance_terms').where('submission_id', '=', submissionId).execute();
      if (terms.length) await trx.insertInto('clearance_terms').values(terms.map((term) => ({ term, submission_id: submissionId }))).execute();
    });
  }

  private async candidates(submissionId: string, keys: ClearanceKeys, since: string): Promise<ClearanceCandidate[]> {
    const kysely = this.db.kysely;
    const terms = clearanceTerms(keys);
    // Each look-up runs on its own index; an OR of them in one statement made SQLite read every row.
    const [byTaxId, byName, counts] = await Promise.all([
      keys.taxIdHash ? kysely.selectFrom('clearance_keys').select('submission_id').where('tax_id_hash', '=', keys.taxIdHash).execute() : [],
      keys.nameKey ? kysely.selectFrom('clearance_keys').select('submission_id').where('name_key', '=', keys.nameKey).execute() : [],
      terms.length ? kysely.selectFrom('clearance_terms').select(['term', (eb) => eb.fn.countAll().as('n')]).where('term', 'in', terms).groupBy('term').execute() : [],
    ]);
    // PostgreSQL counts in bigint, which pg returns as text.
    const useful = counts.filter((c) => Number(c.n) <= COMMON_TERM).map((c) => c.term);
    const byTerm = useful.length ? await kysely.selectFrom('clearance_terms').select('submission_id').where('term', 'in', useful).execute() : [];
    // The more terms an earlier submission shares, the likelier it is the same insured: those are kept first.
    const hits = new Map<string, number>();
    for (const { submission_id } of [...byTaxId, ...byName, ...byTaxId, ...byName, ...byTerm]) hits.set(submission_id, (hits.get(submission_id) ?? 0) + 1);
    hits.delete(submissionId);
    const ids = [...hits.keys()].sort((a, b) => hits.get(b)! - hits.get(a)!).slice(0, MAX_CANDIDATES);
    const rows = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      rows.push(
        ...(await kysely
          .selectFrom('clearance_keys as k')
          .innerJoin('submissions as s', 's.id', 'k.submission_id')
          .select(['s.id', 's.insured_name', 's.broker_name', 's.received_at', 's.state', 'k.complete_at', 'k.keys_json'])
          .where('k.submission_id', 'in', ids.slice(i, i + ID_CHUNK))
          .where('s.received_at', '>=', since)
          .where('s.state', '<>', 'duplicate')
          .execute()),
      );
    }
    return rows.map((r) => ({
      submissionId: r.id,
      insuredName: r.insured_name,
      brokerName: r.broker_name,
      receivedAt: r.received_at,
      state: SubmissionState.parse(r.state),
      completeAt: r.complete_at,
      keys: JSON.parse(r.keys_json) as ClearanceKeys,
    }));
  }
}
