import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Sha256 } from '../../schemas/intake.js';

export type StoredBytes = { sha256: string; path: string; size: number };

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Makes a directory entry (a new file's name, a rename) survive a power cut: fsync the folder holding it. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Bytes kept under their sha256 (`<root>/<first two hex>/<sha256>`), so the same bytes are stored once
 * and a name can never be a path. A file appears whole or not at all: written to a temporary name in its
 * own folder, fsynced, renamed, and the folder fsynced, so after `put` returns the bytes survive a crash,
 * and a reader never sees half a file.
 */
export class ContentStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    const sha = Sha256.parse(sha256);
    return path.join(this.root, sha.slice(0, 2), sha);
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => null))?.isFile() ?? false;
  }

  /** Stores the bytes (once: when a file of that sha256 and size is there, it is kept as it is). */
  async put(bytes: Uint8Array): Promise<StoredBytes> {
    const sha256 = sha256Of(bytes);
    const target = this.pathOf(sha256);
    const stored = { sha256, path: target, size: bytes.byteLength };
    const present = await stat(target).catch(() => null);
    if (present?.isFile() && present.size === bytes.byteLength) return stored;

    const dir = path.dirname(target);
    if (!(await stat(dir).catch(() => null))) {
      await mkdir(dir, { recursive: true });
      await fsyncDir(this.root);
    }
    // Unique per call, so two puts of the same bytes at once never write into one temporary file.
    const temp = path.join(dir, `.${sha256}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    await fsyncDir(dir);
    return stored;
  }

  /** The bytes stored under `sha256`, checked against it: a file changed on disk is an error, never data. */
  async read(sha256: string): Promise<Uint8Array> {
    const file = this.pathOf(sha256);
    const bytes = await readFile(file);
    const actual = sha256Of(bytes);
    if (actual !== sha256) throw new Error(`${file}: the stored bytes hash to ${actual}, not to their name; the store is damaged, restore the file from a backup`);
    return bytes;
  }
}
