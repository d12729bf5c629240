import type { Submission } from '../../../schemas/submission.js';
import { leafText } from '../../model/leaf-text.js';
import { submissionId } from './submission-id.js';

const MAX_NAME = 60;

/** Latin letters that Unicode does not decompose into a base letter and a mark. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', þ: 'th', ð: 'd' };

/** The insured's name as lowercase ASCII words joined by `-`, at most 60 characters, cut between words. */
function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæøœłđþð]/g, (c) => LETTERS[c]!)
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= MAX_NAME) return ascii;
  const cut = ascii.slice(0, MAX_NAME + 1);
  // A name longer than the limit keeps its whole words; one word longer than the limit is cut.
  const lastBreak = cut.lastIndexOf('-');
  return (lastBreak > 0 ? cut.slice(0, lastBreak) : cut.slice(0, MAX_NAME)).replace(/-+$/, '');
}

/**
 * The folder a submission's packet goes in: `<insured>-<effective date>-<short id>`, e.g.
 * `harbor-lights-seafood-grill-llc-2025-07-01-3f9a02c1`. Readable in a file list, safe on every file
 * system (ASCII letters, digits and `-`), and unique per set of files by the short id: the first 8 hex
 * digits of `id`, by default the submission's own id (the hash of its document ids). A name or date
 * not read gives `unknown-insured` / `no-date`.
 */
export function packetFolderName(submission: Submission, id: string = submissionId(submission)): string {
  if (!/^[0-9a-f]{8,}$/i.test(id)) throw new TypeError(`packetFolderName: id "${id}" is not at least 8 hex digits; pass a submission id (submissionId)`);
  const name = slug(leafText(submission.namedInsureds?.[0]?.fullName) ?? '') || 'unknown-insured';
  const date = leafText(submission.policy?.effectiveDate) ?? 'no-date';
  return `${name}-${date}-${id.slice(0, 8).toLowerCase()}`;
}
