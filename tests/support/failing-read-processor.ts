import type { SandboxedJob } from 'bullmq';
import readDocument from '../../workers/read-document-processor.js';

/**
 * The read-document processor of tests/reader-crash.test.ts (given to startWorkers as `readProcessorFile`):
 * the real one, except that a file named `crash-…` kills its process (what a segfault in native code
 * does, every time), and a file named `stuck-…` spins its process's main thread for good (native code
 * that no deadline or terminate reaches).
 */
export default async function failingReadDocument(job: SandboxedJob): ReturnType<typeof readDocument> {
  const fileName = (job.data as { fileName: string }).fileName;
  if (fileName.startsWith('crash-')) process.kill(process.pid, 'SIGKILL');
  if (fileName.startsWith('stuck-')) for (;;);
  return readDocument(job);
}
