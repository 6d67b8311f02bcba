import { FEATURES, isFeature } from '../domain/features.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import {
  disableFlag,
  enableFlag,
  insertPendingRequest,
  isFlagEnabled,
  listAllPendingRequests,
  listPendingRequests,
  markRequestsHandled,
} from '../storage/feature-flags.ts';
import { listFeatures } from '../storage/organizations.ts';
import { recordAudit } from './audit.ts';
import { type Actor, asSystem, inOrganization, type ServiceContext } from './context.ts';

/** A pending request for a feature, as the operator and the organization see it. */
export interface FeatureRequestView {
  id: string;
  organizationSlug: string;
  flag: string;
  requestedBy: string | null;
  requestedAt: Date;
}

/** The state of a feature for an organization after a member asked for it. */
export interface FeatureRequestOutcome {
  flag: string;
  status: 'pending' | 'enabled';
  requestedAt: Date | null;
  created: boolean;
}

const FLAG_NAME = /^[a-z][a-z0-9-]{1,62}$/;
const known = FEATURES.join(', ');

// Turning features on and off is the instance operator's job (PRODUCT.md), never an organization admin's.
function operatorOnly(actor: Actor): Result<never> | undefined {
  return actor.via === 'cli' ? undefined : fail('forbidden');
}

/** Turns a known feature on for the actor's organization (operator) and closes its pending requests. */
export async function enableFeature(
  ctx: ServiceContext,
  actor: Actor,
  flag: string,
): Promise<Result<{ flag: string; changed: boolean }>> {
  ctx = inOrganization(ctx, actor);
  const refused = operatorOnly(actor);
  if (refused) return refused;
  if (!isFeature(flag)) return fail('unknown_feature', { flag, known });
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const turnedOn = await enableFlag(trx, actor.organizationId, flag);
    await markRequestsHandled(trx, actor.organizationId, flag);
    if (turnedOn) await recordAudit(trx, actor, 'feature.enabled', { type: 'feature', id: flag }, { flag });
    return turnedOn;
  });
  return ok({ flag, changed });
}

/** Turns a feature off for the actor's organization (operator); any well-formed flag, so stray ones can go. */
export async function disableFeature(
  ctx: ServiceContext,
  actor: Actor,
  flag: string,
): Promise<Result<{ flag: string; changed: boolean }>> {
  ctx = inOrganization(ctx, actor);
  const refused = operatorOnly(actor);
  if (refused) return refused;
  if (!FLAG_NAME.test(flag)) return fail('unknown_feature', { flag, known });
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const turnedOff = await disableFlag(trx, actor.organizationId, flag);
    if (turnedOff) await recordAudit(trx, actor, 'feature.disabled', { type: 'feature', id: flag }, { flag });
    return turnedOff;
  });
  return ok({ flag, changed });
}

/** The features turned on for an organization, by name. */
export async function listFeatureFlags(ctx: ServiceContext, organizationId: string): Promise<string[]> {
  ctx = inOrganization(ctx, organizationId);
  return listFeatures(ctx.db, organizationId);
}

/** Every organization's pending feature requests, oldest first (the operator's queue). */
export async function listFeatureRequests(ctx: ServiceContext): Promise<FeatureRequestView[]> {
  // The operator's view across organizations.
  return (await listAllPendingRequests(asSystem(ctx).db)).map(requestView);
}

/** The actor's organization's pending feature requests. */
export async function listOrganizationFeatureRequests(
  ctx: ServiceContext,
  organizationId: string,
): Promise<FeatureRequestView[]> {
  ctx = inOrganization(ctx, organizationId);
  return (await listPendingRequests(ctx.db, organizationId)).map(requestView);
}

/** A member asks for a feature: one pending request per flag however often they ask; nothing if it is on. */
export async function requestFeature(
  ctx: ServiceContext,
  actor: Actor,
  flag: string,
): Promise<Result<FeatureRequestOutcome>> {
  ctx = inOrganization(ctx, actor);
  if (!isFeature(flag))
    return invalidFields([{ field: 'flag', code: 'unknown_feature', params: { flag, known } }]);
  if (await isFlagEnabled(ctx.db, actor.organizationId, flag))
    return ok({ flag, status: 'enabled', requestedAt: null, created: false });
  const r = await ctx.db.transaction().execute(async (trx) => {
    const request = await insertPendingRequest(trx, actor.organizationId, flag, actor.memberId);
    if (request.created)
      await recordAudit(trx, actor, 'feature.requested', { type: 'feature', id: flag }, { flag });
    return request;
  });
  return ok({ flag, status: 'pending', requestedAt: r.requested_at, created: r.created });
}

/** Refuses with `feature_disabled` (403) when the feature is off for the organization. */
export async function requireFeature(
  ctx: ServiceContext,
  organizationId: string,
  flag: string,
): Promise<Result<null>> {
  ctx = inOrganization(ctx, organizationId);
  return (await isFlagEnabled(ctx.db, organizationId, flag)) ? ok(null) : fail('feature_disabled', { flag });
}

function requestView(r: {
  id: string;
  organization_slug: string;
  flag: string;
  requested_by_email: string | null;
  requested_at: Date;
}): FeatureRequestView {
  return {
    id: r.id,
    organizationSlug: r.organization_slug,
    flag: r.flag,
    requestedBy: r.requested_by_email,
    requestedAt: r.requested_at,
  };
}
