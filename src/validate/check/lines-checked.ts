import type { LineOfBusiness } from '../../../schemas/check-report.js';
import type { Submission } from '../../../schemas/submission.js';

/**
 * The lines to check: those the 125 requests (general liability, property; a business owners policy or
 * both lines is a package), else those whose section forms are present (a 126, a 140, or both).
 */
export function linesChecked(submission: Submission): LineOfBusiness[] {
  const lob = submission.policy?.linesOfBusiness;
  const requested = (key: keyof NonNullable<typeof lob>) => lob?.[key]?.requested?.value === true;
  let gl = requested('commercialGeneralLiability');
  let property = requested('commercialProperty');
  if (requested('businessOwners')) return ['package'];
  if (!gl && !property) {
    const forms = new Set(submission.documents.flatMap((d) => d.forms.map((f) => f.form)));
    gl = forms.has('126');
    property = forms.has('140');
  }
  if (gl && property) return ['package'];
  return gl ? ['general-liability'] : property ? ['property'] : [];
}
