import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.ts';
import { createTestDatabase } from '../helpers/db.ts';

describe('migrations', () => {
  it('are all applied to a new database and applying them again does nothing', async () => {
    const { system } = await createTestDatabase();
    const pool = system.pool;
    const { rows } = await pool.query<{ name: string }>('select name from schema_migrations order by name');
    expect(rows.map((r) => r.name)).toContain('0001_init.sql');
    expect(await migrate(pool)).toEqual([]);
  });
});
