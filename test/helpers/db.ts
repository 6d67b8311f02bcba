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
 * A fresh, migrated database for one test file, copied from the template made by the global setup and dropped
 * when the file's tests end.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = inject('pgAdminUrl');
  const name = `clientele_test_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(adminUrl, name, inject('templateDb'));
  const database = await openDatabase(withDatabase(adminUrl, name), { migrate: false });
  afterAll(async () => {
    await database.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
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
