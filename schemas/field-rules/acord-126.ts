import type { FieldRule } from './field-rule.js';

/** ACORD 126 field names → model paths. Order matters: the first match wins. */
export const ACORD_126_RULES: readonly FieldRule[] = [];
