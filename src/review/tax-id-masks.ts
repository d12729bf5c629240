import type { Rect } from '../../schemas/field.js';
import type { Submission } from '../../schemas/submission.js';
import { storedTextMask } from '../db/mask-stored-text.js';
import { pageBoxes } from './page-boxes.js';

/**
 * The boxes of page `page` of document `document` that show a tax id, to paint over on its page image
 * until a reviewer reveals it: every FEIN or SSN box read there (the value kept, a confirming reading, the
 * other side of a conflict), any value with a tax id typed into it, and values found there without a
 * place in the model that hold one.
 */
export function taxIdMasks(submission: Submission, document: string, page: number): Rect[] {
  const mask = storedTextMask(submission);
  const boxes = pageBoxes(submission, document, page).filter((b) => b.taxId).map((b) => b.rect);
  const unplaced = submission.unplaced.filter((u) => u.document === document && u.page === page && u.rect && mask(u.raw) !== u.raw).map((u) => u.rect!);
  return [...boxes, ...unplaced];
}
