import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Lang } from '../domain/messages/index.ts';
import type { DB, Role } from '../storage/schema.ts';

/** What every use case needs: the database, and the instance settings that change behaviour. */
export interface ServiceContext {
  db: Kysely<DB>;
  pool: pg.Pool;
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
