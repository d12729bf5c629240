import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { childModule } from '../src/runtime/child-module.js';

/** A second worker process: `npm run worker`'s code path (workers/main.ts without --service). */
export type WorkerProcess = { readonly pid: number; stop(): Promise<number | null> };

/**
 * Starts `workers/main --prefix <prefix>` as `npm run worker` does (compiled when the build is fresh, else
 * the TypeScript with tsx loaded as an import, not through its CLI, so that the pid is the worker's own)
 * with `env` (the same home, Redis and database as the first process); resolves once it says it started.
 */
export async function startWorkerProcess(root: string, env: Record<string, string>, prefix: string): Promise<WorkerProcess> {
  const main = childModule(pathToFileURL(path.join(root, 'workers/main.ts')));
  const tsx = main.typescript ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const child: ChildProcess = spawn(process.execPath, [...tsx, main.file, '--prefix', prefix], {
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
