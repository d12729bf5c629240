import { z } from 'zod';

/** The environment variable the read-document child process gets its settings in (as JSON). */
export const SANDBOX_ENV = 'ACORD_PREP_SANDBOX';

/** What a sandboxed reader needs: where the bytes are and where results go. */
export const SandboxSettings = z.object({ storeDir: z.string().min(1), dataDir: z.string().min(1) }).strict();
export type SandboxSettings = z.infer<typeof SandboxSettings>;

export function readSandboxSettings(env: NodeJS.ProcessEnv = process.env): SandboxSettings {
  const text = env[SANDBOX_ENV];
  if (!text) throw new Error(`${SANDBOX_ENV} is not set: the read-document processor runs in a child process started by startWorkers, not on its own`);
  return SandboxSettings.parse(JSON.parse(text));
}
