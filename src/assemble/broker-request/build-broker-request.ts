import MailComposer from 'nodemailer/lib/mail-composer';
import type { CheckReport } from '../../../schemas/check-report.js';
import type { Submission } from '../../../schemas/submission.js';
import { submissionId } from '../packet-files/submission-id.js';
import { brokerRequestContent } from './broker-request-content.js';
import { isOneAddress, producerRecipient } from './producer-recipient.js';
import { renderRequestHtml } from './render-request-html.js';
import { renderRequestText } from './render-request-text.js';

/** Set when the forms give no producer e-mail address: the message has no `To` and says so in its first line. */
export const MISSING_RECIPIENT_HEADER = 'X-Acord-Prep-Missing-Recipient';

export type BrokerRequestInput = {
  submission: Submission;
  report: CheckReport;
  /** The underwriter or assistant sending it. */
  from: { name: string; address: string };
  /** When the submission came in (named in the message). */
  received: Date;
  /** The message's date; with the submission it also fixes the Message-ID and MIME boundaries, so the same input gives the same bytes. */
  now: Date;
};

/**
 * `broker-request.eml`: a ready-to-send RFC 5322 message to the producer asking for what blocks the
 * quote and the bind, as HTML with a plain-text copy; null when nothing is missing. It is a draft
 * (`X-Unsent: 1`: mail programs open it ready to send), never sent from here. With no producer e-mail
 * address on the forms it has no `To` (RFC 5322 allows none; a name without an address is not a
 * recipient), carries `X-Acord-Prep-Missing-Recipient: true` and its first line says to add one.
 */
export async function buildBrokerRequest(input: BrokerRequestInput): Promise<Uint8Array | null> {
  const { submission, report, from, received, now } = input;
  if (!isOneAddress(from.address)) throw new TypeError(`buildBrokerRequest: from.address "${from.address}" is not an e-mail address`);
  const recipient = producerRecipient(submission);
  const content = brokerRequestContent({ submission, report, recipient, from, received });
  if (!content) return null;

  const id = submissionId(submission);
  const stamp = `${id.slice(0, 16)}.${now.getTime()}`;
  const composer = new MailComposer({
    from: { name: from.name, address: from.address },
    ...(recipient.address && { to: { name: [recipient.person, recipient.agency].filter(Boolean).join(', '), address: recipient.address } }),
    subject: content.subject,
    date: now,
    messageId: `<broker-request.${stamp}@${from.address.split('@')[1]}>`,
    baseBoundary: stamp,
    newline: 'win',
    headers: {
      'X-Unsent': '1',
      'X-Acord-Prep-Submission': id,
      ...(!recipient.address && { [MISSING_RECIPIENT_HEADER]: 'true' }),
    },
    text: renderRequestText(content),
    html: renderRequestHtml(content),
    // The message is built from our own strings: nothing in it may make the composer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return new Uint8Array(await composer.compile().build());
}
