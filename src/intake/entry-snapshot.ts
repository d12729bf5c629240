import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isJunkFileName, isJunkFolderName } from './junk-names.js';

export type FileState = { relative: string; size: number; mtimeMs: number };
/**
 * The state of an inbox entry at one moment: a file, or a folder with every file in it (junk and
 * symbolic links left out, paths relative to the folder with `/`, sorted). Two equal snapshots some
 * seconds apart mean nothing is being written.
 */
export type EntrySnapshot = { kind: 'file' | 'folder'; files: FileState[] };

async function walk(root: string, relative: string, out: FileState[], cap: number): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (out.length >= cap) return;
    const rel = relative ? `${relative}/${e.name}` : e.name;
    if (e.isDirectory() && !isJunkFolderName(e.name)) await walk(root, rel, out, cap);
    else if (e.isFile() && !isJunkFileName(e.name)) {
      const info = await lstat(path.join(root, rel));
      out.push({ relative: rel, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
}

/**
 * The entry's snapshot; null when it is gone or is neither a file nor a folder (a symbolic link is
 * not followed: it could point anywhere). A folder's walk stops after `maxFiles` files, enough to tell
 * it holds too many.
 */
export async function snapshotEntry(entryPath: string, maxFiles: number): Promise<EntrySnapshot | null> {
  try {
    const info = await lstat(entryPath);
    if (info.isFile()) return { kind: 'file', files: [{ relative: path.basename(entryPath), size: info.size, mtimeMs: info.mtimeMs }] };
    if (!info.isDirectory()) return null;
    const files: FileState[] = [];
    await walk(entryPath, '', files, maxFiles);
    return { kind: 'folder', files };
  } catch (err) {
    // Vanished while looked at (taken away, renamed): nothing to track.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export const sameSnapshot = (a: EntrySnapshot | null, b: EntrySnapshot | null): boolean =>
  a !== null &&
  b !== null &&
  a.kind === b.kind &&
  a.files.length === b.files.length &&
  a.files.every((f, i) => f.relative === b.files[i]!.relative && f.size === b.files[i]!.size && f.mtimeMs === b.files[i]!.mtimeMs);
