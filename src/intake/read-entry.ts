import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IntakeLimits, IntakeNote, IntakeSource } from '../../schemas/intake.js';
import { formatBytes } from '../config/limits.js';
import type { EntrySnapshot } from './entry-snapshot.js';
import { IntakeRefusedError } from './intake-refused-error.js';
import { isEmlName, unpackEml } from './unpack-eml.js';
import { isZipName, unpackZip } from './unpack-zip.js';
import { UnpackedFiles, type Unpacked, type UnpackedFile } from './unpacked-files.js';

/** An inbox entry read into memory: its own files as dropped, and the documents they hold. */
export type ReadEntry = { kind: IntakeSource['kind']; originals: UnpackedFile[]; unpacked: Unpacked };

export const entryKind = (name: string, snapshot: EntrySnapshot): IntakeSource['kind'] =>
  snapshot.kind === 'folder' ? 'folder' : isZipName(name) ? 'zip' : isEmlName(name) ? 'eml' : 'file';

/**
 * Reads the files of an inbox entry (`name` in `dir`) as its snapshot lists them, and unpacks them: a
 * zip or an e-mail (alone, or inside a dropped folder) into its documents, any other file as a document
 * itself. Refused (IntakeRefusedError): a folder with more than `folderFiles` files, a file over
 * `fileBytes` (told by its size, before it is read), an empty loose file, and whatever the unpackers refuse.
 */
export async function readEntry(dir: string, name: string, snapshot: EntrySnapshot, limits: IntakeLimits): Promise<ReadEntry> {
  const kind = entryKind(name, snapshot);
  if (snapshot.files.length > limits.folderFiles)
    throw new IntakeRefusedError(name, 'too-many-entries', `holds more than the ${limits.folderFiles} files allowed in one dropped folder; drop the submission's documents only`);
  const files = new UnpackedFiles();
  const originals: UnpackedFile[] = [];
  let note: IntakeNote | undefined;
  for (const file of snapshot.files) {
    const shown = kind === 'folder' ? `${name}/${file.relative}` : name;
    if (file.size > limits.fileBytes) throw new IntakeRefusedError(shown, 'too-large', `is ${formatBytes(file.size)}, more than the ${formatBytes(limits.fileBytes)} allowed for one file`);
    const fileName = path.posix.basename(file.relative);
    if (file.size === 0) {
      if (kind !== 'folder') throw new IntakeRefusedError(shown, 'empty', 'is empty (0 bytes); ask the broker to send it again');
      files.skip(file.relative, 'empty (0 bytes)');
      continue;
    }
    const bytes = await readFile(kind === 'folder' ? path.join(dir, name, file.relative) : path.join(dir, name));
    originals.push({ fileName: kind === 'folder' ? file.relative : name, bytes });
    if (isZipName(fileName) || isEmlName(fileName)) {
      const inner = isZipName(fileName) ? await unpackZip(bytes, shown, limits) : await unpackEml(bytes, shown, limits);
      files.addAll(inner, file.relative);
      note ??= inner.note;
    } else files.add(fileName, bytes);
  }
  if (files.documents.length === 0) throw new IntakeRefusedError(name, 'no-documents', 'holds no documents (only empty or system files)');
  return { kind, originals, unpacked: files.result(note) };
}
