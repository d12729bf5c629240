import { z } from 'zod';

const MiB = 1024 * 1024;
const count = () => z.number().int().positive();
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 as 64 lowercase hex digits');

/**
 * What one inbox entry may cost before it is refused (quarantined with a reason). The zip bounds follow
 * the usual zip-bomb defences: count entries from the central directory, refuse an entry whose header
 * promises more than `zipRatio` times its compressed size, and count the bytes actually inflated
 * against `zipTotalBytes` (a lying header is stopped by yauzl's size check).
 */
export const IntakeLimitsSchema = z
  .object({
    /** Bytes of one inbox file (loose file, .zip, .eml) and of one document unpacked from it. */
    fileBytes: count().default(100 * MiB),
    /** Entries of one zip, folders and junk included: a submission is a few forms and schedules. */
    zipEntries: count().default(200),
    /** Bytes inflated from one zip, all entries together. */
    zipTotalBytes: count().default(200 * MiB),
    /** Uncompressed / compressed size of one zip entry: PDFs and scans compress 1–10×, zeros 1000×. */
    zipRatio: count().default(100),
    /** Attachments of one e-mail: a broker sends a handful. */
    emlAttachments: count().default(100),
    /** Files of one dropped folder, junk excluded. */
    folderFiles: count().default(200),
  })
  .strict();
export type IntakeLimits = Readonly<z.output<typeof IntakeLimitsSchema>>;
export const DEFAULT_INTAKE_LIMITS: IntakeLimits = Object.freeze(IntakeLimitsSchema.parse({}));

/**
 * What a submission came in as: `file` — one loose file; `files` — loose files dropped together that
 * name the same insured; `folder` — a folder dropped whole; `zip`; `eml` — an e-mail whose attachments
 * are the documents. `name` is the inbox entry's name (the loose files' names joined by ", ");
 * `receivedAt` is when the watcher first saw it (its start-up time for entries already there).
 */
export const IntakeSource = z
  .object({
    kind: z.enum(['file', 'files', 'folder', 'zip', 'eml']),
    name: z.string().min(1),
    receivedAt: z.iso.datetime(),
  })
  .strict();
export type IntakeSource = z.infer<typeof IntakeSource>;

/** Bytes held in the content store under their sha256, with the name they came with. */
export const StoredFile = z.object({ sha256: Sha256, fileName: z.string().min(1), size: z.number().int().min(0) }).strict();
export type StoredFile = z.infer<typeof StoredFile>;

/** What an e-mail said besides its attachments: the broker's note. */
export const IntakeNote = z.object({ from: z.string().optional(), subject: z.string().optional(), body: z.string().optional() }).strict();
export type IntakeNote = z.infer<typeof IntakeNote>;

/** Something inside the entry that is not a document, and why it was left out. */
export const IntakeSkipped = z.object({ name: z.string(), reason: z.string() }).strict();
export type IntakeSkipped = z.infer<typeof IntakeSkipped>;

export const IntakeSubmission = z
  .object({
    id: z.uuid(),
    /**
     * The sha256 of what was dropped: the file, zip or e-mail itself; for a folder or loose files, of
     * their originals' sha256s sorted and joined by newlines. The same bytes dropped again give the same key.
     */
    key: Sha256,
    source: IntakeSource,
    /** The inbox's own files, as dropped (a zip, an e-mail, each file of a folder), in the store. */
    originals: z.array(StoredFile).min(1),
    /** The files to read, in the store: unpacked from a zip or e-mail, or the originals themselves. */
    documents: z.array(StoredFile).min(1),
    note: IntakeNote.optional(),
    skipped: z.array(IntakeSkipped),
  })
  .strict();
export type IntakeSubmission = z.infer<typeof IntakeSubmission>;

/**
 * Why an entry was refused: `zip-bomb` — an entry's ratio or the total inflated size is over the limit ·
 * `zip-path-escape` — an entry named with `..` or an absolute path · `too-many-entries` — a zip or folder
 * with more entries than allowed · `zip-nested` — a zip inside a zip · `zip-encrypted` · `eml-too-many-attachments` ·
 * `too-large` — a file over `fileBytes` · `empty` — a file of 0 bytes · `no-documents` — nothing to read
 * in it · `unreadable` — a corrupt zip or e-mail, or a file that cannot be opened.
 */
export const IntakeRefusalCode = z.enum([
  'zip-bomb',
  'zip-path-escape',
  'too-many-entries',
  'zip-nested',
  'zip-encrypted',
  'eml-too-many-attachments',
  'too-large',
  'empty',
  'no-documents',
  'unreadable',
]);
export type IntakeRefusalCode = z.infer<typeof IntakeRefusalCode>;

export const IntakeRefusal = z.object({ source: IntakeSource, code: IntakeRefusalCode, message: z.string().min(1) }).strict();
export type IntakeRefusal = z.infer<typeof IntakeRefusal>;

/** The same bytes as an earlier submission: not processed again; the entry leaves the inbox (its bytes are in the store). */
export const IntakeDuplicate = z.object({ source: IntakeSource, key: Sha256, duplicateOf: z.string().min(1) }).strict();
export type IntakeDuplicate = z.infer<typeof IntakeDuplicate>;
