import { readdir, readFile } from 'node:fs/promises';

/** The fields of /proc/<pid>/stat after the command name, which is in parentheses and may hold spaces. */
async function statFields(pid: number): Promise<string[] | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return text === null ? null : text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The live children of `parent` (a zombie, dead and not yet reaped, is left out), from Linux's /proc. */
export async function childPids(parent: number = process.pid): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = await statFields(Number(entry));
    if (fields && fields[0] !== 'Z' && Number(fields[1]) === parent) pids.push(Number(entry));
  }
  return pids;
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
  const fields = await statFields(pid);
  return fields !== null && fields[0] !== 'Z';
}
