import type { ExtractionOutcome, FileOutcome } from '../../schemas/extraction-outcome.js';
import type { Submission } from '../../schemas/submission.js';

/** Unplaced values named per file on stderr; the rest are in the output. Names only: a raw value may be a tax id. */
const NAMED = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the submission took from a file that holds no form: a schedule's rows, a loss run's claims. */
function attachmentOf(file: FileOutcome, submission: AttachmentsRead): string | null {
  const sheets = (submission.schedulesOfValues ?? []).filter((s) => s.file === file.fileName);
  if (sheets.length) return `schedule of values · ${sheets.map((s) => `sheet "${s.sheet}": ${plural(s.buildings.length, 'building')}, TIV $${s.totalTiv.toLocaleString('en-US')}`).join('; ')}`;
  const run = submission.lossRuns?.find((r) => r.file === file.fileName);
  if (run) return `loss run of ${run.carrier ?? 'an unnamed carrier'} · ${plural(run.periods.length, 'policy period')}, ${plural(run.claims.length, 'claim')} · valued as of ${run.valuationDate ?? 'no date given'}`;
  return null;
}

function formsOf(file: FileOutcome, submission: AttachmentsRead): string {
  const read = file.forms.map((f) => `ACORD ${f.form} (${f.edition})`);
  const notRead = (file.formsNotRead ?? []).map((f) => `ACORD ${f.form}${f.edition ? ` (${f.edition})` : ''} not read`);
  return [...read, ...notRead].join(' + ') || attachmentOf(file, submission) || 'no form';
}

function pagesOf(file: FileOutcome): string {
  if (file.pagesNotRead.length) return ` · ${plural(file.pagesNotRead.length, 'page')} not read`;
  return file.forms.some((f) => f.pages.length) ? ' · every page read' : '';
}

function fileLine(file: FileOutcome, submission: AttachmentsRead): string[] {
  if (file.status === 'failed') return [`  ${file.fileName}: not read [${file.error?.code}]${file.error?.retryable ? ', worth another try later' : ''}`];
  if (file.status === 'duplicate') return [`  ${file.fileName}: the same bytes as ${file.duplicateOf}, read once`];
  const attachment = !file.forms.length && attachmentOf(file, submission);
  // A schedule or a loss run gives rows and claims, not form values: "0 values read" would read as a failure.
  const counts = attachment ? '' : ` · ${plural(file.valuesRead, 'value')} read · ${file.valuesUnplaced} unplaced`;
  const lines = [`  ${file.fileName}: ${formsOf(file, submission)}${counts}${pagesOf(file)}`];
  for (const p of file.pagesNotRead) lines.push(`    page ${p.page} not read (${p.reason}): ${p.detail}`);
  for (const f of file.fieldsNotRead) lines.push(`    ${f.field} (page ${f.page}) not read (${f.reason}): ${f.detail}`);
  if (file.valuesUnplaced) {
    lines.push(`    ${plural(file.valuesUnplaced, 'filled value')} found but not placed in the model, listed under "unplaced" in the output:`);
    const own = (submission.unplaced ?? []).filter((u) => u.document === file.document);
    for (const u of own.slice(0, NAMED)) lines.push(`      ${u.field}${u.page ? ` (page ${u.page})` : ''}: ${u.reason}`);
    if (own.length > NAMED) lines.push(`      … and ${own.length - NAMED} more`);
  }
  return lines;
}

/** What of the submission the summary names beside the outcome. */
type AttachmentsRead = Partial<Pick<Submission, 'unplaced' | 'schedulesOfValues' | 'lossRuns'>>;

/**
 * The per-file summary the CLI prints on stderr: what was found, read, left unplaced, and why; a schedule of
 * values or a loss run by what was read from it.
 */
export function formatOutcome(outcome: ExtractionOutcome, submission: AttachmentsRead = {}): string {
  const head =
    outcome.status === 'complete' ? 'Every value found was placed.'
    : outcome.status === 'failed' ? 'No file could be read.'
    : 'Read, but not completely: what was not read is listed below.';
  return [`${head}`, ...outcome.files.flatMap((f) => fileLine(f, submission)), ...outcome.warnings.map((w) => `  ${w}`)].join('\n');
}
