import { createHash } from 'node:crypto';
import type { Submission } from '../../../schemas/submission.js';

/**
 * The id of a submission: the sha256 (hex) of its sorted document ids, one a line. The same files give
 * the same id whatever order they came in, and a file added or replaced gives another one.
 */
export function submissionId(submission: Pick<Submission, 'documents'>): string {
  const ids = submission.documents.map((d) => d.id).sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex');
}
