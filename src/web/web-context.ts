import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ServiceConfig } from '../service/service-config.js';
import type { Db } from '../db/db.js';
import type { PageImageSource } from '../review/page-image-source.js';
import type { Reviewer, ReviewOperations } from '../review/review-operations.js';
import type { PageUser } from './html-page.js';
import { refuse } from './request-kind.js';

/** What the review desk's routes share: the stores, the desk's actions, and the page header of the request's user. */
export type WebContext = {
  config: ServiceConfig;
  db: Db;
  desk: ReviewOperations;
  pages: PageImageSource;
  pageUser(request: FastifyRequest, reply: FastifyReply): PageUser;
};

/** The logged-in account as the desk records it (the role gate let only accounts through). */
export const reviewerOf = (request: FastifyRequest): Reviewer => ({ name: request.account!.name, role: request.account!.role });

/**
 * `input` parsed by `schema`; on failure the request is answered 400 with what was wrong, and null is
 * returned (the handler then returns the reply).
 */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, request: FastifyRequest, reply: FastifyReply): z.output<S> | null {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  void refuse(request, reply, 400, `The request is not understood: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'it'} ${i.message}`).join('; ')}.`);
  return null;
}
