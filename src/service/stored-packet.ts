import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import type { SubmissionRecord } from '../../schemas/db-records.js';
import type { Submission } from '../../schemas/submission.js';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import type { Db } from '../db/db.js';
import { assemblePacket, type Packet } from '../assemble/packet-files/assemble-packet.js';
import type { ContentStore } from '../store/content-store.js';

export type StoredPacketDeps = {
  db: Db;
  store: ContentStore;
  appetiteRules: AppetiteRules | null;
  /** Who the broker request comes from. */
  from: { name: string; address: string };
};

/**
 * The packet of a submission already read, made again from what is stored: the submission (with the
 * reviewers' values), its outcome, its flags' resolutions, its stored clearance (with any override; which
 * was complete first as it stands now) and renewal diff, and the originals in the store. The documents are
 * not read again, and the submission is not cleared again: cleared now, it would be compared with those
 * that arrived after it, and a reviewer's override would stand against matches it never saw.
 */
export async function storedPacket(record: SubmissionRecord & { submission: Submission }, deps: StoredPacketDeps, now: Date): Promise<Packet> {
  const originals = await Promise.all(record.documents.map(async (d) => ({ fileName: d.fileName, bytes: await deps.store.read(d.sha256) })));
  const index = new ClearanceIndex(deps.db);
  const [clearance, renewal] = await Promise.all([index.result(record.id), index.renewal(record.id)]);
  return assemblePacket({
    submission: record.submission,
    outcome: record.outcome,
    originals,
    appetiteRules: deps.appetiteRules,
    today: now,
    received: new Date(record.receivedAt),
    now,
    from: deps.from,
    reviewedFlags: record.report?.flags ?? [],
    clearance,
    // Its matches as they stand now: one may have been completed since it was cleared.
    clearanceStanding: await index.clearanceStanding(record.id, clearance),
    renewal,
  });
}
