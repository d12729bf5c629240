import type { SubmissionData } from '../../../schemas/submission.js';
import { UNSURE_CONFIDENCE } from '../../config/review-threshold.js';
import type { IdentifiedForm } from '../identify/identify-pdf-forms.js';
import { listLeaves } from '../../model/list-leaves.js';

/** Below the review threshold, so a person checks every value read through another edition's boxes. */
export const UNVERIFIED_LAYOUT_CONFIDENCE = UNSURE_CONFIDENCE;

/**
 * A form read with another edition's template whose layout nothing confirmed (no template of its
 * printed edition, its widgets not where the template's are) may have values from the wrong box:
 * each value's confidence is capped below the review threshold, and a warning says why.
 */
export function flagUnverifiedLayout(form: IdentifiedForm, data: SubmissionData, fileName: string): { data: SubmissionData; warnings: string[] } {
  if (form.layoutVerified) return { data, warnings: [] };
  const capped = structuredClone(data);
  for (const { leaf } of listLeaves(capped)) leaf.confidence = Math.min(leaf.confidence, UNVERIFIED_LAYOUT_CONFIDENCE);
  return {
    data: capped,
    warnings: [`${fileName}: ACORD ${form.form} (${form.edition}) read with the ${form.templateEdition} template: layout not verified; values flagged for review`],
  };
}
