import type { ExtractionOutcome, FileOutcome } from '../../schemas/extraction-outcome.js';
import type { UnplacedValue } from '../../schemas/submission.js';

/** Unplaced values named per file on stderr; the rest are in the output. Names only: a raw value may be a tax id. */
const NAMED = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function formsOf(file: FileOutcome): string {
  const read = file.forms.map((f) => `ACORD ${f.form} (${f.edition})`);
  const notRead = (file.formsNotRead ?? []).map((f) => `ACORD ${f.form}${f.edition ? ` (${f.edition})` : ''} not read`);
  return [...read, ...notRead].join(' + ') || 'no form';
}

function pagesOf(file: FileOutcome): string {
  if (file.pagesNotRead.length) return ` · ${plural(file.pagesNotRead.length, 'page')} not read`;
  return file.forms.some((f) => f.pages.length) ? ' · every page read' : '';
}

function fileLine(file: FileOutcome, unplaced: readonly UnplacedValue[]): string[] {
  if (file.status === 'failed') return [`  ${file.fileName}: not read [${file.error?.code}]${file.error?.retryable ? ', worth another try later' : ''}`];
  if (file.status === 'duplicate') return [`  ${file.fileName}: the same bytes as ${file.duplicateOf}, read once`];
  const lines = [`  ${file.fileName}: ${formsOf(file)} · ${plural(file.valuesRead, 'value')} read · ${file.valuesUnplaced} unplaced${pagesOf(file)}`];
  for (const p of file.pagesNotRead) lines.push(`    page ${p.page} not read (${p.reason}): ${p.detail}`);
  for (const f of file.fieldsNotRead) lines.push(`    ${f.field} (page ${f.page}) not read (${f.reason}): ${f.detail}`);
  if (file.valuesUnplaced) {
    lines.push(`    ${plural(file.valuesUnplaced, 'filled value')} found but not placed in the model, listed under "unplaced" in the output:`);
    const own = unplaced.filter((u) => u.document === file.document);
    for (const u of own.slice(0, NAMED)) lines.push(`      ${u.field}${u.page ? ` (page ${u.page})` : ''}: ${u.reason}`);
    if (own.length > NAMED) lines.push(`      … and ${own.length - NAMED} more`);
  }
  return lines;
}

/** The per-file summary the CLI prints on stderr: what was found, read, left unplaced, and why. */
export function formatOutcome(outcome: ExtractionOutcome, unplaced: readonly UnplacedValue[] = []): string {
  const head =
    outcome.status === 'complete' ? 'Every value found was placed.'
    : outcome.status === 'failed' ? 'No file could be read.'
    : 'Read, but not completely: what was not read is listed below.';
  return [`${head}`, ...outcome.files.flatMap((f) => fileLine(f, unplaced)), ...outcome.warnings.map((w) => `  ${w}`)].join('\n');
}
