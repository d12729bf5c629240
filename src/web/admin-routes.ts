import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UserAccount, UserRole, UsersFileError } from '../users/users-file.js';
import type { AccountChange, UserAdmin } from './user-admin.js';
import { usersPage } from './users-page.js';
import type { WebContext } from './web-context.js';

const ADMINS = ['admin'] as const;
const NameParams = z.object({ name: UserAccount.shape.name });
const AddForm = z.object({ name: UserAccount.shape.name, role: UserRole, password: z.string().max(1024) });
const RoleForm = z.object({ role: UserRole });

/** /admin/users: the accounts, and the forms that add one, change a role, remove one (each a CSRF-checked POST). */
export const adminRoutes = (ctx: WebContext, admin: UserAdmin, accounts: ReadonlyMap<string, UserAccount>): FastifyPluginAsync => async (app) => {
  const list = () => [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name));
  const show = (request: FastifyRequest, reply: FastifyReply, status = 200, problem?: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(usersPage(list(), ctx.pageUser(request, reply), problem));

  /** Applies a change parsed from the form, then back to the list (303), or the list with the refusal (400). */
  async function apply(request: FastifyRequest, reply: FastifyReply, change: AccountChange | string) {
    if (typeof change === 'string') return show(request, reply, 400, change);
    try {
      await admin.change(change, request.account!.name);
    } catch (err) {
      if (!(err instanceof UsersFileError)) throw err;
      return show(request, reply, 400, err.message);
    }
    request.log.info({ user: request.account!.name, account: change.name, change: change.kind, ...(change.kind === 'remove' ? {} : { role: change.role }) }, 'account changed');
    return reply.redirect('/admin/users', 303);
  }
  const problems = (error: z.ZodError) => `Not saved: ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}.`;

  app.get('/admin/users', { config: { roles: ADMINS } }, async (request, reply) => show(request, reply));

  app.post('/admin/users', { config: { roles: ADMINS } }, async (request, reply) => {
    const form = AddForm.safeParse(request.body);
    return apply(request, reply, form.success ? { kind: 'add', ...form.data } : problems(form.error));
  });

  app.post('/admin/users/:name/role', { config: { roles: ADMINS } }, async (request, reply) => {
    const name = NameParams.safeParse(request.params);
    const form = RoleForm.safeParse(request.body);
    return apply(request, reply, !name.success ? problems(name.error) : !form.success ? problems(form.error) : { kind: 'role', name: name.data.name, role: form.data.role });
  });

  app.post('/admin/users/:name/remove', { config: { roles: ADMINS } }, async (request, reply) => {
    const name = NameParams.safeParse(request.params);
    return apply(request, reply, name.success ? { kind: 'remove', name: name.data.name } : problems(name.error));
  });
};
