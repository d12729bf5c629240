import type { LineOfBusiness } from '../../../schemas/check-report.js';
import type { Submission } from '../../../schemas/submission.js';

/** A line the submission asks for, with the model path that says so. */
export type RequestedLine = { line: LineOfBusiness; path: string };

/** The 125's checkboxes that name a line a checklist or a carrier's appetite is kept for. */
const FROM_POLICY = [
  ['commercialGeneralLiability', 'general-liability'],
  ['commercialProperty', 'property'],
  ['businessOwners', 'package'],
] as const;

/** ACORD section forms whose presence says a line is asked for, when the 125 ticks none. */
const FROM_FORMS = { '126': 'general-liability', '140': 'property' } as const;

/**
 * The lines the submission asks for: the lines ticked on the 125, else the lines of the section
 * forms sent (a 126 is general liability, a 140 property). Empty when neither says.
 */
export function requestedLines(submission: Submission): RequestedLine[] {
  const ticked = FROM_POLICY.filter(([key]) => submission.policy?.linesOfBusiness?.[key]?.requested?.value === true).map(
    ([key, line]) => ({ line, path: `policy.linesOfBusiness.${key}.requested` }),
  );
  if (ticked.length) return ticked;
  const found: RequestedLine[] = [];
  for (const [d, doc] of submission.documents.entries()) {
    for (const [f, form] of doc.forms.entries()) {
      const line = FROM_FORMS[form.form as keyof typeof FROM_FORMS];
      if (line && !found.some((l) => l.line === line)) found.push({ line, path: `documents[${d}].forms[${f}].form` });
    }
  }
  return found;
}
