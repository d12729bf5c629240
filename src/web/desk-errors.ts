import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReviewError, type ReviewErrorCode } from '../review/review-operations.js';
import { refuse } from './request-kind.js';

const STATUS: Record<ReviewErrorCode, number> = {
  'invalid-value': 400,
  'not-editable': 400,
  forbidden: 403,
  'not-found': 404,
  'wrong-state': 409,
  'flags-open': 409,
};

/**
 * Runs a review desk action; a refusal (ReviewError) is answered with its status and its sentence, which
 * the page shows beside the field. Anything else is the server's fault and goes to fastify's handler.
 */
export async function deskAction(request: FastifyRequest, reply: FastifyReply, action: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await action();
  } catch (err) {
    if (!(err instanceof ReviewError)) throw err;
    request.log.info({ code: err.code }, `review action refused: ${err.message}`);
    return refuse(request, reply, STATUS[err.code], err.message);
  }
}
