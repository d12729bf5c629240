import type { Rect } from '../../schemas/field.js';
import type { Submission } from '../../schemas/submission.js';
import { listLeaves } from '../model/list-leaves.js';

/** The model paths that hold a tax id (a named insured's FEIN or SSN). */
export const TAX_ID_PATH = /taxIdentifier$/;

/** The boxes on `page` of `sha256` that hold a tax id: painted over in every image the pages serve. */
export function taxIdRects(submission: Submission | null, sha256: string, page: number): Rect[] {
  if (!submission) return [];
  return listLeaves(submission)
    .filter(({ path }) => TAX_ID_PATH.test(path))
    .flatMap(({ leaf }) => [leaf.source, ...(leaf.confirmedBy ?? [])].flatMap((s) => (s.document === sha256 && s.page === page && s.rect ? [s.rect] : [])));
}
