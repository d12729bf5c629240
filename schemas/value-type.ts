import { z } from 'zod';

/**
 * What a form box holds; decides normalization and, for scans, the OCR character whitelist.
 * Every leaf path in the submission model has exactly one value type.
 */
export const ValueType = z.enum([
  'text', // free text, trimmed, inner whitespace folded
  'code', // code (class code, LOB code): trimmed; code-like tokens upper-cased, words kept as written
  'date', // ISO YYYY-MM-DD
  'time', // HH:MM, 24 h
  'money', // decimal string with two places, e.g. "1000000.00"
  'integer', // counts, areas, distances
  'decimal', // rates
  'percent', // 0..100 as a number
  'year', // four-digit year (two digits resolved by what the box is for)
  'boolean', // checkbox
  'yesNo', // Y/N answer box → boolean
  'state', // two-letter US state / Canadian province code
  'postalCode', // 12345 or 12345-6789
  'phone', // +15551234567, optional ;ext=123
  'taxId', // FEIN NN-NNNNNNN, SSN NNN-NN-NNNN, or NNNNNNNNN when which is not known
  'email',
  'url',
]);
export type ValueType = z.infer<typeof ValueType>;
