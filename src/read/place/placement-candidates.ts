import type { ValueType } from '../../../schemas/value-type.js';
import type { FormId } from '../../../schemas/submission.js';
import { loadTemplates } from '../templates/template-registry.js';
import { columnRanks, type ColumnRank } from './column-ranks.js';
import { labelTokens } from './label-tokens.js';

/** A model path a filled box of an unknown copy may go to, as one template edition shows it. */
export type PlacementCandidate = {
  path: string;
  name: string;
  kind: 'text' | 'checkbox';
  valueType: ValueType;
  /** 1-based template page and the box's middle as a fraction of the page (x right, y up). */
  page: number;
  at: [number, number];
  label: string[];
  row: string[];
  /** The field name's words with the label's: what a home-made name is compared with. */
  words: string[];
  /**
   * A submission-wide field of another form's template (the 125's expiration date on a 140): its page,
   * place and row are that form's, so they say nothing about this copy.
   */
  foreign: boolean;
} & ColumnRank;

export type CandidatePool = {
  candidates: PlacementCandidate[];
  /** How telling a word is: rare words (BASEMENT) weigh more than common ones (DATE, NAME). */
  weight: (word: string) => number;
};

const pools = new Map<FormId, CandidatePool>();

/**
 * Paths that belong to the whole submission, not to one form's section: an older edition may print
 * them (the policy's expiration date, its billing and payment plan) where only another form's
 * template has a box for them. Section paths (property.*, premises.*, …) never cross forms.
 */
const SUBMISSION_WIDE = /^(policy\.|producer\.|carrier\.|namedInsureds\[0\]\.fullName$)/;

/**
 * Every mapped field of every edition of the form we have a template for, and the submission-wide
 * fields of the other forms' templates, once per process.
 */
export function placementCandidates(form: FormId): CandidatePool {
  let pool = pools.get(form);
  if (pool) return pool;
  const candidates: PlacementCandidate[] = [];
  for (const t of loadTemplates()) {
    const foreign = t.form !== form;
    // Rows are counted over every box the page prints, as on the copy being read, data or not.
    const boxes = t.fields.flatMap((f) => f.widgets.map((w) => ({ f, page: w.page, label: f.label ?? '', rect: w.rect })));
    const ranks = columnRanks(boxes);
    boxes.forEach(({ f, page, rect }, i) => {
      if (!f.path || !f.valueType || rect[2] <= 0 || f.widgets[0]!.rect !== rect) return;
      if (foreign && !SUBMISSION_WIDE.test(f.path)) return;
      const size = t.pages[page - 1]!;
      const label = labelTokens(f.label ?? '');
      candidates.push({
        path: f.path,
        name: f.name,
        kind: f.kind,
        valueType: f.valueType,
        page,
        at: [(rect[0] + rect[2] / 2) / size.width, (rect[1] + rect[3] / 2) / size.height],
        label,
        row: labelTokens(f.rowLabel ?? ''),
        words: [...new Set([...labelTokens(f.name), ...label])],
        foreign,
        ...ranks[i]!,
      });
    });
  }
  // Words weigh by how common they are on this form's own fields: other forms' fields do not move them.
  const own = candidates.filter((c) => !c.foreign);
  const count = new Map<string, number>();
  for (const c of own) for (const w of c.words) count.set(w, (count.get(w) ?? 0) + 1);
  const n = own.length;
  pool = { candidates, weight: (w) => Math.log(1 + n / (count.get(w) ?? 1)) };
  pools.set(form, pool);
  return pool;
}
