import { readdir, readFile } from 'node:fs/promises';

/** A process as Linux's /proc/<pid>/stat shows it: its state letter (`Z` for a zombie) and its parent. */
export type LinuxProcess = { pid: number; ppid: number; comm: string; state: string };

/** One process, or null when it is gone. */
export async function readProcess(pid: number): Promise<LinuxProcess | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return null;
  // The command name is in parentheses and may hold spaces: the fields after it are split.
  const close = stat.lastIndexOf(')');
  const [state = '', ppid] = stat.slice(close + 2).split(' ');
  return { pid, ppid: Number(ppid), comm: stat.slice(stat.indexOf('(') + 1, close), state };
}

/** Every process on the machine. */
export async function listProcesses(): Promise<LinuxProcess[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  return (await Promise.all(pids.map(readProcess))).filter((p): p is LinuxProcess => p !== null);
}
