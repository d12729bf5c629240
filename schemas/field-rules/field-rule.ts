/**
 * How one form's field names map onto model paths. A rule sees the field name without its repeat
 * suffix (`NamedInsured_FullName_B` → base `NamedInsured_FullName`, suffix `B`).
 *
 * `path` templates: `$1`, `$2` … are the rule's captures turned into model keys (each `_`-separated
 * ACORD word in lowerCamel, joined by `.`), `#` is the row index of the suffix (A → 0, B → 1 …, or as
 * `rows` says). A function gets the match and suffix and returns the path. `null` says the field
 * holds no submission data; `why` then says what it is.
 *
 * The value type is not stated here: it is the model leaf's (schemas/fields.ts), so form, XML and
 * model cannot disagree on it.
 */
export interface FieldRule {
  match: RegExp;
  path: string | null | ((match: RegExpExecArray, suffix: string) => string | null);
  why?: string;
  rows?: Readonly<Record<string, number>>;
}

export interface FormRules {
  form: '125' | '126' | '140';
  rules: readonly FieldRule[];
}
