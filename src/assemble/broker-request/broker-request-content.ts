import path from 'node:path';
import type { CheckReport } from '../../../schemas/check-report.js';
import type { FlagCode } from '../../../schemas/flag.js';
import type { Submission } from '../../../schemas/submission.js';
import { leafText } from '../../model/leaf-text.js';
import { submissionId } from '../packet-files/submission-id.js';
import { maskTaxId, maskTaxIds } from '../../model/mask-tax-id.js';
import type { ProducerRecipient } from './producer-recipient.js';
import { requestItems, type RequestItem } from './request-items.js';

export type RequestLine = {
  /** "Missing", "Not legible", "Please correct". */
  kind: string;
  title: string;
  /** Form, page, the box's printed label and the file: where the broker finds it. */
  where?: string;
  detail?: string;
};

/** What the broker request says, before it is written as text and as HTML (the two say the same). */
export type BrokerRequestContent = {
  subject: string;
  /** The first line when no producer e-mail address is known: the sender adds the recipient. */
  missingRecipient?: string;
  greeting: string;
  paragraphs: string[];
  sections: { heading: string; lines: RequestLine[] }[];
  signature: string[];
  reference: string;
};

const KIND: Partial<Record<FlagCode, string>> = { missing: 'Missing', unreadable: 'Not legible', invalid: 'Please correct' };
/** What a reviewer asks about a value we read but cannot take as it stands (a doubtful reading, two forms disagreeing). */
const CONFIRM = 'Please confirm';

/** MM/DD/YYYY, as the ACORD forms write dates. */
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const count = (n: number) => (n === 1 ? 'the item' : `the ${n} items`);

function where({ flag }: RequestItem): string | undefined {
  const s = flag.source;
  if (!s) return undefined;
  if (s.form && s.document === null) return `ACORD ${s.form}: not among the forms we received`;
  const place = [s.form && `ACORD ${s.form}`, s.page && `page ${s.page}`, s.label && `box “${s.label}”`].filter(Boolean).join(', ');
  if (!s.fileName) return place || undefined;
  // The broker knows the file by its name, not by the folder it sat in here.
  const file = path.basename(s.fileName);
  return place ? `${place} (${file})` : file;
}

function line(item: RequestItem): RequestLine {
  const { flag, checklistLabel } = item;
  const kind = KIND[flag.code] ?? CONFIRM;
  // "Missing: Heating update year (building 2)." says no more than its label and the row: one line, not two.
  const saysLabel = checklistLabel !== undefined && flag.message.startsWith(`${kind}: ${checklistLabel}`);
  const title = saysLabel ? flag.message.slice(`${kind}: `.length).replace(/\.$/, '') : (checklistLabel ?? flag.message);
  const details = [checklistLabel && !saysLabel && flag.message];
  if ((flag.code === 'invalid' || kind === CONFIRM) && flag.value) details.push(`We read “${flag.value}”.`);
  if (flag.code === 'unreadable') details.push('A clearer copy, or the value in your reply, will do.');
  const note = flag.resolution?.note;
  if (item.askedByReviewer) details.push(`Asked by our reviewer${note ? `: ${note.replace(/\.?$/, '.')}` : '.'}`);
  const detail = details.filter(Boolean).join(' ');
  return { kind, title, where: where(item), ...(detail && { detail }) };
}

/** The tax ids as the forms wrote them, read or in a conflict: masked wherever they turn up. */
function knownTaxIds(submission: Submission): string[] {
  const leaves = [
    ...(submission.namedInsureds ?? []).map((n) => n.taxIdentifier),
    ...submission.conflicts.filter((c) => c.path.endsWith('taxIdentifier')).flatMap((c) => [c.kept, c.other]),
  ];
  return leaves.flatMap((leaf) => (leaf ? [leaf.raw, leafText(leaf) ?? ''] : [])).filter(Boolean);
}

/** Every string of the content through `f`. */
function mapText(content: BrokerRequestContent, f: (s: string) => string): BrokerRequestContent {
  return {
    subject: f(content.subject),
    ...(content.missingRecipient && { missingRecipient: f(content.missingRecipient) }),
    greeting: f(content.greeting),
    paragraphs: content.paragraphs.map(f),
    sections: content.sections.map((s) => ({
      heading: f(s.heading),
      lines: s.lines.map((l) => ({ kind: f(l.kind), title: f(l.title), ...(l.where && { where: f(l.where) }), ...(l.detail && { detail: f(l.detail) }) })),
    })),
    signature: content.signature.map(f),
    reference: f(content.reference),
  };
}

/**
 * What to ask the producer for: the open blocking items only the broker can supply (missing, not
 * legible, wrong), needed to quote and needed to bind; null when there is nothing to ask. Every tax
 * id in it is masked to its last four digits.
 */
export function brokerRequestContent(input: {
  submission: Submission;
  report: CheckReport;
  recipient: ProducerRecipient;
  from: { name: string; address: string };
  received: Date;
}): BrokerRequestContent | null {
  const { submission, report, recipient, from, received } = input;
  const { quote, bind } = requestItems(report);
  if (!quote.length && !bind.length) return null;

  const insured = leafText(submission.namedInsureds?.[0]?.fullName);
  const effective = leafText(submission.policy?.effectiveDate);
  const taxId = leafText(submission.namedInsureds?.[0]?.taxIdentifier);
  const receivedOn = usDate(received.toISOString());
  const about = insured
    ? `the submission for ${insured}${taxId ? ` (tax ID ${maskTaxId(taxId)})` : ''}${effective ? `, effective ${usDate(effective)},` : ''} which we received on ${receivedOn}`
    : `the submission we received on ${receivedOn}`;
  const ask = quote.length
    ? `Before we can quote it, we need ${count(quote.length)} under “Needed to quote”` +
      (bind.length ? `; ${count(bind.length)} under “Needed to bind” can follow, as long as we have ${bind.length === 1 ? 'it' : 'them'} before we bind.` : '.')
    : `We can go ahead with the quote; before we can bind, we need ${count(bind.length)} below.`;
  const content: BrokerRequestContent = {
    subject: `Information needed: ${insured ?? 'insured not named on the forms'}, ${effective ? `effective ${usDate(effective)}` : 'effective date not given'}`,
    ...(!recipient.address && {
      missingRecipient: 'NO RECIPIENT: the forms give no e-mail address for the producer; add the broker\'s address in "To" before sending.',
    }),
    greeting: recipient.person ? `Dear ${recipient.person},` : recipient.agency ? `Dear ${recipient.agency} team,` : 'Hello,',
    paragraphs: [
      `Thank you for ${about}.`,
      ask,
      'Each item names the form, the page and the box it belongs in. Corrected forms, or the answers in your reply, are both fine.',
    ],
    sections: [
      { heading: 'Needed to quote', lines: quote.map(line) },
      { heading: 'Needed to bind', lines: bind.map(line) },
    ].filter((s) => s.lines.length),
    signature: ['Thank you,', from.name, from.address],
    reference: `Reference: ${submissionId(submission).slice(0, 8)} (prepared with acord-prep from the forms received)`,
  };
  const known = knownTaxIds(submission);
  return mapText(content, (s) => maskTaxIds(s, known));
}
