import { randomUUID } from 'node:crypto';
import { IntakeSubmission } from '../../schemas/intake.js';
import { ContentStore, sha256Of } from '../../src/store/content-store.js';

/** What the inbox would hand over for these files dropped together: stored, keyed by their hashes, one new id. */
export async function intakeOf(store: ContentStore, files: { fileName: string; bytes: Uint8Array }[]): Promise<IntakeSubmission> {
  const stored = await Promise.all(files.map(async (f) => ({ sha256: (await store.put(f.bytes)).sha256, fileName: f.fileName, size: f.bytes.byteLength })));
  return IntakeSubmission.parse({
    id: randomUUID(),
    key: sha256Of(new TextEncoder().encode(stored.map((s) => s.sha256).sort().join('\n'))),
    source: { kind: 'files', name: files.map((f) => f.fileName).join(', '), receivedAt: new Date().toISOString() },
    originals: stored,
    documents: stored,
    skipped: [],
  });
}
