import type { FastifyReply, FastifyRequest } from 'fastify';
import { messagePage } from './message-page.js';

/** Routes a script or a download reaches (JSON, images, files): answered with a status, never sent to a page. */
const NOT_A_PAGE = /\/api\/|\/files\/|\.(png|pdf|json|xml|html)(\?|$)/;

/** Whether a person's browser asked for a page (sent to /login, shown a sentence) rather than data. */
export const isPageRequest = (request: FastifyRequest): boolean => (request.method === 'GET' || request.method === 'HEAD') && !NOT_A_PAGE.test(request.url);

/** A refusal as a page for a page, as `{ error }` JSON for a script. */
export function refuse(request: FastifyRequest, reply: FastifyReply, status: number, sentence: string) {
  const titles: Record<number, string> = { 400: 'Not understood', 403: 'Not allowed', 404: 'Not found', 409: 'Not now' };
  if (isPageRequest(request) || request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    const user = request.account ? { account: request.account, csrfToken: reply.generateCsrf() } : undefined;
    return reply.code(status).type('text/html; charset=utf-8').send(messagePage(titles[status] ?? 'Refused', sentence, user));
  }
  return reply.code(status).send({ error: sentence });
}
