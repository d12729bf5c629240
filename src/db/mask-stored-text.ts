import type { ExtractionOutcome } from '../../schemas/extraction-outcome.js';
import type { FlagResolution } from '../../schemas/flag.js';
import type { Submission } from '../../schemas/submission.js';
import { maskTaxIds } from '../model/mask-tax-id.js';

/**
 * Masks every tax id in text bound for a column other than submission_json: the shapes a FEIN or SSN is
 * written in, and the submission's own ids as its forms wrote them ("87 2796802" has neither shape).
 */
export function storedTextMask(submission: Submission | null): (text: string) => string {
  const known = (submission?.namedInsureds ?? []).flatMap((n) => (n.taxIdentifier ? [n.taxIdentifier.raw, String(n.taxIdentifier.value ?? '')] : [])).filter(Boolean);
  return (text) => maskTaxIds(text, known);
}

/** The outcome's free text masked (a warning may quote a value); file names and document ids are kept. */
export function maskOutcome(outcome: ExtractionOutcome, mask: (text: string) => string): ExtractionOutcome {
  return {
    ...outcome,
    warnings: outcome.warnings.map(mask),
    files: outcome.files.map((f) => ({
      ...f,
      warnings: f.warnings.map(mask),
      pagesNotRead: f.pagesNotRead.map((p) => ({ ...p, detail: mask(p.detail) })),
      fieldsNotRead: f.fieldsNotRead.map((u) => ({ ...u, detail: mask(u.detail) })),
      ...(f.error ? { error: { ...f.error, message: mask(f.error.message) } } : {}),
    })),
  };
}

/** A reviewer's note or corrected value may be the tax id itself: the corrected id belongs in submission_json. */
export const maskResolution = (resolution: FlagResolution, mask: (text: string) => string): FlagResolution => ({
  ...resolution,
  ...(resolution.note === undefined ? {} : { note: mask(resolution.note) }),
  ...(resolution.value === undefined ? {} : { value: mask(resolution.value) }),
});

/** A caller's event detail with every string in it masked, however deep. */
export function maskDetail(detail: Record<string, unknown>, mask: (text: string) => string): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return mask(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(detail) as Record<string, unknown>;
}
