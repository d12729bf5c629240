import { readFile } from 'node:fs/promises';
import { listProcesses, type LinuxProcess } from './linux-processes.js';

/** What one worker process and its sandboxed children held at most while sampled, in MB. */
export type TreePeak = {
  /** The process's own largest VmRSS sampled (not VmHWM: a bench process's peak may predate the sampling). */
  ownMb: number;
  /** The largest VmHWM of any direct child (a sandboxed reader) seen. */
  childMaxMb: number;
  /** How many distinct direct children were seen (recycled sandboxes count again). */
  children: number;
  /** The largest sum of VmRSS over the process and all its descendants (tsx's esbuild too) at one sample. */
  treeMb: number;
};

const kb = (status: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);

/**
 * Samples, every `intervalMs`, the memory of each root process and of its descendants (not descending into
 * another root, nor counting processes named in `exclude`, such as a private redis-server). A child that
 * lives between two samples is missed: sandboxed readers live for many jobs, so they are not.
 */
export class ProcessTreeMemory {
  private readonly peaks = new Map<number, TreePeak & { seen: Set<number> }>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  constructor(private readonly roots: readonly number[], private readonly exclude: readonly string[] = ['redis-server'], private readonly intervalMs = 250) {
    for (const pid of roots) this.peaks.set(pid, { ownMb: 0, childMaxMb: 0, children: 0, treeMb: 0, seen: new Set() });
  }

  start(): void {
    this.timer = setInterval(() => (this.sampling = this.sampling.then(() => this.sample())), this.intervalMs);
  }

  async stop(): Promise<Map<number, TreePeak>> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    return new Map([...this.peaks].map(([pid, { seen: _seen, ...peak }]) => [pid, peak]));
  }

  private async sample(): Promise<void> {
    const procs = await listProcesses();
    const byParent = new Map<number, LinuxProcess[]>();
    for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
    for (const root of this.roots) {
      const peak = this.peaks.get(root)!;
      const own = await readFile(`/proc/${root}/status`, 'utf8').catch(() => '');
      if (!own) continue;
      peak.ownMb = Math.max(peak.ownMb, kb(own, 'VmRSS') / 1024);
      let tree = kb(own, 'VmRSS');
      const stack = (byParent.get(root) ?? []).map((p) => ({ ...p, direct: true }));
      while (stack.length) {
        const child = stack.pop()!;
        if (this.roots.includes(child.pid) || this.exclude.includes(child.comm)) continue;
        stack.push(...(byParent.get(child.pid) ?? []).map((p) => ({ ...p, direct: false })));
        const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
        if (!status) continue;
        tree += kb(status, 'VmRSS');
        // tsx's esbuild service is a child too, and no sandbox.
        if (!child.direct || child.comm === 'esbuild') continue;
        peak.childMaxMb = Math.max(peak.childMaxMb, kb(status, 'VmHWM') / 1024);
        peak.seen.add(child.pid);
      }
      peak.children = peak.seen.size;
      peak.treeMb = Math.max(peak.treeMb, tree / 1024);
    }
  }
}
