/**
 * The parse option for the submission's big schemas (zod's documented ParseContext `jitless`). Unasked,
 * zod compiles each object schema to JavaScript at its first parse, which never pays back here: ~20 ms of
 * each process's first parse of a 125's data (a cold CLI parses it in the reader thread and again when
 * merging), and a warm parse of it measured 0.35 ms interpreted against 0.83 ms compiled.
 */
export const JITLESS = { jitless: true } as const;
