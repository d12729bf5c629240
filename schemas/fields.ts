import { z } from 'zod';
import { field } from './field.js';
import type { ValueType } from './value-type.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The normalized value schema of each value type. */
export const valueSchemas = {
  text: z.string(),
  code: z.string(),
  date: isoDate,
  time: z.string().regex(/^\d{2}:\d{2}$/),
  money: z.string().regex(/^-?\d+\.\d{2}$/),
  integer: z.number().int(),
  decimal: z.number(),
  percent: z.number().min(0).max(100),
  year: z.number().int().min(1600).max(2200),
  boolean: z.boolean(),
  yesNo: z.boolean(),
  state: z.string().regex(/^[A-Z]{2}$/),
  postalCode: z.string().regex(/^(\d{5}(-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$/),
  phone: z.string().regex(/^\+\d{8,15}(;ext=\d+)?$/),
  // Nine bare digits: a tax id whose kind (FEIN or SSN) neither the writing nor the box says.
  taxId: z.string().regex(/^(\d{2}-\d{7}|\d{3}-\d{2}-\d{4}|\d{9})$/),
  email: z.string(),
  url: z.string(),
} satisfies Record<ValueType, z.ZodType>;

/**
 * Leaf field schemas by value type. The value type is recorded on the schema (`meta`) so the
 * template derivation can check that a form box and the model agree on what the box holds.
 */
function leaf<K extends ValueType>(type: K) {
  return field(valueSchemas[type]).meta({ valueType: type }).optional();
}

export const F = {
  text: leaf('text'),
  code: leaf('code'),
  date: leaf('date'),
  time: leaf('time'),
  money: leaf('money'),
  integer: leaf('integer'),
  decimal: leaf('decimal'),
  percent: leaf('percent'),
  year: leaf('year'),
  boolean: leaf('boolean'),
  yesNo: leaf('yesNo'),
  state: leaf('state'),
  postalCode: leaf('postalCode'),
  phone: leaf('phone'),
  taxId: leaf('taxId'),
  email: leaf('email'),
  url: leaf('url'),
};

/** A mailing or physical address as ACORD forms lay it out. */
export const Address = z.object({
  lineOne: F.text,
  lineTwo: F.text,
  cityName: F.text,
  countyName: F.text,
  stateOrProvinceCode: F.state,
  postalCode: F.postalCode,
  countryCode: F.code,
});

/** A Y/N question with its explanation box, keyed by ACORD question code (e.g. `AAI`). */
export const Question = z.object({ answer: F.yesNo, explanation: F.text });
export const Questions = z.record(z.string().regex(/^[A-Z]{3}$/), Question).optional();
