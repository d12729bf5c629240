import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClearanceOutcome } from '../../schemas/clearance.js';
import { ClearanceIndex } from '../validate/clearance/clearance-index.js';
import type { SubmissionRecord } from '../../schemas/db-records.js';
import type { ReviewResult } from '../review/review-operations.js';
import { deskAction } from './desk-errors.js';
import { pageBoxes } from '../review/page-boxes.js';
import { pageViewFragment } from './page-view-fragment.js';
import { refuse } from './request-kind.js';
import { reviewPage } from './review-page.js';
import { CropParams, SubmissionParams, Sha256, SubmissionId } from './route-params.js';
import { STATE_WORDS } from './state-words.js';
import { taxIdMasks } from '../review/tax-id-masks.js';
import { parseOr400, reviewerOf, type WebContext } from './web-context.js';
import { openBlocking } from '../validate/check/carry-resolutions.js';

const READERS = ['assistant', 'underwriter', 'admin'] as const;
const REVIEWERS = ['assistant', 'admin'] as const;

const text = (max: number) => z.string().max(max);
const DecisionBody = z.object({ flagId: text(500).min(1), action: z.enum(['confirmed', 'waived', 'ask-broker']), note: text(2000).optional() });
const EditBody = z.object({ path: text(300).min(1), text: text(2000), reason: text(2000).optional(), flagId: text(500).min(1).optional() });
const RevealBody = z.object({ path: text(300).min(1) });
/** A blank reason passes here: the desk refuses it with a sentence. */
const ClearanceBody = z.object({ outcome: ClearanceOutcome, reason: text(2000) });
/** `3.png` (the image) or `3.html` (the page with its boxes, for the page view). */
const PageFileParams = z.object({ id: SubmissionId, sha: Sha256, file: z.string().regex(/^[1-9]\d{0,4}\.(png|html)$/, { error: 'is not a page (3.png or 3.html)' }) });

/** What a desk action answers the page's script with. */
const resultOf = ({ record, reassembling }: ReviewResult) => ({ state: record.state, stateText: STATE_WORDS[record.state], reassembling });

/**
 * The review page and what it calls: crops, whole pages with their boxes, the state for polling, and the
 * desk's actions as JSON POSTs (accept, ask the broker, waive, edit a value, override the clearance, send
 * on, reveal a tax id).
 */
