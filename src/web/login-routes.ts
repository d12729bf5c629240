import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../users/password-hash.js';
import type { UserAccount, UserRole } from '../users/users-file.js';
import { loginPage } from './login-page.js';

/** Attempts allowed per client address and user name in `LOGIN_WINDOW`: enough for typos, too few to guess. */
export const LOGIN_ATTEMPTS = 5;
const LOGIN_WINDOW = '1 minute';

/** Where a role starts: the review queue, or for an underwriter the submissions ready for them. */
export const homeOf = (role: UserRole): string => (role === 'underwriter' ? '/underwriter' : '/');

const LoginForm = z.object({ name: z.string().max(64), password: z.string().max(1024) });

/** GET /login (the form), POST /login (checks the password, starts a session), POST /logout (ends it). */
export const loginRoutes = (accounts: ReadonlyMap<string, UserAccount>): FastifyPluginAsync => async (app: FastifyInstance) => {
  // A person at a browser gets the form back with a sentence, not a JSON error.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = error.statusCode === 429 ? 'too-many' : error.code?.startsWith('FST_CSRF_') ? 'expired' : null;
    if (!problem || request.routeOptions.url !== '/login') return reply.send(error);
    return reply.code(error.statusCode!).type('text/html; charset=utf-8').send(loginPage(reply.generateCsrf(), problem));
  });

  app.get('/login', { config: { public: true } }, async (request, reply) => {
    if (request.account) return reply.redirect(homeOf(request.account.role), 303);
    return reply.type('text/html; charset=utf-8').send(loginPage(reply.generateCsrf()));
  });

  app.post<{ Body: unknown }>(
    '/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: LOGIN_ATTEMPTS,
          timeWindow: LOGIN_WINDOW,
          // After the body is parsed, so that the name is part of the key, and before the CSRF check, so that
          // attempts without a token count too.
          hook: 'preValidation',
          keyGenerator: (request) => {
            const name = (request.body as { name?: unknown } | undefined)?.name;
            return `${request.ip}|${typeof name === 'string' ? name.toLowerCase() : ''}`;
          },
        },
      },
    },
    async (request, reply) => {
      const form = LoginForm.safeParse(request.body);
      const account = form.success ? accounts.get(form.data.name) : undefined;
      const ok = form.success && (await verifyPassword(account?.passwordHash, form.data.password));
      if (!ok || !account) {
        request.log.info({ user: form.success ? form.data.name : undefined }, 'login failed');
        return reply.code(401).type('text/html; charset=utf-8').send(loginPage(reply.generateCsrf(), 'wrong'));
      }
      // A fresh session (and CSRF secret) at login: one planted before it is worth nothing after.
      request.session.regenerate();
      request.session.set('user', account.name);
      request.log.info({ user: account.name }, 'login');
      return reply.redirect(homeOf(account.role), 303);
    },
  );

  app.post('/logout', async (request, reply) => {
    request.session.delete();
    return reply.redirect('/login', 303);
  });
};
