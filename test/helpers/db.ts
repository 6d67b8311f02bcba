import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import {
  createDatabaseIfMissing,
  type Database,
  openDatabase,
  withDatabase,
} from '../../src/storage/database.ts';

/**
 * A new database for one test file (a copy of `template` when given), dropped when the file's tests end, after
 * `close` has let go of it. Its URL.
 */
export async function createDroppedDatabase(close: () => Promise<void>, template?: string): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `clientele_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(adminUrl, name, template);
  afterAll(async () => {
    await close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return withDatabase(adminUrl, name);
}

/** The URL of the database a test's services use (for a worker or a command in a process of its own). */
export function databaseUrlOf(ctx: ServiceContext): string {
  return (ctx.system.pool as unknown as { options: { connectionString: string } }).options.connectionString;
}

/**
 * A fresh, migrated database for one test file, copied from the template made by the global setup and dropped
 * when the file's tests end.
 */
export async function createTestDatabase(): Promise<Database> {
  let database: Database | undefined;
  const url = await createDroppedDatabase(async () => database?.close(), inject('templateDb'));
  database = await openDatabase(url, { migrate: false });
  return database;
}

/** The service context the application would build, on a fresh test database. */
export async function createTestContext(opts: { defaultFeatures?: string[] } = {}): Promise<ServiceContext> {
  const database = await createTestDatabase();
  return {
    db: database.db,
    pool: database.pool,
    tenants: database.tenants,
    system: database.system,
    settings: {
      publicUrl: 'http://clientele.test',
      defaultFeatures: opts.defaultFeatures ?? ['contact-import'],
      files: { maxBytes: 50 * 1024 * 1024, maxLineBytes: 1024 * 1024, maxColumns: 500 },
    },
  };
}
