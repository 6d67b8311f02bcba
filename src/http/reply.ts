import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Result } from '../domain/result.ts';
import { sendProblem } from './errors.ts';

/** Sends a service result: the presented value with the given status, or the problem. */
export function sendResult<T, P>(
  req: FastifyRequest,
  reply: FastifyReply,
  result: Result<T>,
  present: (value: T) => P,
  status = 200,
): FastifyReply {
  if (!result.ok) return sendProblem(req, reply, result.error);
  return reply.code(status).send(present(result.value));
}

/** Dates travel as ISO 8601 strings. */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null): string | null;
export function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

/** The problem+json body, for OpenAPI response documentation. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string().describe('Stable error code'),
    detail: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('application/problem+json');

/** A route parameter that must be a UUID (anything else is simply not found). */
export const idParam = z.object({ id: z.uuid() });
