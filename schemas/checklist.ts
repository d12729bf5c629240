import { z } from 'zod';
import { LineOfBusiness } from './check-report.js';
import { Need } from './flag.js';
import { FormId } from './submission.js';

/**
 * A canonical model path with `[*]` for every row of a list (`premises[*].physicalAddress.lineOne`) or
 * every question the form asks in a question record (`generalInformation.questions[*].answer`).
 */
const PathPattern = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\[(\*|\d+)\])?(\.[A-Za-z][A-Za-z0-9]*(\[(\*|\d+)\])?)*$/);

/**
 * One thing an underwriter needs before quoting or binding a line. Met when the value at `path` is
 * given (a checkbox ticked, a Y/N answered), or, with `anyOf`, when any one of those paths is.
 */
export const ChecklistItem = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** Where the value lives; with `anyOf`, the path a missing flag points at (the first alternative, usually). */
  path: PathPattern,
  /** Alternatives: any one given meets the item (NAICS or SIC; occurrence or claims-made). */
  anyOf: z.array(PathPattern).min(2).optional(),
  /** The form whose box should hold the value: where a missing value is shown. */
  form: FormId,
  /** What an underwriter reads. */
  label: z.string().min(1),
  /** Why it is needed, in a sentence. */
  why: z.string().min(1),
  when: Need,
  /** Free text must say more than one word ("contractor" does not describe operations). */
  minWords: z.number().int().min(2).optional(),
  /**
   * Asked only of the rows where another value of the same row says so: `oneOf` — that value is one of
   * these codes (valuation only for building and contents rows) · `yearsOldAtLeast` — that value is a
   * year at least this many years before the policy's effective date (update years only for buildings
   * 20+ years old). The `[*]` of `path` stand for the same rows as the item's path.
   */
  onlyIf: z
    .union([
      z.object({ path: PathPattern, oneOf: z.array(z.string()).min(1) }).strict(),
      z.object({ path: PathPattern, yearsOldAtLeast: z.number().int().min(1) }).strict(),
    ])
    .optional(),
  /**
   * Met by a document sent with the forms rather than a form value: `loss-runs` — the carriers' loss runs
   * (`lossRuns`), checked for the years they cover and how current they are (src/validate/check/check-loss-runs.ts).
   * `path` then names the submission's list of them, and `form` the form whose section they back.
   */
  attachment: z.enum(['loss-runs']).optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/**
 * One checklist file (`schemas/checklists/<name>.json`): its own items plus every item of the files it
 * includes. An item found twice keeps the strictest need (`quote` over `bind`).
 */
export const ChecklistFile = z.object({
  name: z.string(),
  /** The line of business this file is the checklist of; absent for a shared part (the application). */
  line: LineOfBusiness.optional(),
  includes: z.array(z.string()).default([]),
  items: z.array(ChecklistItem).default([]),
});
export type ChecklistFile = z.infer<typeof ChecklistFile>;
