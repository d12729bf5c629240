import path from 'node:path';
import yauzl from 'yauzl';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from '../../schemas/intake.js';
import { formatBytes } from '../config/limits.js';
import { IntakeRefusedError } from './intake-refused-error.js';
import { isJunkPath } from './junk-names.js';
import { UnpackedFiles, type Unpacked } from './unpacked-files.js';

/**
 * Entries this small are never refused by their ratio: a short text file of spaces compresses 1000:1 and
 * harms no one; the total-bytes limit still counts them.
 */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export const isZipName = (fileName: string) => /\.zip$/i.test(fileName);

/** Inflates one entry, counting bytes as they come: yauzl stops an entry that inflates past its header's size. */
async function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The documents in a zip, read from memory with yauzl, refusing what should not be unpacked before
 * inflating it: more entries than `zipEntries` (counted from the central directory), an entry named
 * with `..` or an absolute path, a zip inside the zip, an encrypted entry, an entry whose header
 * promises more than `zipRatio` times its compressed size or more than `fileBytes`, and a total over
 * `zipTotalBytes`. Names are flattened to their file name; junk (`__MACOSX/`, `.DS_Store` …) and
 * empty entries are skipped.
 */
export async function unpackZip(bytes: Uint8Array, fileName: string, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS): Promise<Unpacked> {
  const refuse = (code: ConstructorParameters<typeof IntakeRefusedError>[1], detail: string) => new IntakeRefusedError(fileName, code, detail);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // decodeStrings off: we decode and check names ourselves, so a `..` name is told apart from a corrupt zip.
  const zip = await yauzl
    .fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true })
    .catch((err: Error) => {
      throw refuse('unreadable', `not a zip that can be opened (${err.message}); ask the broker to send it again`);
    });
  if (zip.entryCount > limits.zipEntries)
    throw refuse('too-many-entries', `holds ${zip.entryCount} entries, more than the ${limits.zipEntries} allowed; ask the broker to send the submission's documents only`);

  const files = new UnpackedFiles();
  let inflated = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const invalid = yauzl.validateFileName(name);
      if (invalid) throw refuse('zip-path-escape', `entry "${name}" points outside the archive (${invalid}); such a zip is made to overwrite files, not to send documents`);
      if (name.endsWith('/')) continue;
      if (isJunkPath(name)) {
        files.skip(name, 'not a document (system or temporary file)');
        continue;
      }
      if (isZipName(name)) throw refuse('zip-nested', `entry "${name}" is a zip inside the zip; ask the broker to send the inner zip's files`);
      if (entry.isEncrypted()) throw refuse('zip-encrypted', `entry "${name}" is password-protected; ask the broker for an unprotected copy`);
      if (!entry.canDecodeFileData()) throw refuse('unreadable', `entry "${name}" uses compression method ${entry.compressionMethod}, which cannot be unpacked; ask the broker to zip it again with standard (deflate) compression`);
      if (entry.uncompressedSize === 0) {
        files.skip(name, 'empty (0 bytes)');
        continue;
      }
      if (entry.uncompressedSize > limits.fileBytes)
        throw refuse('too-large', `entry "${name}" would be ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.fileBytes)} allowed for one document`);
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.zipRatio)
        throw refuse('zip-bomb', `entry "${name}" would inflate ${formatBytes(entry.compressedSize)} into ${formatBytes(entry.uncompressedSize)} (${Math.round(ratio)}:1, over the ${limits.zipRatio}:1 allowed); it was not unpacked`);
      if (inflated + entry.uncompressedSize > limits.zipTotalBytes)
        throw refuse('zip-bomb', `its entries would inflate to more than the ${formatBytes(limits.zipTotalBytes)} allowed for one zip (stopped at "${name}"); ask the broker to send fewer or smaller files`);
      const data = await inflateEntry(zip, entry);
      inflated += data.byteLength;
      files.add(path.posix.basename(name), data);
    }
  } catch (err) {
    if (err instanceof IntakeRefusedError) throw err;
    throw refuse('unreadable', `the zip is damaged (${(err as Error).message}); ask the broker to send it again`);
  } finally {
    zip.close();
  }
  if (files.documents.length === 0) throw refuse('no-documents', 'holds no documents (only folders, empty or system files)');
  return files.result();
}
