import type { LossRun, LossRunClaim, LossRunPeriod } from '../../../schemas/loss-run.js';
import { normalizeValue } from '../normalize/normalize-value.js';
import type { TextCell, TextLine } from './text-lines.js';

type Column = 'claimNumber' | 'lossDate' | 'status' | 'paid' | 'reserve' | 'incurred' | 'description';

/** Header words of each column, as carriers print them. Several "paid" or "reserve" columns (indemnity, expense) add up. */
const HEADERS: [Column, RegExp][] = [
  ['claimNumber', /^claim\s*(?:number|no\.?|#|id)?$|^claim\s*(?:number|no\.?|#)/i],
  ['lossDate', /date\s*of\s*loss|loss\s*date|\bdol\b|accident\s*date|occurrence\s*date|date\s*of\s*occurrence/i],
  // "O/C" as OCR often reads its slash: "OIC", "O|C", "O1C".
  ['status', /^status$|open\s*\/\s*closed|^o\s*[/|il1]\s*c$|claim\s*status/i],
  ['incurred', /incurred/i],
  ['paid', /paid/i],
  ['reserve', /reserve|outstanding/i],
  ['description', /description|cause|type\s*of\s*loss|loss\s*type|claim\s*type|coverage/i],
];
/** A table's header names at least this many columns. */
const MIN_HEADER_COLUMNS = 3;

const DATE = String.raw`(\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})`;
const PERIOD = new RegExp(`${DATE}\\s*(?:-|–|to|thru|through)\\s*${DATE}`, 'i');
const POLICY = /policy\s*(?:number|no\.?|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})/i;
const VALUED = new RegExp(`(?:valued|valuation\\s*date|evaluated|evaluation\\s*date|as\\s*of|run\\s*date)[^0-9A-Za-z]{0,6}(?:as\\s*of)?[^0-9A-Za-z]{0,4}${DATE}`, 'i');
const CARRIER = /insurance|mutual|assurance|casualty|indemnity|underwriters|specialty|company|group/i;
const TOTAL = /^(?:policy\s*)?totals?\b|^grand\s*total/i;

const isoDate = (raw: string | undefined) => {
  const value = raw ? normalizeValue('date', raw).value : null;
  return typeof value === 'string' ? value : null;
};
const dollars = (raw: string | undefined) => {
  const value = raw ? normalizeValue('money', raw.replace(/^\((.*)\)$/, '-$1')).value : null;
  return typeof value === 'string' ? Number(value) : null;
};
const statusOf = (raw: string | undefined): LossRunClaim['status'] => {
  const s = raw?.trim().toLowerCase() ?? '';
  return /^re-?open/.test(s) ? 'reopened' : /^(o|open)$/.test(s) || s.startsWith('open') ? 'open' : /^(c|closed)$/.test(s) || s.startsWith('clos') ? 'closed' : null;
};

type Span = { column: Column; from: number; to: number };

/** A header cell holds words only: "Paid: $4,200.00" is a labelled value, not a column's name. */
const isHeaderText = (text: string) => !/\d|:\s*\S/.test(text);

function headerSpans(line: TextLine): Span[] | null {
  const named = line.cells.map((c) => ({ cell: c, column: isHeaderText(c.text) ? (HEADERS.find(([, re]) => re.test(c.text))?.[0] ?? null) : null }));
  if (new Set(named.map((n) => n.column).filter(Boolean)).size < MIN_HEADER_COLUMNS) return null;
  // Each header owns the page from halfway to its left neighbour to halfway to its right one.
  return named.flatMap(({ cell, column }, i) => {
    if (!column) return [];
    const prev = line.cells[i - 1];
    const next = line.cells[i + 1];
    return [{ column, from: prev ? (prev.right + cell.x) / 2 : -Infinity, to: next ? (cell.right + next.x) / 2 : Infinity }];
  });
}

function columnOf(cell: TextCell, spans: readonly Span[]): Column | null {
  let best: { column: Column; overlap: number } | null = null;
  for (const s of spans) {
    const overlap = Math.min(cell.right, s.to) - Math.max(cell.x, s.from);
    if (overlap > 0 && (!best || overlap > best.overlap)) best = { column: s.column, overlap };
  }
  return best?.column ?? null;
}

const sum = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? xs.reduce<number>((t, x) => t + (x ?? 0), 0) : null);

