import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { loadServiceConfig, type ServiceConfig } from '../../src/service/service-config.js';
import type { Db } from '../../src/db/db.js';
import { openDatabase } from '../../src/db/open-database.js';
import { ContentStore } from '../../src/store/content-store.js';
import { openServiceQueues, type RetryPolicy } from '../../workers/queues.js';
import { startWorkers, type RunningWorkers } from '../../workers/start-workers.js';

export type TestWorkers = { config: ServiceConfig; db: Db; store: ContentStore; workers: RunningWorkers; queues: ReturnType<typeof openServiceQueues>; home: string };

export type TestWorkersOptions = {
  /** Variables the sandboxed readers inherit (they get this process's environment when forked). */
  env?: Record<string, string>;
  /** Environment-style service settings on top of 2 readers of 512 MB logging errors only. */
  settings?: Record<string, string>;
  retry?: RetryPolicy;
  readProcessorFile?: string;
};

/**
 * Starts the workers in a temporary home on `redisUrl`, under a Redis key prefix of their own so runs never
 * see each other's jobs; whatever a test started is closed and removed after it.
 */
export function workersPerTest(redisUrl: string): { start(options?: TestWorkersOptions): Promise<TestWorkers> } {
  const running: TestWorkers[] = [];
  afterEach(async () => {
    for (const { workers, queues, db, home } of running.splice(0)) {
      await workers.close(10_000);
      for (const queue of Object.values(queues)) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
      await db.close();
      await rm(home, { recursive: true, force: true });
    }
  });
  return {
    async start(options = {}) {
      const home = await mkdtemp(path.join(tmpdir(), 'acord-workers-'));
      const config = loadServiceConfig({ ACORD_PREP_HOME: home, WORKER_CONCURRENCY: '3', SANDBOX_MEMORY_MB: '512', LOG_LEVEL: 'error', ...options.settings }, home);
      const db = await openDatabase({ dataDir: config.dataDir });
      const prefix = `acord-test-${randomBytes(6).toString('hex')}`;
      const env = options.env ?? {};
      const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      let workers: RunningWorkers;
      try {
        workers = startWorkers(config, {
          db,
          redisUrl,
          prefix,
          retry: options.retry ?? { attempts: 3, backoffMs: 100 },
          ...(options.readProcessorFile ? { readProcessorFile: options.readProcessorFile } : {}),
        });
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
      const started = { config, db, store: new ContentStore(config.storeDir), workers, queues: openServiceQueues(redisUrl, prefix), home };
      running.push(started);
      return started;
    },
  };
}
