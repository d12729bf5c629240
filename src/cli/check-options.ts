import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import { loadAppetiteRules } from '../validate/appetite/load-appetite-rules.js';
import { AcordPrepError } from '../errors.js';

/** Where the carrier's appetite rule file is named when `--appetite` is not given. */
export const APPETITE_ENV = 'ACORD_PREP_APPETITE';

/** The options `check` and `packet` share, as parseArgs declares them. */
export const CHECK_OPTIONS = {
  today: { type: 'string' },
  appetite: { type: 'string' },
} as const;

/** `today` from --today: a real calendar day, at UTC midnight. */
function parseDay(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const day = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? null : day;
}

/**
 * --today and the appetite rule file (--appetite, else $ACORD_PREP_APPETITE, else none), or the
 * problem to print as a usage error. The rule file is read before any input file: a typo in its path
 * is found in a second, not after minutes of OCR.
 */
export async function readCheckOptions(values: { today?: string; appetite?: string }, env: NodeJS.ProcessEnv = process.env): Promise<{ today: Date; appetiteRules: AppetiteRules | null } | { problem: string }> {
  const today = values.today === undefined ? new Date() : parseDay(values.today);
  if (!today) return { problem: `--today ${values.today}: not a day; write it as YYYY-MM-DD, e.g. 2025-06-15` };
  const file = values.appetite ?? env[APPETITE_ENV];
  if (!file) return { today, appetiteRules: null };
  try {
    return { today, appetiteRules: await loadAppetiteRules(file) };
  } catch (err) {
    if (err instanceof AcordPrepError) return { problem: `error [${err.code}]: ${err.message}` };
    throw err;
  }
}
