import { readdir, readFile } from 'node:fs/promises';
import { listProcesses, readProcess } from '../../bench/linux-processes.js';

/** The live children of `parent` (a zombie, dead and not yet reaped, is left out), from Linux's /proc. */
export async function childPids(parent: number = process.pid): Promise<number[]> {
  return (await listProcesses()).filter((p) => p.state !== 'Z' && p.ppid === parent).map((p) => p.pid);
}

/** Threads of `pid` by the name Linux shows for them (Node's own and its worker threads are all `node`). */
export async function threadNames(pid: number): Promise<Map<string, number>> {
  const names = new Map<string, number>();
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const name = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '')).trim();
    if (name) names.set(name, (names.get(name) ?? 0) + 1);
  }
  return names;
}

/** Whether `pid` is still a live process (not gone, not a zombie). */
export async function alive(pid: number): Promise<boolean> {
  const p = await readProcess(pid);
  return p !== null && p.state !== 'Z';
}
