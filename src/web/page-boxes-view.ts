import type { Rect } from '../../schemas/field.js';
import type { Submission } from '../../schemas/submission.js';
import { listLeaves } from '../model/list-leaves.js';

/** One extracted value's box on a page: what the whole-page view outlines. */
export type PageBox = { path: string; rect: Rect; confidence: number };

/** Every value read from `page` of the document `sha256` (a value two forms agree on counts on both). */
export function pageBoxesFor(submission: Submission, sha256: string, page: number): PageBox[] {
  return listLeaves(submission).flatMap(({ path, leaf }) =>
    [leaf.source, ...(leaf.confirmedBy ?? [])].flatMap((s) => (s.document === sha256 && s.page === page && s.rect ? [{ path, rect: s.rect, confidence: leaf.confidence }] : [])),
  );
}
