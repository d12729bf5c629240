import { vi } from 'vitest';
import { runCli } from '../../src/cli/acord-prep-cli.js';

/** Runs the CLI in this process and keeps what it printed: stdout whole, stderr a line per message. */
export async function runCliCaptured(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
  vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  try {
    return { code: await runCli(args), stdout: out.join(''), stderr: err.join('\n') };
  } finally {
    vi.restoreAllMocks();
  }
}
