import type { SandboxedJob } from 'bullmq';
import { AssemblePacketJob } from '../schemas/jobs.js';
import { openDatabase } from '../src/db/open-database.js';
import { finishSubmission, type FinishDeps, type Finished } from '../src/service/finish-submission.js';
import { ContentStore } from '../src/store/content-store.js';
import { failedReadsOf } from './queues.js';
import { AssembleSandboxSettings, readSandboxSettings } from './sandbox-settings.js';

/**
 * The assemble-packet job, run by BullMQ in child processes (their share of `workerConcurrency`, sandboxShares): merging, checking
 * and drawing the packet is CPU work (~0.3 s a submission), which in the service's own process took one core
 * for every packet and held up the inbox and the workers' lock renewals. The child opens the service's
 * database itself (SQLite in WAL mode is shared by processes; PostgreSQL by anyone).
 */
const settings = readSandboxSettings(AssembleSandboxSettings, 'assemble-packet');
const deps: Promise<FinishDeps> = openDatabase({ databaseUrl: settings.databaseUrl ?? undefined, dataDir: settings.dataDir }).then((db) => ({
  db,
  store: new ContentStore(settings.storeDir),
  dataDir: settings.dataDir,
  outboxDir: settings.outboxDir,
  quarantineDir: settings.quarantineDir,
  appetiteRules: settings.appetiteRules,
  clearance: settings.clearance,
  from: settings.from,
  actor: 'workers',
}));
// A database that cannot be opened fails each job that awaits it, with the reason; it is not a crash here.
deps.catch(() => undefined);

export default async function assemblePacket(job: SandboxedJob): Promise<Finished> {
  const { submissionId } = AssemblePacketJob.parse(job.data);
  const failures = failedReadsOf(await job.getIgnoredChildrenFailures());
  return finishSubmission(submissionId, { ...(await deps), onStage: (stage) => job.updateProgress({ stage }) }, failures);
}
