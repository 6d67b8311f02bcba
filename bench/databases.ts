/** The benchmarks' databases on their embedded PostgreSQL (bench/out/pg). */
import pg from 'pg';

/**
 * Drops the databases of earlier runs whose names match a LIKE pattern: each run gets a database of its own, and
 * the earlier ones would fill the disk (a million-line run leaves about 1 GB) and share the shared buffers.
 */
export async function dropEarlierRuns(adminUrl: string, like: string): Promise<void> {
  const server = new pg.Client({ connectionString: adminUrl });
  await server.connect();
  try {
    const { rows } = await server.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [like],
    );
    for (const { datname } of rows) await server.query(`drop database "${datname}" with (force)`);
  } finally {
    await server.end();
  }
}

/**
 * Brings a benchmark's database to rest before a case is timed: VACUUM (ANALYZE) of the tables the cases fill,
 * then a checkpoint. Without it a case ran alongside the autovacuum of the rows the case before it wrote (a
 * million-line COPY or import makes PostgreSQL vacuum and analyze those tables about a second later), both
 * competing for the machine's two processors, and an import waited up to a second for that autovacuum's lock
 * before its first statistics refresh (docs/performance.md). Every case, the COPY baseline included, starts
 * alike: nothing left running from the one before, what autovacuum would do done beforehand, untimed.
 */
export async function settle(owner: pg.Pool, tables: readonly string[]): Promise<void> {
  await owner.query(`vacuum (analyze) ${tables.join(', ')}`);
  // A checkpoint needs a superuser or pg_checkpoint; without either the case starts without one.
  await owner.query('checkpoint').catch(() => undefined);
}
