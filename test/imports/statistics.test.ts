import { describe, expect, it } from 'vitest';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, runImportText } from '../helpers/imports.ts';

const ctx = await createTestContext();

async function lastAnalyzed(): Promise<Record<string, Date | null>> {
  const { rows } = await ctx.system.pool.query<{ relname: string; at: Date | null }>(
    `select relname, greatest(last_analyze, last_autoanalyze) as at from pg_stat_user_tables
      where relname in ('customers', 'contacts') order by relname`,
  );
  return Object.fromEntries(rows.map((r) => [r.relname, r.at]));
}

describe('planner statistics after a bulk import', () => {
  it('are refreshed by the owner once a large import is applied (the application role may not analyze)', async () => {
    const actor = await buildOrganization(ctx);
    const started = new Date();
    const lines = Array.from({ length: 10_000 }, (_, i) => [`Client ${i}`, `EXT-${i}`]);
    const summary = await runImportText(ctx, actor, 'customers', csv([['Name', 'External ID'], ...lines]));
    expect(summary.status).toBe('success');
    await ctx.system.pool.query('select pg_stat_clear_snapshot()');
    const after = await lastAnalyzed();
    expect(after.customers?.getTime()).toBeGreaterThanOrEqual(started.getTime());
    expect(after.contacts?.getTime()).toBeGreaterThanOrEqual(started.getTime());
  });
});
