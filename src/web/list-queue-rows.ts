import type { QueueRow } from '../../schemas/db-records.js';
import type { Db } from '../db/db.js';

/** The queue's rows, newest first: each submission's summary with its open flags by severity, appetite and lines. */
export async function listQueueRows(db: Db, options: { limit: number }): Promise<QueueRow[]> {
  const summaries = await db.listSubmissions({ limit: options.limit });
  const records = await Promise.all(summaries.map((s) => db.getSubmission(s.id)));
  return summaries.map((summary, i) => {
    const report = records[i]?.report ?? null;
    const open = (report?.flags ?? []).filter((f) => !f.resolution);
    const count = (severity: string) => open.filter((f) => f.severity === severity).length;
    return {
      ...summary,
      openFlags: { blocking: count('blocking'), warning: count('warning'), info: count('info') },
      appetite: report?.appetite?.decision ?? null,
      lines: report?.lines ?? [],
    };
  });
}
