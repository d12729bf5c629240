import { z } from 'zod';
import { AnyField, Rect } from './field.js';
import { LossRun } from './loss-run.js';
import { SovSchedule } from './sov.js';
import { AdditionalInterest } from './submission/additional-interest.js';
import { BusinessInformation } from './submission/business-information.js';
import { GeneralInformation } from './submission/general-information.js';
import { GeneralLiability } from './submission/general-liability.js';
import { LossHistory, PriorCoverage } from './submission/history.js';
import { Carrier, Contact, NamedInsured, Producer } from './submission/parties.js';
import { Policy } from './submission/policy.js';
import { Premises } from './submission/premises.js';
import { Property } from './submission/property.js';

export const FormId = z.enum(['125', '126', '140']);
export type FormId = z.infer<typeof FormId>;

/** One ACORD form found inside a document: which form, which edition, which pages of the document. */
export const FormInstance = z.object({
  form: FormId,
  /** Edition as printed in the footer, e.g. "2016/03". */
  edition: z.string().regex(/^\d{4}\/\d{2}$/),
  /**
   * Edition of the template whose boxes the form was read with; differs from `edition` when no template
   * of the printed edition exists. Absent for XML, which is read without a template.
   */
  templateEdition: z.string().regex(/^\d{4}\/\d{2}$/).optional(),
  /** 1-based document pages, in form page order. Empty for XML. */
  pages: z.array(z.number().int().min(1)),
  /** What told us which form this is. */
  identifiedBy: z.enum(['acroform-fields', 'footer-text', 'footer-ocr', 'xml-root']),
});
export type FormInstance = z.infer<typeof FormInstance>;

export const DocumentRef = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  /**
   * `schedule-of-values`: a spreadsheet (.xlsx, .csv) read into `schedulesOfValues` · `loss-run`: a carrier's
   * loss-run PDF read into `lossRuns`. Neither holds ACORD forms (`forms` is empty).
   */
  kind: z.enum(['pdf', 'image', 'acord-xml', 'schedule-of-values', 'loss-run']),
  pageCount: z.number().int().min(0),
  forms: z.array(FormInstance),
  /**
   * Forms found by their footer that acord-prep has no reader for (an ACORD 160, 139 …): listed so a
   * checklist can say "not read", never misread. Absent when there are none.
   */
  formsNotRead: z.array(z.object({ form: z.string(), edition: z.string().optional(), pages: z.array(z.number().int().min(1)) })).optional(),
});
export type DocumentRef = z.infer<typeof DocumentRef>;

/** Two sources disagree on one path (e.g. the insured's name on the 125 and on the 126). */
export const Conflict = z.object({ path: z.string(), kept: AnyField, other: AnyField });
export type Conflict = z.infer<typeof Conflict>;

/**
 * A filled value found in a document that could not be given a model path (a field name no template
 * knows, on a cell whose label matches nothing): kept with where it was, never dropped.
 */
export const UnplacedValue = z.object({
  document: z.string().min(1),
  page: z.number().int().min(1).nullable(),
  rect: Rect.nullable(),
  /** The AcroForm field name, or the XML element path. */
  field: z.string(),
  raw: z.string(),
  /** The printed label of the cell the value sits in, where one was found. */
  label: z.string().optional(),
  /** Why it could not be placed, in words a reviewer reads. */
  reason: z.string(),
});
export type UnplacedValue = z.infer<typeof UnplacedValue>;

export const Submission = z.object({
  documents: z.array(DocumentRef),
  producer: Producer.optional(),
  carrier: Carrier.optional(),
  policy: Policy.optional(),
  namedInsureds: z.array(NamedInsured).optional(),
  contacts: z.array(Contact).optional(),
  premises: z.array(Premises).optional(),
  businessInformation: BusinessInformation.optional(),
  generalInformation: GeneralInformation.optional(),
  additionalInterests: z.array(AdditionalInterest).optional(),
  priorCoverage: z.array(PriorCoverage).optional(),
  lossHistory: LossHistory.optional(),
  generalLiability: GeneralLiability.optional(),
  property: Property.optional(),
  /** Schedules of values (.xlsx, .csv) sent with the forms, one per sheet read, every cell with its file, sheet, row and column. */
  schedulesOfValues: z.array(SovSchedule).optional(),
  /** Carriers' loss runs sent with the forms, one per document, read into claims. */
  lossRuns: z.array(LossRun).optional(),
  conflicts: z.array(Conflict),
  unplaced: z.array(UnplacedValue),
});
export type Submission = z.infer<typeof Submission>;

/** The model's data part: what one form instance or one XML request yields before documents are attached. */
export const SubmissionData = Submission.omit({ documents: true, conflicts: true, unplaced: true, schedulesOfValues: true, lossRuns: true });
export type SubmissionData = z.infer<typeof SubmissionData>;
