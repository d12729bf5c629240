import type { ExtractionOutcome, FileOutcome } from '../../schemas/extraction-outcome.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function formsOf(file: FileOutcome): string {
  if (file.forms.length === 0) return 'no form';
  return file.forms.map((f) => `ACORD ${f.form} (${f.edition})`).join(' + ');
}

function fileLine(file: FileOutcome): string[] {
  if (file.status === 'failed') return [`  ${file.fileName}: not read [${file.error?.code}]`];
  if (file.status === 'duplicate') return [`  ${file.fileName}: the same bytes as ${file.duplicateOf}, read once`];
  const lines = [
    `  ${file.fileName}: ${formsOf(file)} · ${plural(file.valuesRead, 'value')} read · ${file.valuesUnplaced} unplaced · ` +
      (file.pagesNotRead.length ? `${plural(file.pagesNotRead.length, 'page')} not read` : 'every page read'),
  ];
  for (const p of file.pagesNotRead) lines.push(`    page ${p.page} not read (${p.reason}): ${p.detail}`);
  if (file.valuesUnplaced) lines.push(`    ${plural(file.valuesUnplaced, 'filled value')} found but not placed in the model: listed under "unplaced" in the output`);
  return lines;
}

/** The per-file summary the CLI prints on stderr: what was found, read, left unplaced, and why. */
export function formatOutcome(outcome: ExtractionOutcome): string {
  const head =
    outcome.status === 'complete' ? 'Every value found was placed.'
    : outcome.status === 'failed' ? 'No file could be read.'
    : 'Read, but not completely: what was not read is listed below.';
  return [`${head}`, ...outcome.files.flatMap(fileLine), ...outcome.warnings.map((w) => `  ${w}`)].join('\n');
}
