import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ensureEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import type { DB } from './schema.ts';

// Return int8 and numeric as strings is pg's default; counts are small enough for numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates (not timestamps) stay as the 'YYYY-MM-DD' text they are, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** A connected database: the Kysely instance for queries and the pg pool for COPY and raw access. */
export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
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

/** Opens a pool and Kysely on a URL, applying pending migrations first unless told not to. */
export async function openDatabase(
  url: string,
  opts: { migrate?: boolean; max?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  if (opts.migrate !== false) await migrate(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    url,
    async close() {
      await db.destroy();
    },
  };
}
