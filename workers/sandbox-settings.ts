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
 * the broker request, and how far clearance looks back.
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
    clearance: z.object({ windowDays: z.number().int().positive(), renewalLookbackDays: z.number().int().positive() }).strict(),
  })
  .strict();
export type AssembleSandboxSettings = z.infer<typeof AssembleSandboxSettings>;

/** A processor's settings, parsed from SANDBOX_ENV; `processor` names it in the error when it was run on its own. */
export function readSandboxSettings<T>(schema: z.ZodType<T>, processor: string, env: NodeJS.ProcessEnv = process.env): T {
  const text = env[SANDBOX_ENV];
  if (!text) throw new Error(`${SANDBOX_ENV} is not set: the ${processor} processor runs in a child process started by startWorkers, not on its own`);
  return schema.parse(JSON.parse(text));
}

/**
 * How a worker process's WORKER_CONCURRENCY is shared between its sandboxed children: it is the number of
 * child processes (and so of jobs at once) in all, not per queue. Each child keeps a core busy while it has a
 * job (a reader through its reading thread), so on N cores N children in all use the machine without queueing
 * behind each other; 2 cores ran 4 children per worker process before (8 with `npm run worker` beside it),
 * each also holding its memory. Reading takes two thirds: a fillable submission's documents cost about as much
 * CPU as its packet (55 ms a document, 3–7 documents, against ~250 ms), a scanned one's far more. Each queue
 * needs at least one child to move at all, so 1 still gives one of each.
 */
export function sandboxShares(workerConcurrency: number): { read: number; assemble: number } {
  const assemble = Math.max(1, Math.floor(workerConcurrency / 3));
  return { read: Math.max(1, workerConcurrency - assemble), assemble };
}
