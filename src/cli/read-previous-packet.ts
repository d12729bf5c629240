import { readFile, stat } from 'node:fs/promises';
import { PacketJson } from '../../schemas/packet-json.js';
import type { Submission } from '../../schemas/submission.js';
import { packetFolderName } from '../assemble/packet-files/packet-folder-name.js';

/** An earlier submission as the renewal diff takes it. */
export type PreviousSubmission = { id: string; receivedAt: string; submission: Submission };

/**
 * `--previous FILE`: an earlier packet's submission.json, parsed as PacketJson, read before any input
 * (a wrong path is found in a second, not after the reading). The earlier packet is named by its folder
 * name (what the underwriter has on disk) and dated by when its JSON was written: the CLI writes a packet
 * as it receives the files. Else the problem to print as a usage error.
 */
export async function readPreviousPacket(file: string): Promise<{ previous: PreviousSubmission } | { problem: string }> {
  let json: unknown;
  let written: Date;
  try {
    [json, written] = await Promise.all([readFile(file, 'utf8').then((t) => JSON.parse(t) as unknown), stat(file).then((s) => s.mtime)]);
  } catch (err) {
    return { problem: `--previous ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}; name an earlier packet's submission.json` };
  }
  const parsed = PacketJson.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { problem: `--previous ${file}: not a packet's submission.json (${first.path.join('.') || 'top level'}: ${first.message}); name the submission.json acord-prep packet wrote` };
  }
  const submission = parsed.data.submission;
  return { previous: { id: packetFolderName(submission), receivedAt: written.toISOString(), submission } };
}
