import { ClearanceResult, type ClearanceStanding, type Standing } from '../../../schemas/clearance.js';
import { SubmissionState } from '../../../schemas/db-records.js';
import { RenewalDiff } from '../../../schemas/renewal-diff.js';
import type { Submission } from '../../../schemas/submission.js';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/db.js';
import type { Database } from '../../db/database-tables.js';
import { clearanceKeys, type ClearanceKeys } from './clearance-keys.js';
import { decideClearance, type ClearanceCandidate } from './decide-clearance.js';

/** A term this common (a "SERVICES", a city centre's ZIP) finds candidates no better than chance: not used. */
const COMMON_TERM = 500;
/** At most this many candidates are compared, those sharing most terms first: a bound on the work. */
const MAX_CANDIDATES = 300;
/** Ids per `in (…)` list, well under either database's limit on parameters. */
const ID_CHUNK = 500;

/** How far clearance looks back (the service's settings): the window compared, and the renewal diff's look-back. */
export type ClearanceSettings = { windowDays: number; renewalLookbackDays: number };

/** When clearance runs, the window it compares, and who its events name. */
export type ClearOptions = { now: Date; windowDays: number; actor: string };

/** Candidates received before a submission (since a time: the window) or after it. */
type Direction = { received: 'before'; since: string } | { received: 'after' };

/** An earlier submission to compare a renewal with: none of these holds the insured's last application. */
const NOT_AN_APPLICATION: ReadonlySet<SubmissionState> = new Set(['quarantined', 'duplicate']);

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

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
 * keys and compares it with those received in the window before it; `reclearLater` mends the clearance of
 * those received after it but read sooner.
 */
export class ClearanceIndex {
  constructor(private readonly db: Db) {}

  /**
   * Records the submission's keys, compares it with the submissions received before it (within the window)
   * and stores the result. Only those received before it count: one received later holds no claim on it,
   * whenever it was read. A person's override of an earlier clearance of it stays (a finishing job run again).
   */
  async clear(submissionId: string, submission: Submission, options: ClearOptions): Promise<ClearanceResult> {
    const keys = clearanceKeys(submission);
    await this.record(submissionId, keys);
    return (await this.decide(submissionId, keys, options, false)).result;
  }

  /**
   * Clears again the submissions received after this one that resemble it: any of them read sooner was
   * cleared before this one was indexed, so missed it. Call it after `clear`. A result that changed gets a
   * `clearance-recomputed` event. Returns those whose clearance now counts this one: their checks and packets
   * may say otherwise (all of them, not only those changed now: a retried job must not forget the packets
   * its first attempt left to be made again).
   */
  async reclearLater(submissionId: string, submission: Submission, options: ClearOptions): Promise<string[]> {
    const keys = clearanceKeys(submission);
    const later = await this.candidates(this.db.kysely, submissionId, keys, { received: 'after' });
    const { matches } = decideClearance(keys, later, { checkedAt: options.now, windowDays: options.windowDays });
    const counting: string[] = [];
    for (const { submissionId: id } of matches) {
      const { keys: theirs } = later.find((c) => c.submissionId === id)!;
      const { result } = await this.decide(id, theirs, options, true);
      if (result.matches.some((m) => m.submissionId === submissionId)) counting.push(id);
    }
    return counting;
  }

  /** Decides one submission's clearance against those received before it and stores it (Db.storeClearance). */
  private decide(submissionId: string, keys: ClearanceKeys, options: ClearOptions, recomputed: boolean) {
    return this.db.storeClearance(
      submissionId,
      async (kysely, stored) => {
        const candidates = await this.candidates(kysely, submissionId, keys, { received: 'before', since: daysBefore(options.now, options.windowDays) });
        const computed = decideClearance(keys, candidates, { checkedAt: options.now, windowDays: options.windowDays });
        return stored?.override ? { ...computed, override: stored.override } : computed;
      },
      { actor: options.actor, recomputed },
    );
  }

