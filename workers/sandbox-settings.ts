import { z } from 'zod';

/** The environment variable the read-document child process gets its settings in (as JSON). */
export const SANDBOX_ENV = 'ACORD_PREP_SANDBOX';

/** What a sandboxed reader needs: where the bytes are, where results go, and its reading thread's heap (SANDBOX_MEMORY_MB). */
export const SandboxSettings = z.object({ storeDir: z.string().min(1), dataDir: z.string().min(1), readerHeapMb: z.number().int().positive() }).strict();
export type SandboxSettings = z.infer<typeof SandboxSettings>;

export function readSandboxSettings(env: NodeJS.ProcessEnv = process.env): SandboxSettings {
  const text = env[SANDBOX_ENV];
  if (!text) throw new Error(`${SANDBOX_ENV} is not set: the read-document processor runs in a child process started by startWorkers, not on its own`);
  return SandboxSettings.parse(JSON.parse(text));
}
