import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOrganization } from '../../services/get-organization.ts';
import { acceptInput, acceptInvitation } from '../../services/invitations.ts';
import { logIn } from '../../services/log-in.ts';
import { logOut } from '../../services/log-out.ts';
import { getMember } from '../../services/members.ts';
import type { NewSession } from '../../services/sessions.ts';
import { signUp, signUpInput } from '../../services/sign-up.ts';
import type { AppDeps } from '../app.ts';
import { actorOf, SESSION_COOKIE } from '../auth.ts';
import { sendProblem } from '../errors.ts';
import { problemSchema } from '../reply.ts';
import { presentMember } from './members.ts';

const sessionBody = z.object({ organizationId: z.uuid(), csrfToken: z.string() });

/** Sign-up, login, logout and the current session. */
export function registerAuthRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const setCookie = (reply: FastifyReply, s: NewSession) =>
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.cookieSecure,
      path: '/',
      expires: s.expiresAt,
    });

  app.post(
    '/auth/sign-up',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Create an organization and its first admin, and log in',
        body: signUpInput,
        response: { 201: sessionBody.extend({ slug: z.string() }), 400: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) => {
      const r = await signUp(ctx, req.body);
      if (!r.ok) return sendProblem(req, reply, r.error);
      setCookie(reply, r.value.session);
      return reply.code(201).send({
        organizationId: r.value.organizationId,
        slug: r.value.slug,
        csrfToken: r.value.session.csrfToken,
      });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password (optionally into a given organization slug)',
        body: z.object({
          email: z.string().max(254),
          password: z.string().max(200),
          organization: z.string().optional(),
        }),
        response: { 200: sessionBody, 401: problemSchema },
      },
    },
    async (req, reply) => {
      const r = await logIn(ctx, req.body);
      if (!r.ok) return sendProblem(req, reply, r.error);
      setCookie(reply, r.value.session);
      return { organizationId: r.value.organizationId, csrfToken: r.value.session.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.sessionToken) await logOut(ctx, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['members'],
        summary: 'Accept an invitation (creates the account if needed) and log in',
        body: acceptInput,
        response: { 200: sessionBody, 404: problemSchema },
      },
    },
    async (req, reply) => {
      const r = await acceptInvitation(ctx, req.body);
      if (!r.ok) return sendProblem(req, reply, r.error);
      setCookie(reply, r.value.session);
      return { organizationId: r.value.organizationId, csrfToken: r.value.session.csrfToken };
    },
  );

  app.get(
    '/session',
    { schema: { tags: ['auth'], summary: 'Who is logged in, where, and the CSRF token for writes' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const me = actor.memberId ? await getMember(ctx, actor, actor.memberId) : undefined;
      if (me && !me.ok) return sendProblem(req, reply, me.error);
      const org = await getOrganization(ctx, actor);
      if (!org.ok) return sendProblem(req, reply, org.error);
      return {
        organizationId: actor.organizationId,
        organization: org.value,
        role: actor.role,
        via: actor.via,
        csrfToken: req.csrfToken,
        member: me?.ok ? presentMember(me.value) : null,
      };
    },
  );
}
