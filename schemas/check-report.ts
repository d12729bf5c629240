import { z } from 'zod';
import { Flag, Need } from './flag.js';

/** A line of business a checklist is kept for. A package takes the strictest requirement of its lines. */
export const LineOfBusiness = z.enum(['general-liability', 'property', 'package']);
export type LineOfBusiness = z.infer<typeof LineOfBusiness>;

/** One checklist item's state on a submission: met, missing, or present but flagged (invalid, unsure…). */
export const ChecklistItemStatus = z.object({
  /** The checklist item's id (`schemas/checklists/*.json`). */
  id: z.string(),
  label: z.string(),
  why: z.string(),
  when: Need,
  /** Canonical path with `[*]` for every row. */
  path: z.string(),
  status: z.enum(['met', 'missing', 'flagged']),
  /** Ids of the flags behind a `missing` or `flagged` status. */
  flags: z.array(z.string()),
});
export type ChecklistItemStatus = z.infer<typeof ChecklistItemStatus>;

/** A form found by its footer that acord-prep does not read (an ACORD 160, 139 …): listed, never misread. */
export const FormNotRead = z.object({
  document: z.string(),
  fileName: z.string(),
  /** As printed: "160". */
  form: z.string(),
  edition: z.string().optional(),
  pages: z.array(z.number().int().min(1)),
});
export type FormNotRead = z.infer<typeof FormNotRead>;

/** One appetite rule that fired, with the value that fired it. */
export const AppetiteHit = z.object({
  rule: z.string(),
  decision: z.enum(['refer', 'out', 'need-info']),
  message: z.string(),
  path: z.string().optional(),
  value: z.string().optional(),
});
export type AppetiteHit = z.infer<typeof AppetiteHit>;

export const AppetiteVerdict = z.object({
  carrier: z.string(),
  /** The rule file's own version string. */
  version: z.string(),
  /** `in` when no rule fired; else the worst of what fired (out > refer > need-info). */
  decision: z.enum(['in', 'refer', 'out', 'need-info']),
  hits: z.array(AppetiteHit),
});
export type AppetiteVerdict = z.infer<typeof AppetiteVerdict>;

/** What `acord-prep check` decides about one submission: the input of the packet and the broker request. */
export const CheckReport = z.object({
  /** The lines checked: from the policy's requested lines, else from the forms present. */
  lines: z.array(LineOfBusiness),
  checklist: z.array(ChecklistItemStatus),
  flags: z.array(Flag),
  appetite: AppetiteVerdict.nullable(),
  formsNotRead: z.array(FormNotRead),
  /** True when no blocking flag with `when: quote` is open. */
  readyToQuote: z.boolean(),
});
export type CheckReport = z.infer<typeof CheckReport>;
