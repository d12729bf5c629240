import PostalMime, { type Address, type Attachment } from 'postal-mime';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits, type IntakeNote } from '../../schemas/intake.js';
import { formatBytes } from '../config/limits.js';
import { IntakeRefusedError } from './intake-refused-error.js';
import { isJunkFileName } from './junk-names.js';
import { isZipName, unpackZip } from './unpack-zip.js';
import { UnpackedFiles, type Unpacked } from './unpacked-files.js';

/**
 * An image the HTML body shows by its Content-ID and smaller than this is a logo or a signature icon,
 * not a document. A larger one may be a scan pasted into the message, so it is kept.
 */
const INLINE_IMAGE_BYTES = 64 * 1024;

export const isEmlName = (fileName: string) => /\.eml$/i.test(fileName);

/** A name for an attachment sent without one: the extension its type calls for (a .csv is told by its name alone). */
const EXTENSION_OF: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/tiff': '.tif',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'message/rfc822': '.eml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'text/csv': '.csv',
};

const mailbox = (address: Address | undefined): string | undefined => {
  if (!address) return undefined;
  if (address.group) return address.name || address.group.map((m) => m.address).join(', ');
  return address.name ? `${address.name} <${address.address}>` : address.address;
};

const contentOf = (attachment: Attachment) => (typeof attachment.content === 'string' ? Buffer.from(attachment.content, 'utf8') : new Uint8Array(attachment.content));

/**
 * The documents of an e-mail (a `.eml` file), parsed with postal-mime: its attachments are the
 * documents; the sender, subject and text body are kept as the broker's note. A zip attached is
 * unpacked (with the zip limits), and an e-mail attached (a forward as attachment) is opened one level
 * deep. Skipped, with the reason: small images the body shows inline (logos, signatures), system files,
 * empty parts. More attachments than `emlAttachments` (all levels together) are refused before any is kept.
 */
export async function unpackEml(bytes: Uint8Array, fileName: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): Promise<Unpacked> {
  const files = new UnpackedFiles();
  const note = await collect(bytes, fileName, limits, files, 0);
  if (files.documents.length === 0) throw new IntakeRefusedError(fileName, 'no-documents', 'the e-mail has no attachments to read; ask the broker to attach the ACORD forms');
  return files.result(Object.keys(note).length > 0 ? note : undefined);
}

async function collect(bytes: Uint8Array, fileName: string, limits: IntakeLimits, files: UnpackedFiles, depth: number): Promise<IntakeNote> {
  const email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', forceRfc822Attachments: true }).catch((err: Error) => {
    throw new IntakeRefusedError(fileName, 'unreadable', `not an e-mail that can be read (${err.message}); ask the broker to send it again`);
  });
  const counted = files.documents.length + files.skipped.length + email.attachments.length;
  if (counted > limits.emlAttachments)
    throw new IntakeRefusedError(fileName, 'eml-too-many-attachments', `has ${counted} attachments, more than the ${limits.emlAttachments} allowed; ask the broker to send the submission's documents only`);

  for (const [i, attachment] of email.attachments.entries()) {
    const content = contentOf(attachment);
    const name = attachment.filename || `attachment-${i + 1}${EXTENSION_OF[attachment.mimeType] ?? ''}`;
    if (isJunkFileName(name)) files.skip(name, 'not a document (system or temporary file)');
    else if (content.byteLength === 0) files.skip(name, 'empty (0 bytes)');
    else if (attachment.related && attachment.mimeType.startsWith('image/') && content.byteLength < INLINE_IMAGE_BYTES)
      files.skip(name, 'an image shown in the message body (a logo or signature), not a document');
    else if (content.byteLength > limits.fileBytes) throw new IntakeRefusedError(fileName, 'too-large', `attachment "${name}" is ${formatBytes(content.byteLength)}, more than the ${formatBytes(limits.fileBytes)} allowed for one document`);
    else if (isZipName(name)) files.addAll(await unpackZip(content, name, limits), name);
    else if (attachment.mimeType === 'message/rfc822' || isEmlName(name)) {
      if (depth === 0) await collect(content, name, limits, files, depth + 1);
      else files.skip(name, 'an e-mail attached inside an attached e-mail: not opened; ask the broker to forward its attachments');
    } else files.add(name, content);
  }
  return {
    ...(mailbox(email.from) ? { from: mailbox(email.from) } : {}),
    ...(email.subject ? { subject: email.subject } : {}),
    ...(email.text?.trim() ? { body: email.text.trim() } : {}),
  };
}
