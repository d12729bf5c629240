import { z } from 'zod';
import { CheckReport } from './check-report.js';
import { ClearanceResult } from './clearance.js';
import { RenewalDiff } from './renewal-diff.js';
import { ExtractionOutcome } from './extraction-outcome.js';
import { Flag } from './flag.js';
import { Submission } from './submission.js';

/**
 * `submission.json` in a packet: everything a program needs to take the submission on without reading
 * the PDFs. Published for other tools as schemas/submission.schema.json (`npm run schema`), so the
 * descriptions here are what they read.
 */
export const PacketJson = z
  .object({
    submission: Submission.describe('The typed submission: every leaf is { value, raw, confidence, source }.'),
    flags: z.array(Flag).describe('Every flag on the submission, with its resolution where a reviewer acted on it.'),
    report: CheckReport.describe('The lines checked, the checklist, the appetite verdict and whether it is ready to quote.'),
    outcome: ExtractionOutcome.nullable().describe('What became of each input file; null when the submission was not read from files.'),
    clearance: ClearanceResult.nullable()
      .optional()
      .describe('Earlier submissions that resemble this one (same tax id, similar name, same address) and the outcome; absent when no clearance was run (the CLI).'),
    renewal: RenewalDiff.nullable()
      .optional()
      .describe('What changed since the same insured\'s previous submission; null when none was found, absent when none was looked for.'),
    xmlExport: z
      .object({
        request: z.string().describe('The ACORD request submission.xml holds (CommlPkgPolicyQuoteInqRq …).'),
        skipped: z.array(z.object({ path: z.string(), why: z.string() })).describe('Values of the submission that ACORD XML (as acord-prep reads it) has no place for.'),
      })
      .optional()
      .describe('What submission.xml beside this file carries, and what it leaves out; present in a packet.'),
  })
  .meta({ title: 'acord-prep submission.json', description: 'A submission read from ACORD 125/126/140 forms or ACORD XML, its flags and its check report.' });
export type PacketJson = z.infer<typeof PacketJson>;
