import type { FormId } from '../submission.js';
import { ACORD_125_RULES } from './acord-125.js';
import { ACORD_126_RULES } from './acord-126.js';
import { ACORD_140_RULES } from './acord-140.js';
import type { FieldRule } from './field-rule.js';

/** Field-name rules per form; one rule set serves every edition of a form. */
export const FIELD_RULES: Record<FormId, readonly FieldRule[]> = {
  '125': ACORD_125_RULES,
  '126': ACORD_126_RULES,
  '140': ACORD_140_RULES,
};
