import type { DifferentInsured } from '../../../schemas/different-insureds.js';
import type { SubmissionData } from '../../../schemas/submission.js';
import { hasIdentity, LIST_IDENTITIES, sameEntity } from './list-identities.js';

/** One form (or XML request) read from a file. */
export type FilePart = { fileName: string; data: SubmissionData };

type NamedInsured = NonNullable<SubmissionData['namedInsureds']>[number];

const INSUREDS = LIST_IDENTITIES.namedInsureds!;

/** Who a part is about: the applicant (named insured A) of a 125, the insured of a 126, a 140 or an XML request. */
function applicantOf(part: FilePart): NamedInsured | undefined {
  const first = part.data.namedInsureds?.[0];
  return first && hasIdentity(INSUREDS, first) ? first : undefined;
}

/** A 126 made out to the 125's second named insured is about the same account, not another one. */
function sameAccount(a: FilePart, b: FilePart): boolean {
  const names = (part: FilePart, insured: NamedInsured) => (part.data.namedInsureds ?? []).some((n) => hasIdentity(INSUREDS, n) && sameEntity(INSUREDS, n, insured));
  return names(a, applicantOf(b)!) || names(b, applicantOf(a)!);
}

function describe(group: readonly FilePart[], merged: boolean): DifferentInsured {
  const insureds = group.map((p) => applicantOf(p)!);
  const name = insureds.map((n) => n.fullName).find(Boolean);
  const last4 = insureds.map((n) => n.taxIdentifier?.value).find((v) => v != null)?.toString().replace(/\D/g, '').slice(-4);
  return {
    name: name ? String(name.value ?? name.raw) : `tax id ending ${last4}`,
    ...(last4 ? { taxIdLast4: last4 } : {}),
    documents: [...new Set(group.map((p) => p.fileName))],
    merged,
  };
}

const listed = (insured: DifferentInsured) =>
  `"${insured.name}"${insured.taxIdLast4 ? ` (tax id ending ${insured.taxIdLast4})` : ''} in ${insured.documents.join(', ')}`;

/**
 * Splits a submission's parts by the insured they name (tax id where both give one, else the name
 * without case, punctuation or entity suffix). When the files name several insureds, only the main
 * insured's parts (the insured most files name; on a tie, the first named) are to be merged: an
 * underwriter quoting Acme must not find Beta's buildings, limits or losses among Acme's, nor Acme's
 * name with Beta's as a conflict. The other insureds' files are reported, not read into the
 * submission; parts that name no insured are merged, as nothing says they belong elsewhere.
 */
export function splitByInsured(parts: readonly FilePart[]): { toMerge: SubmissionData[]; differentInsureds: DifferentInsured[]; warning?: string } {
  const groups: FilePart[][] = [];
  for (const part of parts) {
    if (!applicantOf(part)) continue;
    const group = groups.find((g) => g.some((member) => sameAccount(member, part)));
    if (group) group.push(part);
    else groups.push([part]);
  }
  if (groups.length < 2) return { toMerge: parts.map((p) => p.data), differentInsureds: [] };

  const files = (g: readonly FilePart[]) => new Set(g.map((p) => p.fileName)).size;
  const main = groups.reduce((best, g) => (files(g) > files(best) ? g : best));
  const differentInsureds = groups.map((g) => describe(g, g === main));
  const kept = differentInsureds[groups.indexOf(main)]!;
  return {
    toMerge: parts.filter((p) => !groups.some((g) => g !== main && g.includes(p))).map((p) => p.data),
    differentInsureds,
    warning:
      `the files name different insureds: ${[kept, ...differentInsureds.filter((d) => d !== kept)].map(listed).join('; ')}. ` +
      `Only the files of "${kept.name}" are merged; the others look like another submission: send them as one of their own`,
  };
}
