import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Lang } from '../domain/messages/index.ts';
import type { DB, Role } from '../storage/schema.ts';
import type { SqlPool, TenantDatabases } from '../storage/tenant-pool.ts';

/**
 * What every use case needs: the database, and the instance settings that change behaviour.
 *
 * `db` and `pool` run under row-level security as the organization the context is bound to (`inOrganization`),
 * and see no organization's rows when it is bound to none. `system` is the tables' owner, for the reads that
 * come before an organization is known (authentication, sign-up, the job queue's recovery, the outbox).
 */
export interface ServiceContext {
  db: Kysely<DB>;
  pool: SqlPool;
  /** The organization `db` and `pool` act for; null or absent when bound to none. */
  organizationId?: string | null;
  tenants: TenantDatabases;
  system: { db: Kysely<DB>; pool: pg.Pool };
  settings: InstanceSettings;
  /** The background job queue; absent where nothing runs jobs (the command line applies in-process). */
  jobs?: JobQueue;
}

/** Sends work to the workers (a PostgreSQL-backed queue shared by every process). */
export interface JobQueue {
  send(name: string, data: object, opts?: { singletonKey?: string }): Promise<void>;
}

/** Instance-wide settings from the configuration. */
export interface InstanceSettings {
  publicUrl: string;
  defaultFeatures: string[];
  /** Limits on uploaded files. */
  files: { maxBytes: number; maxLineBytes: number; maxColumns: number };
}

/** Who is acting, inside which organization. Every tenant use case takes one. */
export interface Actor {
  organizationId: string;
  /** null for the command line acting as the instance operator. */
  memberId: string | null;
  userId: string | null;
  role: Role;
  language: Lang;
  /** `worker`: a background job doing what a member (or an API key) asked for. */
  via: 'session' | 'api_key' | 'cli' | 'worker';
  /** The API key acting (via `api_key`, or a worker running what a key asked for), named in the audit log. */
  apiKeyId?: string | null;
}

export type { Lang };

/**
 * The context whose connections act for this organization (row-level security then shows and accepts only its
 * rows). Every use case that acts inside an organization starts with it.
 */
export function inOrganization(
  ctx: ServiceContext,
  who: string | { organizationId: string },
): ServiceContext {
  const organizationId = typeof who === 'string' ? who : who.organizationId;
  if (ctx.organizationId === organizationId) return ctx;
  const tenant = ctx.tenants.of(organizationId);
  return { ...ctx, db: tenant.db, pool: tenant.pool, organizationId };
}

/** The context acting as the tables' owner: only for reads before an organization is known. */
export function asSystem(ctx: ServiceContext): ServiceContext {
  return { ...ctx, db: ctx.system.db, pool: ctx.system.pool, organizationId: null };
}
