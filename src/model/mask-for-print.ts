import type { CheckReport } from '../../schemas/check-report.js';
import type { Submission } from '../../schemas/submission.js';
import { maskTaxIds } from './mask-tax-id.js';

const MONEY = /^-?\d+\.\d{2}$/;
/** A leaf's value is an amount (normalized to cents): its nine digits are a limit, not a tax id. */
export const isAmount = (value: unknown): boolean => MONEY.test(String(value));
const isLeaf = (v: object): v is { value: unknown; raw: string; source: unknown } => 'raw' in v && 'source' in v;

/**
 * The submission and report as the packet prints them: every tax id in a value, a remark, a flag's
 * message or an appetite hit masked to its last 4 digits (a FEIN typed into the remarks as much as the
 * FEIN box), the ids as the forms wrote them included. Document ids and sources are left alone (a
 * sha256 may hold nine digits in a row), and so are amounts (a nine-digit limit is not a tax id).
 */
export function maskForPrint(submission: Submission, report: CheckReport): { submission: Submission; report: CheckReport; mask: (text: string) => string } {
  const known = (submission.namedInsureds ?? []).flatMap((n) => (n.taxIdentifier ? [n.taxIdentifier.raw, String(n.taxIdentifier.value ?? '')] : [])).filter(Boolean);
  const mask = (text: string) => maskTaxIds(text, known);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    if (isLeaf(node)) {
      const value = typeof node.value === 'string' && !isAmount(node.value) ? mask(node.value) : node.value;
      return { ...node, raw: isAmount(node.value) ? node.raw : mask(node.raw), value };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'documents' || k === 'source' ? v : walk(v)]));
  };
  const { unplaced, ...data } = submission;
  return {
    submission: { ...(walk(data) as Omit<Submission, 'unplaced'>), unplaced: unplaced.map((u) => ({ ...u, raw: mask(u.raw) })) },
    report: {
      ...report,
      checklist: report.checklist.map((i) => ({ ...i, label: mask(i.label), why: mask(i.why) })),
      flags: report.flags.map((f) => ({
        ...f,
        message: mask(f.message),
        ...(f.value === undefined ? {} : { value: mask(f.value) }),
        ...(f.resolution ? { resolution: { ...f.resolution, ...(f.resolution.note ? { note: mask(f.resolution.note) } : {}), ...(f.resolution.value ? { value: mask(f.resolution.value) } : {}) } } : {}),
      })),
      appetite: report.appetite && { ...report.appetite, hits: report.appetite.hits.map((h) => ({ ...h, message: mask(h.message), ...(h.value === undefined ? {} : { value: mask(h.value) }) })) },
    },
    mask,
  };
}
