import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A second worker process: `npm run worker`'s code path (workers/main.ts without --service). */
export type WorkerProcess = { readonly pid: number; stop(): Promise<number | null> };

/**
 * Starts `node --import tsx workers/main.ts --prefix <prefix>` with `env` (the same home, Redis and database as
 * the first process) and resolves once it says it started. tsx is loaded as an import rather than through its
 * CLI so that the pid is the worker's own, not a launcher's whose child does the work.
 */
export async function startWorkerProcess(root: string, env: Record<string, string>, prefix: string): Promise<WorkerProcess> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, path.join(root, 'workers/main.ts'), '--prefix', prefix], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const said: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      said.push(chunk.toString());
      if (said.join('').includes('workers: started')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => said.push(chunk.toString()));
    void exited.then((code) => reject(new Error(`the second worker process exited (${code}) before it started:\n${said.join('')}`)));
  });
  return {
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
