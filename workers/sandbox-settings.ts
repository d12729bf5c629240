import { z } from 'zod';
import { AppetiteRules } from '../schemas/appetite-rules.js';

/** The environment variable a sandboxed child process gets its settings in (as JSON). */
export const SANDBOX_ENV = 'ACORD_PREP_SANDBOX';

/** What a sandboxed reader needs: where the bytes are, where results go, and its reading thread's heap (SANDBOX_MEMORY_MB). */
export const SandboxSettings = z.object({ storeDir: z.string().min(1), dataDir: z.string().min(1), readerHeapMb: z.number().int().positive() }).strict();
export type SandboxSettings = z.infer<typeof SandboxSettings>;

/**
 * What a sandboxed assembler needs: the service's database (PostgreSQL's URL, else SQLite in `dataDir`), the
 * stored originals and read results, where packets and quarantined files go, the appetite and the sender of
 * the broker request.
 */
export const AssembleSandboxSettings = z
  .object({
    storeDir: z.string().min(1),
    dataDir: z.string().min(1),
    databaseUrl: z.string().min(1).nullable(),
    outboxDir: z.string().min(1),
    quarantineDir: z.string().min(1),
    appetiteRules: AppetiteRules.nullable(),
    from: z.object({ name: z.string(), address: z.string().min(3) }).strict(),
  })
  .strict();
export type AssembleSandboxSettings = z.infer<typeof AssembleSandboxSettings>;

/** A processor's settings, parsed from SANDBOX_ENV; `processor` names it in the error when it was run on its own. */
export function readSandboxSettings<T>(schema: z.ZodType<T>, processor: string, env: NodeJS.ProcessEnv = process.env): T {
  const text = env[SANDBOX_ENV];
  if (!text) throw new Error(`${SANDBOX_ENV} is not set: the ${processor} processor runs in a child process started by startWorkers, not on its own`);
  return schema.parse(JSON.parse(text));
}
