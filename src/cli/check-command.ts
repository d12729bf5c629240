import { parseArgs } from 'node:util';
import { CheckReport } from '../../schemas/check-report.js';
import { checkWithAppetite } from '../validate/check/check-with-appetite.js';
import { CHECK_OPTIONS, readCheckOptions } from './check-options.js';
import { formatCheckReport } from './format-check-report.js';
import { readSubmission, type CliOptions } from './read-submission.js';

const USAGE = `Usage: acord-prep check <file-or-folder...> [--json] [--today YYYY-MM-DD] [--appetite rules.json]

Reads the files as \`extract\` does (its per-file summary goes to stderr), then checks the submission
against the checklist of its lines (general liability, property, package), the value and cross-form
rules, and the values read with doubt. Prints a verdict ("Ready to quote" / "Cannot quote yet: N items")
and what is missing or wrong, grouped by form; --json prints the check report (schemas/check-report.ts).
--today sets the day effective dates are judged against (default: today). --appetite names a carrier's
appetite rule file (default: $ACORD_PREP_APPETITE; example: samples/example-carrier-appetite.json): its
verdict (in, refer, out, need-info) is printed and every rule that fired is flagged.

Exit codes: 0 nothing blocks quoting (items needed to bind may remain) · 1 unexpected failure (a bug:
please report it) · 2 usage error · 4 no file could be read · 5 something blocks quoting`;

/** `check`'s own exit codes: 5 means "blocks quoting" here, not "cannot write output" as for `extract`. */
export const CHECK_EXIT = { readyToQuote: 0, usage: 2, nothingRead: 4, blocksQuote: 5 } as const;

/** Runs `acord-prep check` on its arguments (after the word `check`) and returns the exit code. */
export async function runCheck(argv: string[], options: CliOptions): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, ...CHECK_OPTIONS, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return CHECK_EXIT.usage;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return CHECK_EXIT.readyToQuote;
  }
  const checkOptions = await readCheckOptions(parsed.values);
  if ('problem' in checkOptions) {
    console.error(`${checkOptions.problem}\n\n${USAGE}`);
    return CHECK_EXIT.usage;
  }
  if (!parsed.positionals.length) {
    console.error(USAGE);
    return CHECK_EXIT.usage;
  }
  const read = await readSubmission(parsed.positionals, options, USAGE);
  if (!read) return CHECK_EXIT.usage;
  if (!read.submission.documents.length) {
    console.error('No file could be read: nothing to check.');
    return CHECK_EXIT.nothingRead;
  }
  const report = CheckReport.parse(checkWithAppetite(read.submission, read.outcome, checkOptions));
  process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCheckReport(report)}\n`);
  return report.readyToQuote ? CHECK_EXIT.readyToQuote : CHECK_EXIT.blocksQuote;
}
