import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import secureSession from '@fastify/secure-session';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServiceConfig } from '../service/service-config.js';
import type { Db } from '../db/db.js';
import { createLogger, type Logger } from '../runtime/logger.js';
import type { PageImageSource } from '../review/page-image-source.js';
import type { ReviewOperations } from '../review/review-operations.js';
import type { UserAccount, UserRole, UsersFile } from '../users/users-file.js';
import { adminRoutes } from './admin-routes.js';
import type { PageUser } from './html-page.js';
import { loginRoutes } from './login-routes.js';
import { prometheusMetrics } from './prometheus-metrics.js';
import type { QueueBoard, QueueCounts } from './queue-board.js';
import { queueRoutes } from './queue-routes.js';
import { isPageRequest, refuse } from './request-kind.js';
import { reviewRoutes } from './review-routes.js';
import { loadSessionKey } from './session-key.js';
import { STYLE_CSS } from './style-css.js';
import { underwriterRoutes } from './underwriter-routes.js';
import { UserAdmin } from './user-admin.js';
import type { WebContext } from './web-context.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    user: string;
    _csrf: string;
  }
}
declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in account, looked up in the users file at each request; null when no one is logged in. */
    account: UserAccount | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (the log-in form, its style sheet and scripts, /metrics with its own check). */
    public?: boolean;
    /** The roles that may use the route; any logged-in account when absent (log-out, the job board with its own check). */
    roles?: readonly UserRole[];
  }
}

export const QUEUES_PATH = '/admin/queues';
/** A stolen session cookie stays valid until it expires (it is stateless): one working day. */
const SESSION_SECONDS = 8 * 60 * 60;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export type ServerDeps = {
  config: ServiceConfig;
  db: Db;
  users: UsersFile;
  /** The job queues' dashboard, mounted at /admin/queues when given. */
  bullBoard?: QueueBoard;
  /** Job counts for /metrics, when the queues are reachable. */
  metrics?: QueueCounts;
  /** The service's logger (its redaction hides cookies, passwords and tax ids); one from the config when absent. */
  log?: Logger;
  /** The review desk's actions (accept, edit, ask the broker, send on, take). */
  desk: ReviewOperations;
  /** Page images and crops of the stored originals. */
  pages: PageImageSource;
};

/** The pages' scripts, served from /assets: the CSP runs no inline script. */
const SCRIPTS = ['queue.js', 'review.js'] as const;

/**
 * The web server, ready to `listen` (startServer does): a session cookie after a password log-in, CSRF
 * tokens on every POST, security headers, and nothing but the log-in form readable without a session.
 */
export async function buildServer({ config, db, users, bullBoard, metrics, log, desk, pages }: ServerDeps): Promise<FastifyInstance> {
  const accounts = new Map(users.users.map((u) => [u.name, u]));
  const scripts = new Map(await Promise.all(SCRIPTS.map(async (name) => [name, await readFile(new URL(`./assets/${name}`, import.meta.url), 'utf8')] as const)));
  // Typed as fastify's logger: a pino Logger type would be carried into every route's type.
  const loggerInstance: FastifyBaseLogger = log ?? createLogger(config);
  // Only a proxy on this machine is believed: a client cannot claim another address to dodge the log-in limit.
  const app = Fastify({ loggerInstance, trustProxy: config.trustProxy ? 'loopback' : false });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
  await app.register(secureSession, {
    key: await loadSessionKey(config.sessionSecretFile),
    cookieName: 'acord-prep-session',
    expiry: SESSION_SECONDS,
    // 'auto': Secure when the request came over https, so the cookie also works on a plain-http localhost.
    cookie: { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', maxAge: SESSION_SECONDS },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' });
  await app.register(formbody);
  await app.register(rateLimit, { global: false });

  app.decorateRequest('account', null);
  app.addHook('onRequest', async (request, reply) => {
    const name = request.session.get('user');
    // A name removed from the users file is logged out at its next request.
    request.account = (name && accounts.get(name)) || null;
    const { public: open, roles } = request.routeOptions.config;
    if (open) return;
    if (!request.account) return isPageRequest(request) ? reply.redirect('/login', 303) : reply.code(401).send({ error: 'log in first' });
    if (roles && !roles.includes(request.account.role)) {
      return refuse(request, reply, 403, `An account with the role ${request.account.role} cannot use ${request.url.split('?')[0]}: ask an admin if you need to.`);
    }
  });
  // In preHandler, not onRequest: a form's token is in its body, parsed by then.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

  const pageUser = (request: FastifyRequest, reply: FastifyReply): PageUser => ({
    account: request.account!,
    csrfToken: reply.generateCsrf(),
    ...(bullBoard ? { queuesPath: `${QUEUES_PATH}/` } : {}),
  });

  app.get('/assets/style.css', { config: { public: true } }, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').send(STYLE_CSS));
  for (const [name, source] of scripts) {
    app.get(`/assets/${name}`, { config: { public: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=300').send(source));
  }
  await app.register(loginRoutes(accounts));
  const ctx: WebContext = { config, db, desk, pages, pageUser };
  await app.register(queueRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(underwriterRoutes(ctx));
  await app.register(adminRoutes(ctx, new UserAdmin(config.usersFile, accounts), accounts));

  app.get('/metrics', { config: { public: true } }, async (request, reply) => {
    // A proxy on the same machine makes every client look local: a forwarded request is not.
    const local = LOOPBACK.has(request.ip) && request.headers['x-forwarded-for'] === undefined;
    if (!local && request.account?.role !== 'admin') return reply.code(request.account ? 403 : 401).send({ error: 'admins or localhost only' });
    const [byState, queues] = await Promise.all([db.countByState(), metrics?.jobCounts() ?? null]);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(prometheusMetrics(byState, queues));
  });

  if (bullBoard) {
    await app.register(async (scope) => {
      // The board hands its handlers the request's headers object and nothing else: the role rides along
      // keyed by that object, out of reach of anything a client can send.
      const roles = new WeakMap<IncomingHttpHeaders, UserRole>();
      scope.addHook('onRequest', async (request, reply) => {
        if (request.account) roles.set(request.headers, request.account.role);
        // The board's bundled Axios copies this readable cookie into an x-xsrf-token header (§3.4). Set here,
        // not at onSend: the session (holding the token's secret) is written before this scope's onSend runs.
        if (request.method === 'GET') reply.setCookie('XSRF-TOKEN', reply.generateCsrf(), { path: QUEUES_PATH, sameSite: 'strict', secure: 'auto', httpOnly: false });
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        // The board's page carries style attributes; scripts stay 'self' only.
        const csp = reply.getHeader('content-security-policy');
        if (typeof csp === 'string') reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
        return payload;
      });
      await bullBoard.register(scope, { basePath: QUEUES_PATH, roleOf: (headers) => roles.get(headers) });
    });
  }
  return app;
}
