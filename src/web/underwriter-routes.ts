import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import { auditPage } from './audit-page.js';
import { deskAction } from './desk-errors.js';
import { refuse } from './request-kind.js';
import { FileParams, SubmissionParams, type PacketFileName } from './route-params.js';
import { underwriterPage } from './underwriter-page.js';
import { parseOr400, reviewerOf, type WebContext } from './web-context.js';

const UNDERWRITERS = ['underwriter', 'admin'] as const;
/** Taken submissions stay listed (greyed) this many, newest first. */
const TAKEN_SHOWN = 50;

const FILE_TYPES: Record<PacketFileName, { type: string; disposition: 'inline' | 'attachment' }> = {
  'packet.pdf': { type: 'application/pdf', disposition: 'inline' },
  'submission.json': { type: 'application/json; charset=utf-8', disposition: 'attachment' },
  'submission.xml': { type: 'application/xml; charset=utf-8', disposition: 'attachment' },
};

/** A name safe inside a quoted Content-Disposition filename. */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_');

/** /underwriter, a packet's files by submission id, the audit trail page, and "take". */
export const underwriterRoutes = (ctx: WebContext): FastifyPluginAsync => async (app) => {
  app.get('/underwriter', { config: { roles: UNDERWRITERS } }, async (request, reply) => {
    const [ready, taken] = await Promise.all([ctx.db.listSubmissions({ state: 'ready-for-underwriter', limit: 500 }), ctx.db.listSubmissions({ state: 'taken', limit: TAKEN_SHOWN })]);
    const shown = [...ready, ...taken];
    const clearances = await new ClearanceIndex(ctx.db).results(shown.map((s) => s.id));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(underwriterPage(shown, clearances, ctx.pageUser(request, reply)));
  });

  app.get('/submissions/:id/files/:name', { config: { roles: UNDERWRITERS } }, async (request, reply) => {
    const p = parseOr400(FileParams, request.params, request, reply);
    if (!p) return reply;
    const record = await ctx.db.getSubmission(p.id);
    if (!record?.packetFolder) return refuse(request, reply, 404, `Submission ${p.id} has no packet yet.`);
    // The folder name comes from the database, the file name from a fixed list; the result must still lie in the outbox.
    const file = path.resolve(ctx.config.outboxDir, record.packetFolder, p.name);
    if (path.dirname(path.dirname(file)) !== path.resolve(ctx.config.outboxDir)) return refuse(request, reply, 404, `Submission ${p.id}'s packet folder is not in the outbox.`);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return refuse(request, reply, 404, `${p.name} of submission ${p.id} is not in its packet folder (${record.packetFolder}) any more.`);
    }
    const { type, disposition } = FILE_TYPES[p.name];
    return reply
      .type(type)
      .header('content-disposition', `${disposition}; filename="${safeName(`${record.packetFolder}-${p.name}`)}"`)
      .header('cache-control', 'private, no-cache')
      .send(bytes);
  });

  app.get('/submissions/:id/audit', { config: { roles: UNDERWRITERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    if (!p) return reply;
    const record = await ctx.db.getSubmission(p.id);
    if (!record) return refuse(request, reply, 404, `There is no submission ${p.id}.`);
    return reply.type('text/html; charset=utf-8').send(auditPage(record, await ctx.db.events(p.id), ctx.pageUser(request, reply)));
  });

  app.post('/submissions/:id/taken', { config: { roles: UNDERWRITERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    if (!p) return reply;
    return deskAction(request, reply, async () => {
      await ctx.desk.markTaken(p.id, reviewerOf(request));
      return reply.redirect('/underwriter', 303);
    });
  });
};