/** A claim from its columns' texts; several texts of one column (paid indemnity, paid expense) add up. */
function claimOf(texts: Map<Column, string[]>, context: { policyNumber: string | null; period: LossRunClaim['policyPeriod'] }, source: LossRunClaim['source']): LossRunClaim {
  const one = (c: Column) => texts.get(c)?.join(' ');
  const paid = sum((texts.get('paid') ?? []).map(dollars));
  const reserve = sum((texts.get('reserve') ?? []).map(dollars));
  const printed = dollars(one('incurred'));
  return {
    policyNumber: context.policyNumber,
    policyPeriod: context.period,
    claimNumber: one('claimNumber') ?? null,
    lossDate: isoDate(one('lossDate')),
    status: statusOf(one('status')),
    paid,
    reserve,
    incurred: printed ?? sum([paid, reserve]),
    description: one('description') ?? null,
    source,
  };
}

/** "Claim #: X  Date of Loss: Y  Status: Z" blocks: each label and the text after it up to the next label. */
const LABELS: [Column, RegExp][] = HEADERS.map(([c, re]) => [c, new RegExp(`(${re.source.replace(/\^|\$/g, '')})\\s*:`, 'i')]);
function labelledPairs(line: TextLine): [Column, string][] {
  const hits = LABELS.flatMap(([column, re]) => {
    const m = re.exec(line.text);
    return m ? [{ column, at: m.index, end: m.index + m[0].length }] : [];
  }).sort((a, b) => a.at - b.at);
  return hits.map((h, i) => [h.column, line.text.slice(h.end, hits[i + 1]?.at ?? line.text.length).trim()] as [Column, string]).filter(([, v]) => v !== '');
}

/**
 * Claims from a loss run's text lines, whichever of the two layouts carriers use: a table under a header row
 * (its columns found by their header words, each cell given to the column it sits under; a line with only
 * a description continues the claim above), or labelled blocks ("Claim #: …  Date of Loss: …"). Policy
 * numbers and periods above the claims apply to the claims below them; the valuation date is read once.
 */
export function parseLossRun(lines: readonly TextLine[], file: string): LossRun {
  const claims: LossRunClaim[] = [];
  const periods: LossRunPeriod[] = [];
  let valuationDate: string | null = null;
  let context: { policyNumber: string | null; period: LossRunClaim['policyPeriod'] } = { policyNumber: null, period: null };
  let spans: Span[] | null = null;
  let block: { texts: Map<Column, string[]>; source: LossRunClaim['source'] } | null = null;
  const flush = () => {
    if (block && (block.texts.has('claimNumber') || block.texts.has('lossDate'))) claims.push(claimOf(block.texts, context, block.source));
    block = null;
  };
  const carrier = lines.find((l) => l.page === 1 && CARRIER.test(l.text) && !/insured|loss\s*run/i.test(l.text))?.cells[0]?.text ?? null;

  for (const line of lines) {
    const valued = VALUED.exec(line.text);
    if (valued && !valuationDate) valuationDate = isoDate(valued[1]);
    const period = PERIOD.exec(line.text);
    const policy = POLICY.exec(line.text);
    if (period && (policy || /policy|term|period|effective/i.test(line.text))) {
      flush();
      const from = isoDate(period[1]);
      const to = isoDate(period[2]);
      context = { policyNumber: policy?.[1] ?? null, period: from && to ? { from, to } : null };
      if (from && to && !periods.some((p) => p.from === from && p.to === to && p.policyNumber === context.policyNumber)) periods.push({ policyNumber: context.policyNumber, from, to });
      continue;
    }
    const header = headerSpans(line);
    if (header) {
      flush();
      spans = header;
      continue;
    }
    if (TOTAL.test(line.cells[0]?.text ?? '')) {
      flush();
      continue;
    }
    const pairs = labelledPairs(line);
    if (pairs.length) {
      if (pairs.some(([c]) => c === 'claimNumber')) flush();
      block ??= { texts: new Map(), source: { file, page: line.page, y: line.y } };
      for (const [c, v] of pairs) block.texts.set(c, [...(block.texts.get(c) ?? []), v]);
      continue;
    }
    if (!spans) continue;
    const texts = new Map<Column, string[]>();
    for (const cell of line.cells) {
      const column = columnOf(cell, spans);
      if (column) texts.set(column, [...(texts.get(column) ?? []), cell.text]);
    }
    if (texts.size === 1 && texts.has('description') && claims.length && !block) {
      const last = claims.at(-1)!;
      last.description = [last.description, texts.get('description')!.join(' ')].filter(Boolean).join(' ');
      continue;
    }
    if (texts.has('claimNumber') || texts.has('lossDate')) {
      flush();
      claims.push(claimOf(texts, context, { file, page: line.page, y: line.y }));
    }
  }
  flush();
  return { file, carrier, valuationDate, periods, claims };
}
