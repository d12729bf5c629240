/**
 * Whether a class code matches a rule's pattern: the whole code, a prefix of fewer digits, or an
 * inclusive range of whole codes ("91580-91589"). Patterns are checked by schemas/appetite-rules.ts.
 */
export function matchesClassCode(code: string, pattern: string): boolean {
  const [from, to] = pattern.split('-');
  if (to === undefined) return code.startsWith(from!);
  return code.length === from!.length && +code >= +from! && +code <= +to;
}
