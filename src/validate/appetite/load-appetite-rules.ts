import { readFile } from 'node:fs/promises';
import { AppetiteRules } from '../../../schemas/appetite-rules.js';
import { AcordPrepError } from '../../errors.js';
import { formatPath } from '../../model/model-path.js';

export type AppetiteRulesProblem = 'not-found' | 'unreadable' | 'not-json' | 'invalid';

/** A carrier rule file that cannot be used: the message names the file and, when invalid, each bad key. */
export class AppetiteRulesError extends AcordPrepError {
  constructor(file: string, readonly problem: AppetiteRulesProblem, detail: string) {
    super(file, `appetite-rules-${problem}`, detail);
  }
}

/** Reads and checks one carrier's appetite rule file (JSON, schemas/appetite-rules.ts). */
export async function loadAppetiteRules(file: string): Promise<AppetiteRules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppetiteRulesError(file, 'not-found', 'no such rule file; check the path');
    throw new AppetiteRulesError(file, 'unreadable', `cannot be read (${code ?? (err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppetiteRulesError(file, 'not-json', `not valid JSON: ${(err as Error).message}`);
  }
  const parsed = AppetiteRules.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path as (string | number)[]) || '(the file)'}: ${i.message}`);
    throw new AppetiteRulesError(file, 'invalid', `not a valid appetite rule file: ${problems.join('; ')}`);
  }
  return parsed.data;
}
