import { z } from 'zod';

/**
 * What a URL may name. Ids are checked against these before anything is looked up, and a file is only
 * ever one of the packet's fixed names inside the folder the database holds for that id: nothing a
 * request says becomes part of a path on disk.
 */
export const SubmissionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, { error: 'is not a submission id' });
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, { error: 'is not a document id' });
export const PacketFileName = z.enum(['packet.pdf', 'submission.json', 'submission.xml']);
export type PacketFileName = z.infer<typeof PacketFileName>;

export const SubmissionParams = z.object({ id: SubmissionId });
export const CropParams = z.object({ id: SubmissionId, flagId: z.string().min(1).max(500) });
export const PageParams = z.object({ id: SubmissionId, sha: Sha256, page: z.coerce.number().int().min(1).max(10_000) });
export const FileParams = z.object({ id: SubmissionId, name: PacketFileName });
