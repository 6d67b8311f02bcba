import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../services/context.ts';
import {
  type InvitationView,
  inviteInput,
  inviteMember,
  listOrganizationInvitations,
  revokeInvitation,
} from '../../services/invitations.ts';
import {
  changeMember,
  getMember,
  listOrganizationMembers,
  type MemberView,
  removeMember,
  updateMemberInput,
} from '../../services/members.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';

export const memberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'member']),
  language: z.enum(['en', 'fr']),
  notifications: z.object({ inApp: z.boolean(), email: z.boolean(), slack: z.boolean() }),
  createdAt: z.string(),
});

/** Presents a member for the API. */
export function presentMember(m: MemberView): z.infer<typeof memberSchema> {
  return { ...m, createdAt: iso(m.createdAt) };
}

const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(['admin', 'member']),
  status: z.enum(['pending', 'accepted', 'expired']),
  createdAt: z.string(),
  expiresAt: z.string(),
});

function presentInvitation(i: InvitationView): z.infer<typeof invitationSchema> {
  return { ...i, createdAt: iso(i.createdAt), expiresAt: iso(i.expiresAt) };
}

/** Members and invitations of the caller's organization. */
export function registerMemberRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['members'];
  const me = (actor: Actor, id: string) => (id === 'me' ? (actor.memberId ?? id) : id);

  app.get(
    '/members',
    {
      schema: {
        tags,
        summary: 'List members',
        response: { 200: z.object({ items: z.array(memberSchema) }) },
      },
    },
    async (req) => ({ items: (await listOrganizationMembers(ctx, actorOf(req))).map(presentMember) }),
  );

  app.get(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'Get a member (`me` for yourself)',
        params: z.object({ id: z.union([z.uuid(), z.literal('me')]) }),
        response: { 200: memberSchema, 404: problemSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return sendResult(req, reply, await getMember(ctx, actor, me(actor, req.params.id)), presentMember);
    },
  );

  app.patch(
    '/members/:id',
    {
      schema: {
        tags,
        summary: 'Change a role (admins) or your own name, language and notification channels (`me`)',
        params: z.object({ id: z.union([z.uuid(), z.literal('me')]) }),
        body: updateMemberInput,
        response: { 200: memberSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const r = await changeMember(ctx, actor, me(actor, req.params.id), req.body);
      return sendResult(req, reply, r, presentMember);
    },
  );

  app.delete(
    '/members/:id',
    { schema: { tags, summary: 'Remove a member', params: idParam, response: { 204: z.null() } } },
    async (req, reply) =>
      sendResult(req, reply, await removeMember(ctx, actorOf(req), req.params.id), () => null, 204),
  );

  app.get(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'List invitations',
        response: { 200: z.object({ items: z.array(invitationSchema) }) },
      },
    },
    async (req) => ({ items: (await listOrganizationInvitations(ctx, actorOf(req))).map(presentInvitation) }),
  );

  app.post(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a person by email (admins); the answer carries the acceptance link',
        body: inviteInput,
        response: {
          201: invitationSchema.extend({ acceptUrl: z.string() }),
          403: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await inviteMember(ctx, actorOf(req), req.body),
        (i) => ({ ...presentInvitation(i), acceptUrl: i.acceptUrl }),
        201,
      ),
  );

  app.delete(
    '/invitations/:id',
    {
      schema: {
        tags,
        summary: 'Withdraw a pending invitation',
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await revokeInvitation(ctx, actorOf(req), req.params.id), () => null, 204),
  );
}