  /**
   * The same insured's previous submission, to diff a renewal against: the most recent one received before
   * this one within `lookbackDays` that clearance calls probable (the same tax id, else a similar name at
   * the same address; another broker's counts too), a tax id match first; quarantined and duplicate
   * submissions hold no application. Call it after `clear` (the keys are recorded there).
   */
  async previousSubmission(submissionId: string, submission: Submission, options: { now: Date; lookbackDays: number }): Promise<{ id: string; receivedAt: string } | null> {
    const keys = clearanceKeys(submission);
    const candidates = await this.candidates(this.db.kysely, submissionId, keys, { received: 'before', since: daysBefore(options.now, options.lookbackDays) });
    const { matches } = decideClearance(keys, candidates, { checkedAt: options.now, windowDays: options.lookbackDays });
    const same = matches.filter((m) => m.outcome !== 'possible' && !NOT_AN_APPLICATION.has(m.state));
    const byTaxId = same.filter((m) => m.reasons.includes('tax-id'));
    const newest = (byTaxId.length ? byTaxId : same).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0];
    return newest ? { id: newest.submissionId, receivedAt: newest.receivedAt } : null;
  }

  /** Stores what changed since the previous submission (null: none was found). */
  async saveRenewal(submissionId: string, diff: RenewalDiff | null): Promise<void> {
    await this.db.kysely.updateTable('clearance_keys').set({ renewal_json: diff && JSON.stringify(RenewalDiff.parse(diff)) }).where('submission_id', '=', submissionId).execute();
  }

  /** The stored renewal diff; null when none was found or the submission was never cleared. */
  async renewal(submissionId: string): Promise<RenewalDiff | null> {
    const row = await this.db.kysely.selectFrom('clearance_keys').select('renewal_json').where('submission_id', '=', submissionId).executeTakeFirst();
    return row?.renewal_json ? RenewalDiff.parse(JSON.parse(row.renewal_json)) : null;
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

  /**
   * Where submissions stand now, by id (a clearance result keeps their state as it was when it was decided):
   * their state and when each first had nothing blocking its quote. Ids of removed submissions are left out.
   */
  async standing(ids: readonly string[]): Promise<Map<string, Standing>> {
    if (!ids.length) return new Map();
    const rows = await this.db.kysely
      .selectFrom('submissions as s')
      .leftJoin('clearance_keys as k', 'k.submission_id', 's.id')
      .select(['s.id', 's.state', 'k.complete_at'])
      .where('s.id', 'in', [...new Set(ids)].slice(0, ID_CHUNK))
      .execute();
    return new Map(rows.map((r) => [r.id, { state: SubmissionState.parse(r.state), completeAt: r.complete_at }]));
  }

  /** Where this submission and the matches of its clearance stand now: what a check and a packet say of "first complete wins". */
  async clearanceStanding(submissionId: string, result: ClearanceResult | null): Promise<ClearanceStanding> {
    const matches = await this.standing([submissionId, ...(result?.matches ?? []).map((m) => m.submissionId)]);
    return { completeAt: matches.get(submissionId)?.completeAt ?? null, matches };
  }

  /** The last clearance of each of these submissions that was cleared, by id. */
  async results(ids: readonly string[]): Promise<Map<string, ClearanceResult>> {
    const found = new Map<string, ClearanceResult>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows = await this.db.kysely.selectFrom('clearance_keys').select(['submission_id', 'result_json']).where('submission_id', 'in', ids.slice(i, i + ID_CHUNK)).where('result_json', 'is not', null).execute();
      for (const r of rows) found.set(r.submission_id, ClearanceResult.parse(JSON.parse(r.result_json!)));
    }
    return found;
  }

  private async record(submissionId: string, keys: ClearanceKeys): Promise<void> {
    const terms = clearanceTerms(keys);
    await this.db.kysely.transaction().execute(async (trx) => {
      const values = { tax_id_hash: keys.taxIdHash, name_key: keys.nameKey, keys_json: JSON.stringify(keys) };
      await trx
        .insertInto('clearance_keys')
        .values({ submission_id: submissionId, ...values, complete_at: null, result_json: null, renewal_json: null })
        .onConflict((oc) => oc.column('submission_id').doUpdateSet(values))
        .execute();
      await trx.deleteFrom('clearance_terms').where('submission_id', '=', submissionId).execute();
      if (terms.length) await trx.insertInto('clearance_terms').values(terms.map((term) => ({ term, submission_id: submissionId }))).execute();
    });
  }

  private async candidates(kysely: Kysely<Database>, submissionId: string, keys: ClearanceKeys, direction: Direction): Promise<ClearanceCandidate[]> {
    const terms = clearanceTerms(keys);
    // Each look-up runs on its own index; an OR of them in one statement made SQLite read every row.
    const [own, byTaxId, byName, counts] = await Promise.all([
      kysely.selectFrom('submissions').select('received_at').where('id', '=', submissionId).executeTakeFirstOrThrow(),
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
    const since = direction.received === 'before' ? direction.since : null;
    const than = direction.received === 'before' ? '<' : '>';
    const rows = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      rows.push(
        ...(await kysely
          .selectFrom('clearance_keys as k')
          .innerJoin('submissions as s', 's.id', 'k.submission_id')
          .select(['s.id', 's.insured_name', 's.broker_name', 's.received_at', 's.state', 'k.complete_at', 'k.keys_json'])
          .where('k.submission_id', 'in', ids.slice(i, i + ID_CHUNK))
          .$if(since !== null, (q) => q.where('s.received_at', '>=', since!))
          // Of two received in the same millisecond, the smaller id is the earlier.
          .where((eb) => eb.or([eb('s.received_at', than, own.received_at), eb.and([eb('s.received_at', '=', own.received_at), eb('s.id', than, submissionId)])]))
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
