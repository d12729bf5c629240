import type { SubmissionState } from '../../schemas/db-records.js';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import { publishFolder } from './publish-folder.js';
import { storedPacket, type StoredPacketDeps } from './stored-packet.js';
import { openBlocking } from '../validate/check/carry-resolutions.js';

export type ReassembleDeps = StoredPacketDeps & {
  outboxDir: string;
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
 * Makes a reviewed submission's packet again from what is stored (`storedPacket`), checked again with the
 * resolutions kept by flag id; publishes it over the same outbox folder (whole, atomically) and saves the
 * check. Running it twice leaves one folder with the same files.
 */
export async function reassembleSubmission(submissionId: string, deps: ReassembleDeps): Promise<Reassembled> {
  const { db, actor } = deps;
  const record = await db.getSubmission(submissionId);
  if (!record) throw new Error(`submission ${submissionId} is not in the database (${db.describe()}); it cannot be reassembled`);
  if (record.state !== 'reassembling') return { state: 'skipped', was: record.state };
  if (!record.submission) throw new Error(`submission ${submissionId} has no extracted submission in ${db.describe()}; it was never read, so there is nothing to reassemble`);

  const now = deps.now?.() ?? new Date();
  const packet = await storedPacket({ ...record, submission: record.submission }, deps, now);
  await db.saveCheck(submissionId, packet.report, actor);
  if (packet.report.readyToQuote) await new ClearanceIndex(db).markComplete(submissionId, now);
  // The folder keeps its name when a reviewer corrected the insured's name or the effective date.
  const name = record.packetFolder ?? packet.folder;
  const folder = await publishFolder(deps.outboxDir, name, packet.files);
  const open = openBlocking(packet.report.flags).length > 0;
  const state = open ? 'packet-ready' : 'ready-for-underwriter';
  const moved = await db.advanceState(submissionId, 'reassembling', state, { actor, packetFolder: name, ...(open ? { detail: { reason: 'the new check opened a blocking flag' } } : {}) });
  if (!moved) return { state: 'skipped', was: (await db.getSubmission(submissionId))!.state };
  return { state, folder };
}
