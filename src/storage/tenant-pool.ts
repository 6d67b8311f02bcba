import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema.ts';

/**
 * Row-level security: every tenant table has a policy that shows and accepts only the rows of the organization
 * named by the setting `app.current_org` (migrations/0010_row_level_security.sql), and the application connects
 * as a role that cannot bypass it. This module is the one place that setting is written.
 *
 * The setting is checked at every checkout of a connection from the pool, before the connection is handed out, and
 * written unless the connection already holds that very organization: each statement or transaction the
 * application runs therefore carries the organization of the code that asked for it, and a connection never
 * carries one organization's setting into a checkout for another (a checkout for no organization writes the empty
 * setting, under which no tenant row is visible).
 */

/** What the application runs SQL on: checked-out clients for transactions and COPY, or one-off queries. */
export interface SqlPool {
  connect(): Promise<pg.PoolClient>;
  // biome-ignore lint/suspicious/noExplicitAny: the same default as pg's own query method
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** The database seen from inside one organization (or from none). */
export interface TenantDatabase {
  organizationId: string | null;
  db: Kysely<DB>;
  pool: SqlPool;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SET_ORGANIZATION = "select set_config('app.current_org', $1, false)";

/**
 * The setting each pooled connection holds, as this process last wrote it (it is the only writer: the setting is
 * written outside any transaction, so no rollback undoes it). A checkout for the organization a connection already
 * acts for skips the round trip; any other checkout writes it.
 */
const settingOf = new WeakMap<pg.PoolClient, string>();

/** A view of the application pool whose connections run inside one organization (or none, when null). */
function scopedPool(pool: pg.Pool, organizationId: string | null): SqlPool & { end(): Promise<void> } {
  const wanted = organizationId ?? '';
  const connect = async (): Promise<pg.PoolClient> => {
    const client = await pool.connect();
    if (settingOf.get(client) === wanted) return client;
    try {
      settingOf.delete(client);
      await client.query(SET_ORGANIZATION, [wanted]);
      settingOf.set(client, wanted);
    } catch (e) {
      // A connection whose setting could not be written is never reused.
      client.release(e instanceof Error ? e : true);
      throw e;
    }
    return client;
  };
  return {
    connect,
    async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
      const client = await connect();
      try {
        return await client.query<R>(text, values);
      } finally {
        client.release();
      }
    },
    // The views share the pool, which is ended once by its owner.
    async end() {},
  };
}

/** Kysely instances and pool views per organization, made on first use and kept (they hold no connection). */
export class TenantDatabases {
  readonly #pool: pg.Pool;
  readonly #byOrganization = new Map<string, TenantDatabase>();
  readonly none: TenantDatabase;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.none = this.#make(null);
  }

  /** The database as one organization sees it. */
  of(organizationId: string): TenantDatabase {
    let found = this.#byOrganization.get(organizationId);
    if (!found) {
      if (!UUID.test(organizationId)) throw new Error(`not an organization id: ${organizationId}`);
      // Bounded: a long-running server serving many organizations recycles the oldest views.
      if (this.#byOrganization.size >= 1000) this.#byOrganization.clear();
      found = this.#make(organizationId);
      this.#byOrganization.set(organizationId, found);
    }
    return found;
  }

  #make(organizationId: string | null): TenantDatabase {
    const pool = scopedPool(this.#pool, organizationId);
    return { organizationId, pool, db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }) };
  }
}

/** Anything that runs a query: a checked-out client (inside its transaction) or a pool. */
export type Queryable = Pick<SqlPool, 'query'>;
