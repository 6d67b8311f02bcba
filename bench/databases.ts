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
