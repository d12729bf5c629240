import { readFileSync } from 'node:fs';
import path from 'node:path';

const SAMPLE = path.resolve('samples/contractor-co/submission.xml');
const INSURED = 'Timberline Remodeling LLC';

/**
 * The contractor-co ACORD XML with its insured renamed `Timberline Remodeling <n> LLC`: copies that are
 * different bytes (no duplicates) and name different insureds (loose files dropped together stay
 * separate submissions), and that read in milliseconds.
 */
export function xmlSubmission(n: number): Buffer {
  const text = readFileSync(SAMPLE, 'utf8');
  if (!text.includes(INSURED)) throw new Error(`${SAMPLE} no longer names the insured ${INSURED}: update tests/support/xml-submissions.ts`);
  return Buffer.from(text.replaceAll(INSURED, `Timberline Remodeling ${n} LLC`), 'utf8');
}
