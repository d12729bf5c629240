import type { FastifyPluginAsync } from 'fastify';
import { homeOf } from './login-routes.js';
import { queueEntries } from './queue-entries.js';
import { queuePage } from './queue-page.js';
import type { WebContext } from './web-context.js';

/** How many submissions the queue shows: the newest this many. */
const QUEUE_LIMIT = 500;

/** GET / (the review queue; an underwriter is sent to /underwriter) and GET /api/queue (its rows, for the page's polling). */
export const queueRoutes = (ctx: WebContext): FastifyPluginAsync => async (app) => {
  app.get('/', async (request, reply) => {
    if (homeOf(request.account!.role) !== '/') return reply.redirect(homeOf(request.account!.role), 303);
    const entries = queueEntries(await ctx.db.listQueue({ limit: QUEUE_LIMIT }), ctx.config.serviceLevel, new Date());
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(queuePage(entries, ctx.pageUser(request, reply)));
  });

  app.get('/api/queue', { config: { roles: ['assistant', 'admin'] } }, async (_request, reply) => {
    const now = new Date();
    const rows = queueEntries(await ctx.db.listQueue({ limit: QUEUE_LIMIT }), ctx.config.serviceLevel, now);
    return reply.header('cache-control', 'no-store').send({ now: now.toISOString(), rows });
  });
};