export const reviewRoutes = (ctx: WebContext): FastifyPluginAsync => async (app) => {
  /** The submission an id names, or null with the request answered (400 for a malformed id, 404 for none). */
  async function recordFor(params: unknown, request: FastifyRequest, reply: FastifyReply): Promise<SubmissionRecord | null> {
    const p = parseOr400(SubmissionParams, params, request, reply);
    if (!p) return null;
    const record = await ctx.db.getSubmission(p.id);
    if (!record) void refuse(request, reply, 404, `There is no submission ${p.id}: it may have been removed; go back to the queue.`);
    return record;
  }

  /** The page image of a document of the submission, tax ids painted over; null with the request answered when it cannot be. */
  async function pageImage(record: SubmissionRecord, sha: string, page: number, request: FastifyRequest, reply: FastifyReply) {
    const document = record.documents.find((d) => d.sha256 === sha);
    if (!document) {
      void refuse(request, reply, 404, `Submission ${record.id} has no document ${sha.slice(0, 12)}….`);
      return null;
    }
    try {
      return { document, image: await ctx.pages.page(sha, page, (record.submission ? taxIdMasks(record.submission, sha, page) : [])) };
    } catch (err) {
      request.log.warn({ err, sha256: sha, page }, 'page image not rendered');
      void refuse(request, reply, 404, `Page ${page} of ${document.fileName} cannot be shown: ${(err as Error).message}`);
      return null;
    }
  }

  app.get('/submissions/:id/review', { config: { roles: READERS } }, async (request, reply) => {
    const record = await recordFor(request.params, request, reply);
    if (!record) return reply;
    const index = new ClearanceIndex(ctx.db);
    const [events, result, renewal] = await Promise.all([ctx.db.events(record.id), index.result(record.id), index.renewal(record.id)]);
    const standing = await index.standing([record.id, ...(result?.matches ?? []).map((m) => m.submissionId)]);
    const readOnly = !(REVIEWERS as readonly string[]).includes(request.account!.role);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(reviewPage(record, events, ctx.pageUser(request, reply), readOnly, { result, renewal, standing }));
  });

  app.get('/submissions/:id/flags/:flagId/crop.png', { config: { roles: READERS } }, async (request, reply) => {
    const p = parseOr400(CropParams, request.params, request, reply);
    if (!p) return reply;
    const record = await recordFor(request.params, request, reply);
    if (!record) return reply;
    const source = record.report?.flags.find((f) => f.id === p.flagId)?.source;
    const document = source?.document && record.documents.find((d) => d.sha256 === source.document);
    if (!source?.page || !source.rect || !document) return refuse(request, reply, 404, `Flag ${p.flagId} of submission ${record.id} points at no box on a page.`);
    try {
      const png = await ctx.pages.crop(document.sha256, source.page, source.rect, (record.submission ? taxIdMasks(record.submission, document.sha256, source.page) : []));
      return reply.type('image/png').header('cache-control', 'private, max-age=300').send(Buffer.from(png));
    } catch (err) {
      request.log.warn({ err, flagId: p.flagId }, 'crop not rendered');
      return refuse(request, reply, 404, `The crop of page ${source.page} of ${document.fileName} cannot be shown: ${(err as Error).message}`);
    }
  });

  app.get('/submissions/:id/documents/:sha/pages/:file', { config: { roles: READERS } }, async (request, reply) => {
    const p = parseOr400(PageFileParams, request.params, request, reply);
    if (!p) return reply;
    const record = await recordFor(request.params, request, reply);
    if (!record) return reply;
    const [n, kind] = p.file.split('.') as [string, 'png' | 'html'];
    const shown = await pageImage(record, p.sha, Number(n), request, reply);
    if (!shown) return reply;
    if (kind === 'png') return reply.type('image/png').header('cache-control', 'private, max-age=300').send(Buffer.from(shown.image.png));
    const flagId = (request.query as { flag?: unknown }).flag;
    const flag = typeof flagId === 'string' ? record.report?.flags.find((f) => f.id === flagId) : undefined;
    const onThisPage = flag?.source?.document === p.sha && flag.source.page === Number(n);
    const current = flag ? { path: flag.path, rect: onThisPage ? flag.source!.rect : null } : null;
    const boxes = record.submission ? pageBoxes(record.submission, p.sha, Number(n)) : [];
    const fragment = pageViewFragment(`/submissions/${record.id}/documents/${p.sha}/pages/${n}.png`, `Page ${n} of ${shown.document.fileName}`, shown.image, boxes, current);
    return reply.type('text/html; charset=utf-8').send(fragment.text);
  });

  app.get('/api/submissions/:id', { config: { roles: READERS } }, async (request, reply) => {
    const record = await recordFor(request.params, request, reply);
    if (!record) return reply;
    return reply.header('cache-control', 'no-store').send({ id: record.id, state: record.state, stateText: STATE_WORDS[record.state], openBlocking: openBlocking(record.report?.flags ?? []).length });
  });

  app.post('/api/submissions/:id/decisions', { config: { roles: REVIEWERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    const body = p && parseOr400(DecisionBody, request.body, request, reply);
    if (!p || !body) return reply;
    return deskAction(request, reply, async () => reply.send(resultOf(await ctx.desk.decideFlag(p.id, body.flagId, { action: body.action, ...(body.note ? { note: body.note } : {}) }, reviewerOf(request)))));
  });

  app.post('/api/submissions/:id/values', { config: { roles: REVIEWERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    const body = p && parseOr400(EditBody, request.body, request, reply);
    if (!p || !body) return reply;
    const edit = { path: body.path, text: body.text, ...(body.reason ? { reason: body.reason } : {}), ...(body.flagId ? { flagId: body.flagId } : {}) };
    return deskAction(request, reply, async () => reply.send(resultOf(await ctx.desk.editValue(p.id, edit, reviewerOf(request)))));
  });

  app.post('/api/submissions/:id/send', { config: { roles: REVIEWERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    if (!p) return reply;
    return deskAction(request, reply, async () => reply.send(resultOf(await ctx.desk.sendToUnderwriter(p.id, reviewerOf(request)))));
  });

  app.post('/api/submissions/:id/clearance-override', { config: { roles: REVIEWERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    const body = p && parseOr400(ClearanceBody, request.body, request, reply);
    if (!p || !body) return reply;
    return deskAction(request, reply, async () => reply.send(resultOf(await ctx.desk.overrideClearance(p.id, body, reviewerOf(request)))));
  });

  app.post('/api/submissions/:id/reveal-tax-id', { config: { roles: READERS } }, async (request, reply) => {
    const p = parseOr400(SubmissionParams, request.params, request, reply);
    const body = p && parseOr400(RevealBody, request.body, request, reply);
    if (!p || !body) return reply;
    return deskAction(request, reply, async () => {
      const value = await ctx.desk.revealTaxId(p.id, body.path, reviewerOf(request));
      // Who saw which tax id, never the id itself (the desk recorded the event too).
      request.log.info({ user: request.account!.name, submission: p.id, path: body.path }, 'tax id revealed');
      return reply.header('cache-control', 'no-store').send({ value });
    });
  });
};
