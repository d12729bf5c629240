import type { CheckReport } from '../../schemas/check-report.js';
import type { Flag } from '../../schemas/flag.js';

const LINE_NAMES = { 'general-liability': 'general liability (ACORD 125 + 126)', property: 'property (ACORD 125 + 140)', package: 'package (ACORD 125 + 126 + 140)' };

/** What a flag asks of a person, in the order they act on it. */
const KINDS = [
  { word: 'to quote', is: (f: Flag) => f.severity === 'blocking' && f.when === 'quote' },
  { word: 'to bind', is: (f: Flag) => f.severity === 'blocking' && f.when === 'bind' },
  { word: 'check', is: (f: Flag) => f.severity === 'warning' },
  { word: 'note', is: (f: Flag) => f.severity === 'info' },
];
const kindOf = (f: Flag) => KINDS.findIndex((k) => k.is(f));
const WIDTH = Math.max(...KINDS.map((k) => k.word.length));

const APPETITE_WORDS = { in: 'in appetite', refer: 'refer to an underwriter', out: 'out of appetite', 'need-info': 'more information needed to decide' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where on the form to look: "page 2, box “FEIN OR SOC SEC #”". */
function where(f: Flag): string {
  const s = f.source;
  if (!s) return '';
  const parts = [s.page ? `page ${s.page}` : '', s.label ? `box "${s.label.length > 40 ? `${s.label.slice(0, 39)}…` : s.label}"` : ''].filter(Boolean);
  return parts.join(', ');
}

/**
 * One line per distinct message: fifteen unanswered questions of a missing 125 read as one line naming
 * how many boxes, not fifteen lines alike.
 */
function collapse(flags: Flag[]): { kind: string; message: string; at: string }[] {
  const rows = new Map<string, Flag[]>();
  for (const f of flags) {
    const key = `${kindOf(f)}|${f.rule}|${f.message}`;
    rows.set(key, [...(rows.get(key) ?? []), f]);
  }
  return [...rows.values()].map((same) => {
    const kind = KINDS[kindOf(same[0]!)]!.word;
    if (same.length === 1) return { kind, message: same[0]!.message, at: where(same[0]!) };
    const pages = [...new Set(same.flatMap((f) => (f.source?.page ? [f.source.page] : [])))];
    return { kind, message: `${same[0]!.message} (${same.length} boxes)`, at: pages.length ? `page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}` : '' };
  });
}

function groupName(f: Flag): string {
  const s = f.source;
  if (!s?.form) return s?.fileName ? s.fileName : 'The submission';
  return `ACORD ${s.form} · ${s.document ? (s.fileName ?? 'in the submission') : 'not in the submission'}`;
}

/**
 * The check report for a person: a one-line verdict, the lines checked, then the flags grouped by the
 * form (and file) where each is to be fixed, the most urgent first, each with where to look.
 */
export function formatCheckReport(report: CheckReport): string {
  const count = (i: number) => report.flags.filter((f) => kindOf(f) === i).length;
  const [toQuote, toBind, toCheck] = [count(0), count(1), count(2)];
  const out: string[] = [report.readyToQuote ? 'Ready to quote.' : `Cannot quote yet: ${plural(toQuote, 'item')}.`];
  const met = report.checklist.filter((c) => c.status === 'met').length;
  const lines = report.lines.map((l) => LINE_NAMES[l]).join(', ') || 'none requested and no 126 or 140 found (the application only)';
  out.push(`Lines checked: ${lines}. Checklist: ${met} of ${report.checklist.length} items met.`);
  out.push(`Needed to quote: ${toQuote} · needed to bind: ${toBind} · to check: ${toCheck}.`);
  if (report.appetite) {
    const { carrier, version, decision, hits } = report.appetite;
    out.push(`Appetite of ${carrier} (rules ${version}): ${APPETITE_WORDS[decision]}${hits.length ? ` — ${plural(hits.length, 'rule')} fired, flagged below` : ''}.`);
  }

  const groups = new Map<string, Flag[]>();
  for (const f of [...report.flags].sort((a, b) => (a.source?.form ?? '9').localeCompare(b.source?.form ?? '9') || kindOf(a) - kindOf(b))) {
    const name = groupName(f);
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  for (const [name, flags] of groups) {
    out.push('', name);
    const rows = collapse(flags);
    const width = Math.min(90, Math.max(...rows.map((r) => r.message.length)));
    for (const r of rows) out.push(`  ${r.kind.padEnd(WIDTH)}  ${r.at ? `${r.message.padEnd(width)}  ${r.at}` : r.message}`);
  }
  if (report.formsNotRead.length) {
    out.push('', 'Forms found but not read (no reader for them yet; an underwriter reads them):');
    for (const f of report.formsNotRead) out.push(`  ACORD ${f.form}${f.edition ? ` (${f.edition})` : ''} in ${f.fileName}, page${f.pages.length === 1 ? '' : 's'} ${f.pages.join(', ')}`);
  }
  return out.join('\n');
}
