import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  createDatabaseIfMissing,
  openDatabase,
  resolveDatabaseUrl,
  withDatabase,
} from '../../src/storage/database.ts';

export const TEMPLATE_DB = 'clientele_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * Starts (or reuses) the test PostgreSQL, separate from the development one, and prepares a migrated template
 * database that every test file copies. TEST_DATABASE_URL points the tests at another server instead.
 */
export default async function setup(project: TestProject): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL
    ? process.env.TEST_DATABASE_URL
    : withDatabase(
        await resolveDatabaseUrl({
          dataDir: path.resolve('data/test'),
          embeddedPort: Number(process.env.TEST_PG_PORT ?? 54339),
          log: () => {},
        }),
        'postgres',
      );
  const client = await openDatabase(adminUrl, { migrate: false, max: 1 });
  // A fresh template each run, so a changed migration is always applied.
  await client.pool.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await client.close();
  await createDatabaseIfMissing(adminUrl, TEMPLATE_DB);
  const template = await openDatabase(withDatabase(adminUrl, TEMPLATE_DB), { max: 1 });
  await template.close();
  project.provide('pgAdminUrl', adminUrl);
}
