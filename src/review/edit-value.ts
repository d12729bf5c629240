import type { AnyField, Source } from '../../schemas/field.js';
import { valueSchemas } from '../../schemas/fields.js';
import type { FlagSource } from '../../schemas/flag.js';
import { Submission } from '../../schemas/submission.js';
import type { ValueType } from '../../schemas/value-type.js';
import { loadValueRules } from '../validate/check/load-check-data.js';
import { patternRegex } from '../validate/check/path-pattern.js';
import { shownValue } from '../validate/check/make-flag.js';
import { isLeaf } from '../model/list-leaves.js';
import { formatPath, getAtPath, parsePath, setAtPath } from '../model/model-path.js';
import { isBlank, normalizeValue } from '../read/normalize/normalize-value.js';
import { valueTypeAt } from '../read/extract/submission-builder.js';
import { ReviewError } from './review-operations.js';

/** Where a typed-in value with no box of its own is said to come from. */
export const REVIEWER_DOCUMENT = 'reviewer';

export type ValueEditInput = {
  path: string;
  text: string;
  /**
   * The flag the edit answers, when it has a source: a missing value typed in keeps the box the flag
   * points at (the form and page where it belongs), so its evidence stays one click away.
   */
  flagSource?: FlagSource | null;
};

/** An edit checked and ready to store: the old and new value as text (tax ids masked), and the submission once its audit event is known. */
export type PlannedEdit = {
  path: string;
  /** Null when the value was missing. */
  oldText: string | null;
  newText: string;
  /** The text as the reviewer typed it (trimmed): the new value's raw. */
  typed: string;
  withAudit(auditEvent: number): Submission;
};

/** What a person types for a checkbox is a yes or a no: the checkbox reader takes any text but "Off" as ticked. */
const typedAs = (type: ValueType): ValueType => (type === 'boolean' ? 'yesNo' : type);

const WORDS: Partial<Record<ValueType, string>> = {
  date: 'a date (MM/DD/YYYY)',
  time: 'a time (HH:MM)',
  money: 'an amount of dollars',
  integer: 'a whole number',
  decimal: 'a number',
  percent: 'a percentage from 0 to 100',
  year: 'a year (YYYY)',
  boolean: 'yes or no',
  yesNo: 'yes or no',
  state: 'a US state or Canadian province (TX, Texas)',
  postalCode: 'a ZIP code (12345 or 12345-6789)',
  phone: 'a phone number with its area code',
  taxId: 'a FEIN (12-3456789) or SSN (123-45-6789)',
  email: 'an e-mail address',
  url: 'a web address',
};

function valueTypeOf(path: string): ValueType {
  try {
    return valueTypeAt(path);
  } catch (err) {
    throw new ReviewError('not-editable', `${path} is not a value of the submission (${(err as Error).message}); edit one value, such as premises[0].physicalAddress.postalCode`, { cause: err });
  }
}

/**
 * Lists on the way to `path` may grow by one row (a second location typed in), never leave a hole: a
 * row far past the end would be a row no form gave.
 */
function checkRows(submission: Submission, path: string): void {
  const segments = parsePath(path);
  segments.forEach((seg, i) => {
    if (typeof seg !== 'number') return;
    const list = getAtPath(submission, formatPath(segments.slice(0, i)));
    const length = Array.isArray(list) ? list.length : 0;
    if (seg > length) throw new ReviewError('not-editable', `${path}: row ${seg + 1} cannot be typed in while the list has ${length} row(s); add row ${length + 1} first`);
  });
}

/** The text parsed as extraction parses a box of that path, then held to the format rules of schemas/value-rules/. */
function parseText(path: string, type: ValueType, text: string, label: string | undefined): string | number | boolean {
  const shown = /taxIdentifier$/.test(path) ? 'The value' : `“${text.trim()}”`;
  if (isBlank(typedAs(type), text)) throw new ReviewError('invalid-value', `Type a value for ${path}; to leave it empty, waive the flag or ask the broker instead.`);
  const normalized = normalizeValue(typedAs(type), text, { path, label });
  if (normalized.notApplicable) throw new ReviewError('invalid-value', `${shown} leaves ${path} empty; waive the flag or ask the broker instead.`);
  const parsed = valueSchemas[type].safeParse(normalized.value);
  if (normalized.value === null || !parsed.success) throw new ReviewError('invalid-value', `${shown} is not ${WORDS[type] ?? 'a valid value'}; type it again.`);
  const value = parsed.data as string | number | boolean;
  for (const rule of loadValueRules().formats) {
    if (!rule.paths.some((p) => patternRegex(p).test(path))) continue;
    const ok = rule.pattern ? new RegExp(`^(?:${rule.pattern})$`).test(String(value)) : true;
    if (!ok) throw new ReviewError('invalid-value', `${shown} is not ${rule.what}; type it again.`);
  }
  return value;
}

/** The box the new value is said to come from: the value's own, else the flag's, else the reviewer. */
function reviewerSource(old: AnyField | undefined, flagSource: FlagSource | null | undefined, auditEvent: number): Source {
  const from = old?.source ?? (flagSource?.document ? { document: flagSource.document, page: flagSource.page, rect: flagSource.rect, field: flagSource.field } : null);
  return {
    document: from?.document ?? REVIEWER_DOCUMENT,
    page: from?.page ?? null,
    rect: from?.rect ?? null,
    method: 'reviewer',
    ...(from?.field ? { field: from.field } : {}),
    auditEvent,
  };
}

/**
 * A reviewer's text for the value at `path`, an existing value or a missing one typed in (creating the
 * groups and at most one new row on the way). Pure: the submission given is not changed. Refuses a path
 * that is not a value of the model (`not-editable`) and text that extraction would not take as a value of
 * that box (`invalid-value`), each with a sentence the reviewer acts on.
 */
export function planValueEdit(submission: Submission, input: ValueEditInput): PlannedEdit {
  const path = input.path.trim();
  const type = valueTypeOf(path);
  checkRows(submission, path);
  const found = getAtPath(submission, path);
  const old = isLeaf(found) ? found : undefined;
  const value = parseText(path, type, input.text, old?.source.field ?? input.flagSource?.field);
  const raw = input.text.trim();
  const edited = structuredClone(submission);
  setAtPath(edited as unknown as Record<string, unknown>, path, { value, raw, confidence: 1, source: reviewerSource(old, input.flagSource, 1) } satisfies AnyField);
  const parsed = Submission.safeParse(edited);
  if (!parsed.success) throw new ReviewError('not-editable', `${path} cannot hold a value in this submission (${parsed.error.issues[0]?.message ?? 'the model refuses it'}).`);
  const leaf = getAtPath(parsed.data, path) as AnyField;
  return {
    path,
    oldText: old ? shownValue(old, path) : null,
    newText: shownValue(leaf, path),
    typed: raw,
    withAudit(auditEvent) {
      const linked = structuredClone(parsed.data);
      (getAtPath(linked, path) as AnyField).source.auditEvent = auditEvent;
      return linked;
    },
  };
}
