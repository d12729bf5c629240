import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writePacketFiles, type PacketFile } from '../assemble/packet-files/write-packet-files.js';

/**
 * Writes `files` as the folder `<parent>/<name>`, which appears whole: the files go into a hidden
 * temporary folder beside it, renamed to `name` once all are written. A folder already there (a job run
 * again) is replaced, so a second run leaves one folder with the same files.
 */
export async function publishFolder(parent: string, name: string, files: readonly PacketFile[]): Promise<string> {
  const target = path.join(parent, name);
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temp = path.join(parent, `.${name}.${tag}.tmp`);
  const old = path.join(parent, `.${name}.${tag}.old`);
  await mkdir(parent, { recursive: true });
  try {
    await writePacketFiles(temp, files);
    // A folder cannot be renamed over a folder that has files: the old one steps aside first.
    await rename(target, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(temp, target);
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
  return target;
}
