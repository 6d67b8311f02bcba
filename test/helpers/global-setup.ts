import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import {
  createDatabaseIfMissing,
  openDatabase,
  resolveDatabaseUrl,
  withDatabase,
} from '../../src/storage/database.ts';
import { MIGRATIONS_DIR } from '../../src/storage/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

/** The template is named after the migrations it holds: a changed migration makes a new one. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(MIGRATIONS_DIR).sort())
    hash.update(f).update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)));
  return `clientele_tpl_${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Starts (or reuses) the test PostgreSQL, separate from the development one, and makes sure a migrated template
 * database exists for every test file to copy. TEST_DATABASE_URL points the tests at another server instead.
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
  const template = templateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Several test runs may start together: one builds the template, the others wait for it.
    await admin.query('select pg_advisory_lock(724310003)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (!exists.rowCount) {
      await admin.query(`drop database if exists ${template}_build with (force)`);
      await createDatabaseIfMissing(adminUrl, `${template}_build`);
      const db = await openDatabase(withDatabase(adminUrl, `${template}_build`), { max: 1 });
      await db.close();
      // The migration's connections may still be closing on the server side.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`alter database ${template}_build rename to ${template}`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '55006' || attempt > 50) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
    await admin.query('select pg_advisory_unlock(724310003)');
  } finally {
    await admin.end();
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', template);
}
