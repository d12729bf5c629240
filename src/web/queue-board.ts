import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { UserRole } from '../users/users-file.js';

/**
 * The job queues' dashboard as the web server sees it: it knows no queue library (workers/ does), only how
 * to mount the board. `roleOf` tells the board who sent a request (by its headers object, which the board
 * hands to its handlers), so that it can make the queues read-only for that role.
 */
export interface QueueBoard {
  register(scope: FastifyInstance, options: { basePath: string; roleOf: (headers: IncomingHttpHeaders) => UserRole | undefined }): Promise<void>;
}

/** How many jobs each queue holds, by status (waiting, active, failed …), for /metrics. */
export interface QueueCounts {
  jobCounts(): Promise<{ queue: string; counts: Record<string, number> }[]>;
}
