import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import type { SubmissionState } from '../../schemas/db-records.js';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import type { Db } from '../db/db.js';
import { assemblePacket } from '../assemble/packet-files/assemble-packet.js';
import type { ContentStore } from '../store/content-store.js';
import { publishFolder } from './publish-folder.js';

export type ReassembleDeps = {
  db: Db;
  store: ContentStore;
  outboxDir: string;
  appetiteRules: AppetiteRules | null;
  /** Who the broker request comes from. */
  from: { name: string; address: string };
  /** Who the database's events name. */
  actor: string;
  now?: () => Date;
};

/**
 * `ready-for-underwriter` — the packet is made again; `packet-ready` — the new check opened a blocking flag
 * (a date passed meanwhile): back to review; `skipped` — the submission was not waiting to be reassembled
 * (a job run again after it finished, or a reviewer's edit that sent it back): nothing written.
 */
export type Reassembled = { state: Extract<SubmissionState, 'ready-for-underwriter' | 'packet-ready'>; folder: string } | { state: 'skipped'; was: SubmissionState };

/**
 * Makes a reviewed submission's packet again: from the stored submission (with the reviewers' values), its
 * stored outcome, its flags' resolutions, its stored clearance (with any override; which was complete first
 * as it stands now) and renewal diff, and the originals in the store, checked again with the resolutions
 * kept by flag id; publishes it over the same outbox folder (whole, atomically) and saves the check. The
 * documents are not read again. Running it twice leaves one folder with the same files.
 */
export async function reassembleSubmission(submissionId: string, deps: ReassembleDeps): Promise<Reassembled> {
  const { db, actor } = deps;
  const record = await db.getSubmission(submissionId);
  if (!record) throw new Error(`submission ${submissionId} is not in the database (${db.describe()}); it cannot be reassembled`);
  if (record.state !== 'reassembling') return { state: 'skipped', was: record.state };
  if (!record.submission) throw new Error(`submission ${submissionId} has no extracted submission in ${db.describe()}; it was never read, so there is nothing to reassemble`);

  const originals = await Promise.all(record.documents.map(async (d) => ({ fileName: d.fileName, bytes: await deps.store.read(d.sha256) })));
  const now = deps.now?.() ?? new Date();
  // Clearance as stored, with its override: cleared again, a submission would be compared with those that
  // arrived after it, and a reviewer's override would stand against matches it never saw.
  const index = new ClearanceIndex(db);
  const [clearance, renewal] = await Promise.all([index.result(submissionId), index.renewal(submissionId)]);
  // Its matches as they stand now, though: one may have been completed since it was cleared.
  const clearanceStanding = await index.clearanceStanding(submissionId, clearance);
  const packet = await assemblePacket({
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
    clearanceStanding,
    renewal,
  });
  await db.saveCheck(submissionId, packet.report, actor);
  if (packet.report.readyToQuote) await index.markComplete(submissionId, now);
  // The folder keeps its name when a reviewer corrected the insured's name or the effective date.
  const name = record.packetFolder ?? packet.folder;
  const folder = await publishFolder(deps.outboxDir, name, packet.files);
  const open = packet.report.flags.some((f) => f.severity === 'blocking' && !f.resolution);
  const state = open ? 'packet-ready' : 'ready-for-underwriter';
  const moved = await db.advanceState(submissionId, 'reassembling', state, { actor, packetFolder: name, ...(open ? { detail: { reason: 'the new check opened a blocking flag' } } : {}) });
  if (!moved) return { state: 'skipped', was: (await db.getSubmission(submissionId))!.state };
  return { state, folder };
}
