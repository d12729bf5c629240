import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import { maskTaxIds } from '../src/model/mask-tax-id.js';
import type { UserRole } from '../src/users/users-file.js';
import type { QueueBoard, QueueCounts } from '../src/web/queue-board.js';

/** Only admins may retry, clean, pause or remove; the others watch. */
const canAct = (role: UserRole | undefined) => role === 'admin';

/** Every string in a job's data or return value with its tax ids masked: the board shows what Redis holds. */
function masked(value: unknown): unknown {
  if (typeof value === 'string') return maskTaxIds(value);
  if (Array.isArray(value)) return value.map(masked);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v)]));
  return value;
}

/**
 * Bull Board over the service's queues, and their job counts for /metrics. Each queue is shown twice over:
 * read-write to admins and read-only (its write endpoints answer 405) to everyone else, each copy visible
 * only to its audience, so that one board serves both at the same address.
 */
export function queueBoard(queues: readonly Queue[]): QueueBoard & QueueCounts {
  return {
    async register(scope, { basePath, roleOf }) {
      const adapters = queues.flatMap((queue) =>
        [true, false].map((readOnlyMode) => {
          // The board keys queues by name: the read-only copy takes a prefix, shown under the same display name.
          const adapter = new BullMQAdapter(queue, { readOnlyMode, displayName: queue.name, ...(readOnlyMode ? { prefix: 'view:' } : {}) });
          adapter.setVisibilityGuard((request) => canAct(roleOf(request.headers)) !== readOnlyMode);
          adapter.setFormatter('data', masked);
          adapter.setFormatter('returnValue', masked);
          // The board hands the name formatter the whole job, not its name.
          adapter.setFormatter('name', (job: { name?: string }) => maskTaxIds(job.name ?? ''));
          return adapter;
        }),
      );
      const serverAdapter = new FastifyAdapter();
      serverAdapter.setBasePath(basePath);
      createBullBoard({ queues: adapters, serverAdapter, options: { uiConfig: { boardTitle: 'acord-prep queues' } } });
      await scope.register(serverAdapter.registerPlugin(), { prefix: basePath });
    },
    async jobCounts() {
      return Promise.all(queues.map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts() })));
    },
  };
}
