import type { AppetiteRules } from '../../schemas/appetite-rules.js';
import { AppetiteRulesError, loadAppetiteRules } from '../validate/appetite/load-appetite-rules.js';
import type { ServiceConfig } from './service-config.js';

export type ServiceAppetite = { rules: AppetiteRules | null; file: string | null };

/** An appetite rule file the service cannot start with; the message names the setting that chose it. */
export class ServiceAppetiteError extends Error {
  readonly code = 'service-appetite';
  constructor(setting: string, problem: AppetiteRulesError) {
    // No `cause`: its message is all in this one, and a logger would print it twice.
    super(`${setting}: ${problem.message}; fix the file or the setting and start again`);
    this.name = 'ServiceAppetiteError';
  }
}

/**
 * The appetite rules the service checks submissions against, loaded once at start: `--appetite` when given
 * (relative to the working directory), else ACORD_PREP_APPETITE (relative to the home), else none.
 */
export async function loadServiceAppetite(config: Pick<ServiceConfig, 'appetiteFile'>, override?: string): Promise<ServiceAppetite> {
  const file = override ?? config.appetiteFile;
  if (file === null) return { rules: null, file: null };
  try {
    return { rules: await loadAppetiteRules(file), file };
  } catch (err) {
    if (err instanceof AppetiteRulesError) throw new ServiceAppetiteError(override === undefined ? 'ACORD_PREP_APPETITE' : '--appetite', err);
    throw err;
  }
}
