import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const GOOD_XML = path.join(ROOT, 'samples/contractor-co/submission.xml');

/** Runs the installed CLI entry as a user would; `take` bytes of stdout are read, then the pipe is closed. */
function runClosingStdout(args: string[], take: number): Promise<{ code: number | null; stderr: string; got: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'bin/acord-prep.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let got = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= take) proc.stdout.destroy();
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    proc.on('close', (code) => resolve({ code, stderr, got }));
  });
}

describe('acord-prep as a process', () => {
  it('standard output closed early (`| head`): exits 0 with its report, no stack trace', async () => {
    const { code, stderr, got } = await runClosingStdout(['extract', GOOD_XML], 16);
    expect(got.startsWith('{')).toBe(true);
    expect(code).toBe(0);
    expect(stderr).toContain('submission.xml: ACORD 125 (2016/03) + ACORD 126 (2016/09)');
    expect(stderr).not.toMatch(/\n\s+at |EPIPE/);
  });
});
