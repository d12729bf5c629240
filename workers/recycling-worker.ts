import { AsyncLocalStorage } from 'node:async_hooks';
import { Worker, type Child, type Job } from 'bullmq';
import { loadLimits } from '../src/config/limits.js';

/** The part of BullMQ's child pool (private to Worker) that recycling needs. */
type ChildPool = {
  retain(processFile: string): Promise<Child>;
  release(child: Child): void;
  kill(child: Child, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
};

/**
 * How long past `msPerDocument` a sandboxed child may hold a job before it is killed. The child's reader
 * thread answers at the deadline (+0.5 s when it has to be terminated); this covers the rest of the job
 * (loading the bytes, a reader thread still starting, writing the result) on a loaded machine. Only a
 * child stuck where terminate cannot reach (native code) gets this far.
 */
export const STUCK_GRACE_MS = 10_000;

/** What one job's watchdog knows: set by the wrapped `retain`, read when the job ends. */
type Watch = { killedAfterMs?: number; stop?: () => void };

const fileOf = (job: Job) => {
  const name = (job.data as { fileName?: unknown } | undefined)?.fileName;
  return typeof name === 'string' ? name : `job ${job.id}`;
};

/**
 * What a child's end means for its job, in words (BullMQ says "Unexpected exit code: null signal: SIGKILL").
 * The job fails as any failure does: retried up to its `attempts`, then failed for good; a file that crashes
 * its reader every time is therefore read `attempts` times, never more, and listed in the packet as failed.
 */
function explain(err: unknown, job: Job, watch: Watch): unknown {
  if (!(err instanceof Error)) return err;
  if (watch.killedAfterMs !== undefined) {
    return new Error(`${fileOf(job)}: the reading process was still busy ${Math.round(watch.killedAfterMs / 1000)} s after the job began (past the document's deadline, msPerDocument, and ${STUCK_GRACE_MS / 1000} s of grace) and was killed (SIGKILL)`);
  }
  if (err.message.startsWith('Unexpected exit code')) return new Error(`${fileOf(job)}: the reading process ended in the middle of the document (${err.message}): a crash of the reader`);
  return err;
}

/**
 * A Worker whose sandboxed children each end after `jobsPerChild` jobs, and are killed when stuck in a job.
 * BullMQ reuses a child for every job and never ends one (6.7 has no option for it), while pdfjs and canvas
 * keep a little memory per document: the child is ended where the pool would take it back as idle, so no
 * job is ever handed to a child that is leaving; the next job gets a freshly forked one. A child that holds
 * a job longer than `stuckAfterMs` (by default the limits' msPerDocument + STUCK_GRACE_MS) is killed with
 * SIGKILL: BullMQ then fails the job (its exit handler), and the pool forks a fresh child for the next.
 */
export function recyclingWorker(jobsPerChild: number, stuckAfterMs = loadLimits().msPerDocument + STUCK_GRACE_MS): typeof Worker {
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

      // The sandbox retains a child inside the job's call: the job's watch is found by async context.
      const watches = new AsyncLocalStorage<Watch>();
      const retain = pool.retain.bind(pool);
      pool.retain = async (file) => {
        const child = await retain(file);
        const watch = watches.getStore();
        if (watch) {
          const started = performance.now();
          const timer = setTimeout(() => {
            watch.killedAfterMs = performance.now() - started;
            pool.kill(child, 'SIGKILL').catch((err: Error) => this.emit('error', new Error(`cannot kill stuck sandbox child ${child.pid}: ${err.message}`)));
          }, stuckAfterMs);
          watch.stop = () => clearTimeout(timer);
        }
        return child;
      };
      const run = this.processFn;
      this.processFn = async (job, token, signal) => {
        const watch: Watch = {};
        try {
          return await watches.run(watch, () => run(job, token, signal));
        } catch (err) {
          throw explain(err, job, watch);
        } finally {
          watch.stop?.();
        }
      };
    }
  };
}
