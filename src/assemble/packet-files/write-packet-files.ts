import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AcordPrepError } from '../../errors.js';
import { whyNotWritten, writeWholeFile } from '../../runtime/write-whole-file.js';

export type PacketFile = { name: string; bytes: Uint8Array | string };

/** A packet file that cannot be written: `file` is its path, the message says what to do. */
export class PacketWriteError extends AcordPrepError {
  constructor(file: string, code: 'packet-file-name' | 'cannot-write-packet', detail: string) {
    super(file, code, detail);
  }
}

/** A plain file name: no folder part, not hidden (the temporary files are), not `.`/`..`. */
const PLAIN_NAME = /^[^./\\\0][^/\\\0]*$/;

/**
 * Writes a packet's files into `dir` (created if need be), each whole or not at all (a temporary
 * file renamed over it), so a reader of the folder never sees half a file; a file already there is
 * replaced. Names are checked before anything is written, so a bad name writes nothing.
 */
export async function writePacketFiles(dir: string, files: readonly PacketFile[]): Promise<void> {
  const seen = new Set<string>();
  for (const { name } of files) {
    const target = path.join(dir, name);
    if (!PLAIN_NAME.test(name)) throw new PacketWriteError(target, 'packet-file-name', `"${name}" is not a plain file name (no folders, not hidden); name the file without / \\ or a leading dot`);
    if (seen.has(name)) throw new PacketWriteError(target, 'packet-file-name', `"${name}" is given twice; each packet file needs its own name`);
    seen.add(name);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new PacketWriteError(dir, 'cannot-write-packet', `the packet folder cannot be made: ${whyNotWritten(err)}`);
  }
  for (const { name, bytes } of files) {
    const target = path.join(dir, name);
    try {
      await writeWholeFile(target, bytes);
    } catch (err) {
      throw new PacketWriteError(target, 'cannot-write-packet', `cannot be written: ${whyNotWritten(err)}`);
    }
  }
}
