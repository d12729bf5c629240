import type { FieldRule } from './field-rule.js';

/** ACORD 125 field names → model paths. Order matters: the first match wins. */
export const ACORD_125_RULES: readonly FieldRule[] = [];
