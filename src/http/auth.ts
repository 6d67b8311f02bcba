import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiKey, authenticateSession } from '../services/authenticate.ts';
import type { Actor, ServiceContext } from '../services/context.ts';
import { sendProblem } from './errors.ts';

export const SESSION_COOKIE = 'clientele_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The caller's organization's data version, read with the caller (see services/authenticate.ts). */
    dataVersion: string | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes are private unless they say `public: true`. */
    public?: boolean;
    /** Only admins may call the route. */
    admin?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The `x-csrf-token` header matches the session's token (compared in constant time; a repeated header fails). */
function csrfMatches(sent: string | string[] | undefined, expected: string | null): boolean {
  if (typeof sent !== 'string' || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Resolves the caller on every /api/v1 request: `Authorization: Bearer <api key>` or the session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in `x-csrf-token` (API keys need not).
 */
export function registerAuth(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('dataVersion', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const found = await authenticateApiKey(ctx, authz.slice(7).trim());
      if (!found) return sendProblem(req, reply, { code: 'unauthenticated' });
      req.actor = found.actor;
      req.dataVersion = found.dataVersion;
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const found = await authenticateSession(ctx, token);
        if (found) {
          req.actor = found.actor;
          req.dataVersion = found.dataVersion;
          req.sessionToken = token;
          req.csrfToken = found.csrfToken;
        }
      }
    }
    const config = req.routeOptions.config;
    if (config.public) return;
    if (!req.actor) return sendProblem(req, reply, { code: 'unauthenticated' });
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      if (!csrfMatches(req.headers['x-csrf-token'], req.csrfToken))
        return sendProblem(req, reply, { code: 'csrf_failed' });
    }
    if (config.admin && req.actor.role !== 'admin') return sendProblem(req, reply, { code: 'forbidden' });
  });
}

/** The authenticated actor of a private route. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('actorOf called on a route without authentication');
  return req.actor;
}
