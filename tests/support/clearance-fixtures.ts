import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionOutcome } from '../../schemas/extraction-outcome.js';
import type { AnyField } from '../../schemas/field.js';
import type { Submission } from '../../schemas/submission.js';
import { checkWithAppetite } from '../../src/validate/check/check-with-appetite.js';
import type { Db } from '../../src/db/db.js';
import { extractSubmission } from '../../src/read/extract/extract-submission.js';
import { getAtPath, setAtPath } from '../../src/model/model-path.js';
import { clearSubmission } from '../../src/service/clear-submission.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../samples');
export const CLEARANCE_SETTINGS = { windowDays: 90, renewalLookbackDays: 548, actor: 'test' };
export const DAY = 86_400_000;

/** A sample's submission.xml read as the workers read it. */
export async function readSample(sample: string): Promise<{ submission: Submission; outcome: ExtractionOutcome }> {
  return extractSubmission([{ fileName: 'submission.xml', bytes: new Uint8Array(await readFile(path.join(SAMPLES, sample, 'submission.xml'))) }]);
}

/** A copy with the values at these paths replaced, as another broker or next year's application gives them. */
export function variant(s: Submission, changes: Record<string, string>): Submission {
  const copy = structuredClone(s);
  for (const [at, value] of Object.entries(changes)) {
    const leaf = getAtPath(copy, at) as AnyField | undefined;
    if (!leaf) throw new Error(`the sample has no value at ${at}`);
    setAtPath(copy as never, at, { ...leaf, value, raw: value });
  }
  return copy;
}

/**
 * A submission received at `receivedAt` finished as finishSubmission finishes it, without reading files:
 * its extraction stored, cleared (with the renewal diff) at `now`, checked with the clearance, in review.
 */
export async function finishedSubmission(db: Db, read: { submission: Submission; outcome: ExtractionOutcome }, receivedAt: Date, now: Date) {
  const { id } = await db.createSubmission({ source: 'broker@example.com', receivedAt, actor: 'test' });
  await db.saveExtraction(id, read.submission, read.outcome, 'test');
  const { clearance, standing, renewal } = await clearSubmission(db, id, read.submission, CLEARANCE_SETTINGS, now);
  await db.saveCheck(id, checkWithAppetite(read.submission, read.outcome, { today: now, appetiteRules: null, clearance, clearanceStanding: standing }), 'test');
  await db.setState(id, 'packet-ready', { actor: 'test', packetFolder: `folder-${id.slice(0, 8)}` });
  return { id, clearance, renewal };
}
