import { cp, lstat, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { IntakeRefusal } from '../../schemas/intake.js';
import { writeWholeFile } from '../runtime/write-whole-file.js';

const exists = async (p: string) => (await lstat(p).catch(() => null)) !== null;

/** A name in `dir` not yet taken, nor its reason file: `name`, then `name (2)`, `name (3)` … */
async function freeName(dir: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    if (!(await exists(path.join(dir, candidate))) && !(await exists(path.join(dir, `${candidate}.reason.txt`)))) return candidate;
  }
}

/** Moves a file or folder, also to another disk (rename fails there with EXDEV: copy, then remove). */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Moves a refused inbox entry into `quarantineDir` (never overwriting an earlier one) and writes
 * `<name>.reason.txt` beside it saying why and what to do. Returns the path it was moved to.
 */
export async function quarantineEntry(entryPath: string, quarantineDir: string, refusal: IntakeRefusal): Promise<string> {
  await mkdir(quarantineDir, { recursive: true });
  const name = await freeName(quarantineDir, path.basename(entryPath));
  const target = path.join(quarantineDir, name);
  await move(entryPath, target);
  const reason = [
    `${refusal.source.name} was not taken from the inbox.`,
    `Reason: ${refusal.code}`,
    refusal.message,
    `Received: ${refusal.source.receivedAt}`,
    `Quarantined: ${new Date().toISOString()}`,
    '',
  ].join('\n');
  await writeWholeFile(`${target}.reason.txt`, reason);
  return target;
}
