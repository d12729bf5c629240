import type { AnyField, Rect, Source } from '../../schemas/field.js';
import type { Submission } from '../../schemas/submission.js';
import { storedTextMask } from '../db/mask-stored-text.js';
import { listLeaves } from '../model/list-leaves.js';
import { maskTaxId } from '../model/mask-tax-id.js';
import { isAmount } from '../model/mask-for-print.js';

/**
 * A value read from a box of the page: the box (PDF points, origin bottom-left), how sure the reading is,
 * and its text as read, a tax id in it masked to its last 4 digits. `taxId`: the box shows a tax id, so
 * the page image covers it unless the reviewer reveals it.
 */
export type PageBox = { path: string; rect: Rect; confidence: number; text: string; taxId: boolean };

/** The model paths that hold a tax id (a named insured's FEIN or SSN). */
export const TAX_ID_PATH = /taxIdentifier$/;

/**
 * Every value read from page `page` of document `document`, in model order: each leaf whose source or a
 * confirming source (the same value read again from another form) is there, and the losing side of
 * each conflict read there (the page shows what it says, whatever was kept).
 */
export function pageBoxes(submission: Submission, document: string, page: number): PageBox[] {
  const mask = storedTextMask(submission);
  const { documents: _documents, conflicts, unplaced: _unplaced, ...model } = submission;
  const leaves = [...listLeaves(model), ...conflicts.map((c) => ({ path: c.path, leaf: c.other }))];
  const here = (s: Source): s is Source & { rect: Rect } => s.document === document && s.page === page && s.rect !== null;
  return leaves.flatMap(({ path, leaf }) => {
    const shown = shownText(path, leaf, mask);
    return [leaf.source, ...(leaf.confirmedBy ?? [])].filter(here).map((s) => ({ path, rect: s.rect, confidence: leaf.confidence, ...shown }));
  });
}

/** The text of a leaf as the review desk may show it, and whether it holds a tax id (by its path, or a tax id typed into it). */
function shownText(path: string, leaf: AnyField, mask: (text: string) => string): { text: string; taxId: boolean } {
  if (TAX_ID_PATH.test(path)) return { text: maskTaxId(leaf.raw), taxId: true };
  if (isAmount(leaf.value)) return { text: leaf.raw, taxId: false };
  const text = mask(leaf.raw);
  return { text, taxId: text !== leaf.raw };
}
