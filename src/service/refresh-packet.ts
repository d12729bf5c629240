import type { SubmissionState } from '../../schemas/db-records.js';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import { publishFolder } from './publish-folder.js';
import { diffWithPrevious } from './clear-submission.js';
import type { ReassembleDeps } from './reassemble-submission.js';
import { storedPacket } from './stored-packet.js';
import { openBlocking } from '../validate/check/carry-resolutions.js';

/** A packet is in the outbox and no stage is writing it (an underwriter's too: the file must say what is known): it can be made again in place. */
const PUBLISHED: readonly SubmissionState[] = ['packet-ready', 'ready-for-underwriter', 'taken'];
/** A stage is under way that will write the packet or the check: a refresh waits for it. */
const UNDER_WAY: readonly SubmissionState[] = ['received', 'reading', 'checking', 'reassembling'];

/**
 * `refreshed` — the packet was made again in its folder (`backToReview`: a submission that was ready for the
 * underwriter now has a blocking flag open, so it went back to review); `busy` — a stage is writing it now:
 * try again when it is done; `skipped` — it has no packet to refresh (quarantined, failed, a duplicate).
 */
/** The renewal diff's look-back, for the submission's previous one found anew. */
export type RefreshDeps = ReassembleDeps & { renewalLookbackDays: number };

export type Refreshed = { state: 'refreshed'; folder: string; backToReview: boolean } | { state: 'busy' | 'skipped'; was: SubmissionState };

/**
 * Makes a published packet again because something stored about the submission changed without anyone
 * editing it: its clearance was decided again when an earlier-received submission was read after it, which
 * may be its previous submission now, so the renewal diff is made again too. The check is saved again (the reviewers' resolutions kept by flag id) and the packet rewritten over the same
 * folder; the state stays, but for a submission ready for the underwriter that the new check blocks.
 */
export async function refreshPacket(submissionId: string, deps: RefreshDeps): Promise<Refreshed> {
  const { db, actor } = deps;
  const record = await db.getSubmission(submissionId);
  if (!record) throw new Error(`submission ${submissionId} is not in the database (${db.describe()}); its packet cannot be made again`);
  if (UNDER_WAY.includes(record.state)) return { state: 'busy', was: record.state };
  if (!PUBLISHED.includes(record.state) || !record.submission || !record.packetFolder) return { state: 'skipped', was: record.state };

  const now = deps.now?.() ?? new Date();
  await diffWithPrevious(db, submissionId, record.submission, deps.renewalLookbackDays, now);
  const packet = await storedPacket({ ...record, submission: record.submission }, deps, now);
  await db.saveCheck(submissionId, packet.report, actor);
  if (packet.report.readyToQuote) await new ClearanceIndex(db).markComplete(submissionId, now);
  const folder = await publishFolder(deps.outboxDir, record.packetFolder, packet.files);
  const open = openBlocking(packet.report.flags).length > 0;
  const backToReview =
    open && record.state === 'ready-for-underwriter' && (await db.advanceState(submissionId, 'ready-for-underwriter', 'packet-ready', { actor, detail: { reason: 'clearance decided again: the new check opened a blocking flag' } })) !== null;
  return { state: 'refreshed', folder, backToReview };
}
