import { Queue, type ConnectionOptions, type Worker } from 'bullmq';

export type WatchdogLog = { warn(message: string): void };

export type WatchdogOptions = {
  connection: ConnectionOptions;
  prefix: string;
  log: WatchdogLog;
  /** How often each worker is looked at. */
  everyMs?: number;
  /** Jobs waiting and none started by a worker with room for them this long: its fetching is stuck. */
  stuckAfterMs?: number;
};

export type Watchdog = { stop(): Promise<void> };

/** Counting a queue's jobs takes milliseconds; this long means the call waited for Redis to reconnect. */
const REDIS_AWAY_MS = 5_000;

/**
 * Notices a worker that stopped taking jobs and starts it again, saying what it did.
 *
 * What BullMQ 6.7 does on its own after a lost connection: a worker keeps running; its fetches and job
 * completions are retried until Redis answers (ioredis reconnects, at most 2 s apart with queues.ts's retryStrategy;
 * the main loop retries a failed fetch after `runRetryDelay`, 15 s), and a blocking wait that never returns is
 * given up after its time-out + 1 s.
 * What it leaves stuck for good, with isRunning() still true and no event: a job's promise that rejects
 * with an error it does not catch leaves its main loop waiting on an empty AsyncFifoQueue (it prints
 * "Unexpected Error in AsyncFifoQueue"), and a command hung on the blocking connection outside that
 * guard holds the loop too. Here: a worker not running that was not closed nor paused is run again; one
 * with room and jobs waiting that started none for `stuckAfterMs` is paused and resumed (resume() wakes a
 * loop waiting on its queue) and gets its blocking connection dropped and opened again (which fails a
 * hung command so the loop goes on). Jobs it held are not lost: their locks lapse and BullMQ's stalled
 * check puts them back in the queue.
 */
export function watchWorkers(workers: readonly Worker[], options: WatchdogOptions): Watchdog {
  const { log, everyMs = 5_000, stuckAfterMs = 60_000 } = options;
  const watched = workers.map((worker) => {
    const state = { worker, queue: new Queue(worker.name, { connection: options.connection, prefix: options.prefix }), lastStart: Date.now(), lastError: '' };
    // Counting jobs while Redis is away fails like every other call: that is the workers' 'error' to tell.
    state.queue.on('error', () => {});
    worker.on('active', () => (state.lastStart = Date.now()));
    worker.on('error', (err) => (state.lastError = err.message));
    return state;
  });
  let stopped = false;

  async function look(w: (typeof watched)[number]): Promise<void> {
    const { worker, queue } = w;
    if (stopped || worker.closing || worker.isPaused()) return;
    if (!worker.isRunning()) {
      log.warn(`watchdog: the ${worker.name} worker had stopped taking jobs (its loop ended${w.lastError ? `: ${w.lastError}` : ''}); started it again`);
      w.lastStart = Date.now();
      worker.run().catch((err: Error) => worker.emit('error', err));
      return;
    }
    const asked = Date.now();
    const counts = await queue.getJobCounts('wait', 'prioritized', 'active');
    // The counts waited for Redis to come back: BullMQ's own reconnecting gets the full stuckAfterMs first.
    if (Date.now() - asked > REDIS_AWAY_MS) w.lastStart = Date.now();
    const waiting = (counts.wait ?? 0) + (counts.prioritized ?? 0);
    if (waiting === 0 || (counts.active ?? 0) >= worker.concurrency || (await queue.isPaused())) {
      w.lastStart = Date.now();
      return;
    }
    const idle = Date.now() - w.lastStart;
    if (idle < stuckAfterMs || stopped || worker.closing) return;
    log.warn(`watchdog: the ${worker.name} worker started no job in ${Math.round(idle / 1000)} s while ${waiting} wait(s); woke its loop and reconnected its blocking connection`);
    w.lastStart = Date.now();
    await worker.pause(true);
    await worker.resume();
    const backend = worker.getBackend();
    await backend.disconnectBlocking();
    await backend.reconnectBlocking();
  }

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      // A look that fails is tried again next round; while Redis is away its counts wait for it (the workers log the outage).
      void Promise.all(watched.map((w) => look(w).catch(() => {}))).then(schedule);
    }, everyMs);
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A round waiting on Redis is not awaited: closing its queues ends its calls, and it acts on nothing once stopped.
      await Promise.all(watched.map((w) => w.queue.close()));
    },
  };
}
