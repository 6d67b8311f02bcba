import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ensureEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import type { DB } from './schema.ts';
import { type SqlPool, TenantDatabases } from './tenant-pool.ts';

// Return int8 and numeric as strings is pg's default; counts are small enough for numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates (not timestamps) stay as the 'YYYY-MM-DD' text they are, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/**
 * A connected database. The application works through `tenants` (or `db`/`pool`, which belong to no organization
 * and see no tenant row) as a role subject to row-level security; `system` is the tables' owner, for migrations and
 * the few reads made before an organization is known.
 */
export interface Database {
  db: Kysely<DB>;
  pool: SqlPool;
  tenants: TenantDatabases;
  system: { db: Kysely<DB>; pool: pg.Pool };
  /** The owner's connection string. */
  url: string;
  close(): Promise<void>;
}

/** Where the database is: DATABASE_URL, or the embedded server kept under the data folder. */
export interface DatabaseLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
  embeddedPort: number;
  log?: (message: string) => void;
}

const EMBEDDED_DB_NAME = 'clientele';

/** Resolves the connection string: the given URL, or the embedded server (started on first need). */
export async function resolveDatabaseUrl(loc: DatabaseLocation): Promise<string> {
  if (loc.databaseUrl) return loc.databaseUrl;
  const adminUrl = await ensureEmbeddedPostgres({
    dataDir: loc.dataDir,
    port: loc.embeddedPort,
    ...(loc.log ? { log: loc.log } : {}),
  });
  await createDatabaseIfMissing(adminUrl, EMBEDDED_DB_NAME);
  return withDatabase(adminUrl, EMBEDDED_DB_NAME);
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a database on the server if it does not exist (optionally as a copy of a template). */
export async function createDatabaseIfMissing(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return;
    const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ''}`);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        // Another process created it between our check and our create.
        if (code === '42P04') return;
        // The template's last connections are still closing on the server side.
        if (code !== '55006' || attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await client.end();
  }
}

/** The role the application connects as: no superuser, no BYPASSRLS (created by migration 0010). */
export const APP_ROLE = 'clientele_app';

/**
 * The application role's connection string: the given one, or the owner's with the role's name (and the owner's
 * password, which the role is given once when it cannot log in with it yet).
 */
async function appRoleUrl(owner: pg.Pool, ownerUrl: string, given?: string): Promise<string> {
  if (given) return given;
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  const url = u.toString();
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return url;
  } catch (e) {
    const code = (e as { code?: string }).code;
    // 28P01: wrong password; 28000: the role may not log in (as created by the migration).
    if (code !== '28P01' && code !== '28000') throw e;
  } finally {
    await probe.end().catch(() => {});
  }
  const password = decodeURIComponent(new URL(ownerUrl).password);
  const literal = `'${password.replaceAll("'", "''")}'`;
  await owner.query(`alter role ${APP_ROLE} login${password ? ` password ${literal}` : ''}`);
  return url;
}

/** Refuses to run as a role that row-level security would not hold. */
async function checkAppRole(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ rolsuper: boolean; rolbypassrls: boolean; rolname: string }>(
    'select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
  );
  const role = rows[0];
  if (!role || role.rolsuper || role.rolbypassrls)
    throw new Error(
      `The application's database role ${role?.rolname ?? '?'} bypasses row-level security; use a role without SUPERUSER or BYPASSRLS.`,
    );
}

/**
 * Opens the database at the owner's URL: applies pending migrations (unless told not to), then opens the
 * application's pool as the row-level-security role (APP_DATABASE_URL, or `clientele_app` on the same server).
 */
export async function openDatabase(
  url: string,
  opts: { migrate?: boolean; max?: number; appUrl?: string | undefined } = {},
): Promise<Database> {
  // The owner's pool serves a lookup per authenticated request (the session or API key), so it is not tiny.
  const ownerPool = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil((opts.max ?? 10) / 2)) });
  ownerPool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  let appPool: pg.Pool | undefined;
  try {
    if (opts.migrate !== false) await migrate(ownerPool);
    appPool = new pg.Pool({
      connectionString: await appRoleUrl(ownerPool, url, opts.appUrl),
      max: opts.max ?? 10,
    });
    appPool.on('error', () => {});
    await checkAppRole(appPool);
  } catch (e) {
    await appPool?.end().catch(() => {});
    await ownerPool.end().catch(() => {});
    throw e;
  }
  const tenants = new TenantDatabases(appPool);
  const systemDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: ownerPool }) });
  const pool = appPool;
  return {
    db: tenants.none.db,
    pool: tenants.none.pool,
    tenants,
    system: { db: systemDb, pool: ownerPool },
    url,
    async close() {
      await systemDb.destroy();
      await pool.end();
    },
  };
}
