import { lstat, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a whole file or nothing: a regular file (or a new one) through a temporary file in the same
 * folder renamed over it, so a full disk or a crash never leaves half a JSON or half a PDF; anything
 * else (/dev/stdout, a pipe) directly.
 */
export async function writeWholeFile(target: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const info = await lstat(target).catch(() => null);
  if (info && !info.isFile()) return writeFile(target, data);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    // The mode is the temporary file's from its creation, so the data is never readable by more than it allows.
    await writeFile(temp, data, { mode: options.mode });
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Why a write failed, and what to do about it: the words after "cannot be written: ". */
export function whyNotWritten(err: unknown): string {
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full; free some space or choose another path',
    EDQUOT: 'the disk quota is used up; free some space or choose another path',
    EACCES: 'permission denied; choose a path you can write to',
    EPERM: 'permission denied; choose a path you can write to',
    EROFS: 'the disk is read-only; choose another path',
    EISDIR: 'is a folder; give a file name in it',
    ENOENT: 'its folder no longer exists; create it or choose another path',
    ENOTDIR: 'a part of the path is a file, not a folder; choose another path',
    EEXIST: 'a file of that name is in the way of the folder; move it or choose another path',
  };
  return why[(err as NodeJS.ErrnoException).code ?? ''] ?? `${(err as Error).message}; check the path and retry`;
}
