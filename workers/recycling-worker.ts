import { Worker, type Child } from 'bullmq';

/** The part of BullMQ's child pool (private to Worker) that recycling needs. */
type ChildPool = { release(child: Child): void; kill(child: Child, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void> };

/**
 * A Worker whose sandboxed children each end after `jobsPerChild` jobs. BullMQ reuses a child for every
 * job and never ends one (6.7 has no option for it), while pdfjs and canvas keep a little memory per
 * document. The child is ended where the pool would take it back as idle, so no job is ever handed to a
 * child that is leaving; the next job gets a freshly forked one.
 */
export function recyclingWorker(jobsPerChild: number): typeof Worker {
  return class RecyclingWorker extends Worker {
    protected override createSandbox(processor: ConstructorParameters<typeof Worker>[1]): void {
      super.createSandbox(processor ?? null);
      const pool = (this as unknown as { childPool?: ChildPool }).childPool;
      if (!pool) return;
      const jobsDone = new WeakMap<Child, number>();
      const release = pool.release.bind(pool);
      pool.release = (child) => {
        const done = (jobsDone.get(child) ?? 0) + 1;
        jobsDone.set(child, done);
        if (done < jobsPerChild) return release(child);
        // Idle: BullMQ's SIGTERM handler in the child exits at once (after 30 s the pool sends SIGKILL).
        pool.kill(child, 'SIGTERM').catch((err: Error) => this.emit('error', new Error(`cannot end sandbox child ${child.pid}: ${err.message}`)));
      };
    }
  };
}
