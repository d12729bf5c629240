import type { FieldRule } from './field-rule.js';

/** ACORD 140 field names → model paths. Order matters: the first match wins. */
export const ACORD_140_RULES: readonly FieldRule[] = [];
