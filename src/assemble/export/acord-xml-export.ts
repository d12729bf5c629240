import type { Submission } from '../../../schemas/submission.js';
import { listLeaves } from '../../model/list-leaves.js';
import type { ModelValue } from './export-values.js';
import { writeAcordRequest } from './write-acord-request.js';

/**
 * A submission as one ACORD XML quote request (CommlPkgPolicyQuoteInqRq for general liability and
 * property, else the one line's request) that acord-prep's XML reader reads back to the same values
 * at the same paths. Every value the reader maps is written, as the model holds it (nothing masked:
 * it is the data); every other value is listed in `skipped` with why. Pure: nothing is logged.
 */
export function exportAcordXml(submission: Submission): { xml: string; request: string; skipped: { path: string; why: string }[] } {
  const { documents, conflicts, unplaced, ...data } = submission;
  const values = new Map<string, ModelValue>(listLeaves(data).map(({ path, leaf }) => [path, { value: leaf.value as ModelValue['value'], raw: leaf.raw }]));
  const { xml, request, skipped } = writeAcordRequest(values, { rqUid: requestId(documents.map((d) => d.id)), clientApp: 'acord-prep' });
  return { xml, request, skipped };
}

/** A request id (UUID form) derived from the documents read, so the same submission exports the same bytes. */
function requestId(documentIds: string[]): string {
  const hex = (documentIds.join('') || '0').replace(/[^0-9a-f]/g, '').padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
