import type { CheckReport } from '../../../schemas/check-report.js';
import type { ClearanceResult, ClearanceStanding } from '../../../schemas/clearance.js';
import type { RenewalDiff } from '../../../schemas/renewal-diff.js';
import type { ExtractionOutcome } from '../../../schemas/extraction-outcome.js';
import type { Submission } from '../../../schemas/submission.js';
import { text } from './field-text.js';
import type { FlagCrop } from './flag-crops.js';

/** What every section of the packet reads from. */
export type PacketContext = {
  submission: Submission;
  report: CheckReport;
  outcome: ExtractionOutcome | null;
  received: Date;
  /** File name of each original by document id (sha256), for "source: file, page". */
  fileNames: ReadonlyMap<string, string>;
  crops: ReadonlyMap<string, FlagCrop>;
  clearance: ClearanceResult | null;
  /** Where this submission and the clearance's matches stand as the packet is made; null: as the matches recorded it. */
  clearanceStanding: ClearanceStanding | null;
  renewal: RenewalDiff | null;
  /** Masks the tax ids in a text the packet prints that is not one of the submission's values (clearance, renewal, loss runs). */
  mask: (text: string) => string;
};

/** A packet destination: a section or an original (with its forms), at a 0-based packet page. */
export type PacketEntry = { title: string; page: number; children?: PacketEntry[] };

/** The first named insured's name, or what the packet calls an insured it could not read. */
export function insuredName(submission: Submission): string {
  return text(submission.namedInsureds?.[0]?.fullName) || 'Insured not read';
}

/** Flags still open (no reviewer resolution). */
export const openFlags = (report: CheckReport) => report.flags.filter((f) => !f.resolution);
