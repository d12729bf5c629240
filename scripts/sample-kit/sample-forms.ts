import type { FormTemplate } from '../../schemas/form-template.js';
import { findTemplate } from '../../src/read/templates/template-registry.js';
import type { SyntheticSubmission } from './synthetic-insureds.js';

/** One filled form of a sample: which template it is drawn from and which file it goes to. */
export interface SampleForm {
  /** e.g. `acord-125.pdf`, `acord-140-2.pdf`. */
  file: string;
  template: FormTemplate;
  /** For a 140: the submission's property locations it shows, in the form's own order (page 1, page 2). */
  buildings: number[];
}

const LOCATION = /^property\.locations\[(\d+)\]/;

/**
 * The submission path a form's box stands for, or null when this copy of the form leaves the box
 * empty. Each 140 describes its own building(s) as locations 0 and 1; the submission lists every
 * building once (the extractor appends one 140's locations after another's).
 */
export function truthPathOf(form: SampleForm, formPath: string): string | null {
  const m = LOCATION.exec(formPath);
  if (!m) return formPath;
  const building = form.buildings[Number(m[1])];
  return building === undefined ? null : formPath.replace(LOCATION, `property.locations[${building}]`);
}

/** The editions the committed samples are drawn on: a newly derived edition does not silently redraw them. */
const SAMPLE_EDITION = { '125': '2016/03', '126': '2016/09', '140': '2016/03' } as const;

function template(form: '125' | '126' | '140', edition: string = SAMPLE_EDITION[form]): FormTemplate {
  const t = findTemplate(form, edition);
  if (!t) throw new Error(`No template for ACORD ${form} (${edition}) in schemas/templates: run npm run derive-templates`);
  return t;
}

/** The forms a broker would send for this submission: a 125, a 126 for liability, a 140 per building. */
export function sampleForms(sub: SyntheticSubmission): SampleForm[] {
  const forms: SampleForm[] = [{ file: 'acord-125.pdf', template: template('125'), buildings: [] }];
  if (sub.spec.generalLiability) forms.push({ file: 'acord-126.pdf', template: template('126'), buildings: [] });
  for (let b = 0; b < sub.buildings; b++) {
    forms.push({ file: `acord-140-${b + 1}.pdf`, template: template('140', sub.spec.edition140), buildings: [b] });
  }
  return forms;
}
