import path from 'node:path';
import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import type { SubmissionRecord, SubmissionState } from '../../schemas/db-records.js';
import { ClearanceIndex, type ClearanceSettings } from '../validate/clearance/clearance-index.js';
import type { Db } from '../db/db.js';
import { mergeDocumentReadings, type DocumentReading } from '../read/extract/extract-submission.js';
import { assemblePacket } from '../assemble/packet-files/assemble-packet.js';
import type { ContentStore } from '../store/content-store.js';
import { clearSubmission } from './clear-submission.js';
import { hasDocumentResults, readDocumentResult, removeDocumentResults } from './document-results.js';
import { publishFolder } from './publish-folder.js';
import { quarantineReport } from './quarantine-report.js';

export type FinishDeps = {
  db: Db;
  store: ContentStore;
  dataDir: string;
  outboxDir: string;
  quarantineDir: string;
  appetiteRules: AppetiteRules | null;
  /** The clearance window and the renewal diff's look-back. */
  clearance: ClearanceSettings;
  /** Who the broker request comes from. */
  from: { name: string; address: string };
  /** Who the database's events name. */
  actor: string;
  /** Told as each stage starts (the job's progress); awaited. */
  onStage?: (stage: AssembleStage) => void | Promise<void>;
};

/**
 * What finishing is doing: merging the documents' results, making the packet (the check is made with it),
 * publishing the packet or quarantine folder.
 */
export type AssembleStage = 'merge' | 'packet' | 'publish';

/**
 * Where a submission went, and the later-received submissions read sooner whose clearance counts it now
 * (their packets are to be made again: `refreshPacket`).
 */
export type Finished = { state: Extract<SubmissionState, 'packet-ready' | 'quarantined'>; folder: string; recleared: string[] };

/**
 * Why a document's reading failed where it left no result of its own (its process crashed, it stalled):
 * the queue's reason, by the document's sha256.
 */
export type JobFailures = ReadonlyMap<string, string>;

/** Each stored document with what reading it gave, in the database's order. */
async function readingsOf(submissionId: string, documents: readonly { sha256: string; fileName: string }[], dataDir: string, jobFailures: JobFailures): Promise<DocumentReading[]> {
  return Promise.all(
    documents.map(async ({ sha256, fileName }): Promise<DocumentReading> => {
      const result = await readDocumentResult(dataDir, submissionId, sha256);
      const reason = jobFailures.get(sha256);
      if (result?.status === 'read') return { fileName, id: sha256, status: 'read', document: result.extracted };
      // A crash of the reader's process leaves no error of its own: the queue's reason says what happened.
      if (reason && !result) return { fileName, id: sha256, status: 'failed', failure: { fileName, code: 'reader-failed', message: `${fileName}: the reading process failed (${reason}); try again later`, retryable: true } };
      if (!result) throw new Error(`submission ${submissionId}: ${fileName} (${sha256}) has no result in ${path.join(dataDir, 'results')} and its job did not fail; read it before finishing the submission`);
      return { fileName, id: sha256, status: 'failed', failure: { fileName, ...result.error } };
    }),
  );
}

/** The folder a finished submission was published to. */
function publishedFolder(record: SubmissionRecord, deps: FinishDeps): Finished | null {
  if (record.state === 'packet-ready' && record.packetFolder) return { state: 'packet-ready', folder: path.join(deps.outboxDir, record.packetFolder), recleared: [] };
  if (record.state === 'quarantined') return { state: 'quarantined', folder: path.join(deps.quarantineDir, record.id), recleared: [] };
  return null;
}

/**
 * Finishes a submission whose documents were each read: merges them, stores the extraction, clears it
 * against earlier submissions (with the renewal diff; later ones read sooner are cleared again), stores the
 * check, and writes the packet to `<outbox>/<folder>/` (state `packet-ready`); when no document could be
 * read, copies the files to `<quarantine>/<submission id>/` with report.txt (state `quarantined`). Then
 * the documents' results are removed: the database and the folder hold what they gave.
 * Running it again gives the same folder with the same files: before the results are removed it is all
 * done again; after, the folder published is the answer (a job retried after a crash that followed it).
 */
export async function finishSubmission(submissionId: string, deps: FinishDeps, jobFailures: JobFailures = new Map()): Promise<Finished> {
  const { db, store, actor } = deps;
  const stage = async (name: AssembleStage) => deps.onStage?.(name);
  const record = await db.getSubmission(submissionId);
  if (!record) throw new Error(`submission ${submissionId} is not in the database (${db.describe()}); enqueue it again from the inbox`);
  const done = publishedFolder(record, deps);
  if (done && !(await hasDocumentResults(deps.dataDir, submissionId))) {
    // Published before a crash: the packets its clearance left to be made again are named again.
    const recleared = done.state === 'packet-ready' && record.submission ? await new ClearanceIndex(db).reclearLater(submissionId, record.submission, { now: new Date(), windowDays: deps.clearance.windowDays, actor }) : [];
    return { ...done, recleared };
  }

  await stage('merge');
  await db.setState(submissionId, 'checking', { actor });
  const readings = await readingsOf(submissionId, record.documents, deps.dataDir, jobFailures);
  const { submission, outcome, failures } = mergeDocumentReadings(readings);
  await db.saveExtraction(submissionId, submission, outcome, actor);
  const originals = await Promise.all(record.documents.map(async (d) => ({ fileName: d.fileName, bytes: await store.read(d.sha256) })));

  let finished: Finished;
  if (submission.documents.length === 0) {
    const report = quarantineReport(record, failures);
    await stage('publish');
    const folder = await publishFolder(deps.quarantineDir, submissionId, [...uniqueNames(originals), { name: 'report.txt', bytes: report }]);
    await db.setState(submissionId, 'quarantined', { actor, detail: { folder, codes: failures.map((f) => f.code) } });
    finished = { state: 'quarantined', folder, recleared: [] };
  } else {
    await stage('packet');
    const now = new Date();
    const { clearance, standing, renewal, recleared } = await clearSubmission(db, submissionId, submission, { ...deps.clearance, actor }, now);
    const packet = await assemblePacket({ submission, outcome, originals, appetiteRules: deps.appetiteRules, today: now, received: new Date(record.receivedAt), now, from: deps.from, clearance, clearanceStanding: standing, renewal });
    await db.saveCheck(submissionId, packet.report, actor);
    if (packet.report.readyToQuote) await new ClearanceIndex(db).markComplete(submissionId, now);
    await stage('publish');
    const folder = await publishFolder(deps.outboxDir, packet.folder, packet.files);
    await db.setState(submissionId, 'packet-ready', { actor, packetFolder: packet.folder });
    finished = { state: 'packet-ready', folder, recleared };
  }
  await removeDocumentResults(deps.dataDir, submissionId);
  return finished;
}

/** The originals as plain, distinct file names (a name from a zip may hold folders; two may collide). */
function uniqueNames(files: readonly { fileName: string; bytes: Uint8Array }[]): { name: string; bytes: Uint8Array }[] {
  const taken = new Set<string>(['report.txt']);
  return files.map(({ fileName, bytes }) => {
    const base = path.basename(fileName).replace(/^\.+/, '') || 'document';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${n}-${base}`;
    taken.add(name);
    return { name, bytes };
  });
}
